package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// config is everything serve needs, read from the environment with flags
// taking precedence.
type config struct {
	Token         string
	APIURL        string
	DB            string
	TZ            *time.Location
	HTTPAddr      string
	WebhookURL    string
	WebhookSecret string
	PublicURL     string // the web console's address; "": no console
	SendRate      float64
	LogLevel      slog.Level
	perChat       time.Duration // the demo's fake Telegram needs no 1 s gap per chat
}

type setting struct {
	flag, env, def, help string
}

var serveSettings = []setting{
	{"token", "GANSHI_TELEGRAM_TOKEN", "", "Telegram bot token from @BotFather (required)"},
	{"api-url", "GANSHI_TELEGRAM_API_URL", "https://api.telegram.org", "Bot API server (a self-hosted or fake one)"},
	{"db", "GANSHI_DB", "ganshi.db", "SQLite file path, or a postgres:// DSN for several replicas"},
	{"tz", "GANSHI_TZ", "Asia/Shanghai", "time zone for deadlines and reminders"},
	{"http-addr", "GANSHI_HTTP_ADDR", "127.0.0.1:8080", "address for /healthz, /metrics and the webhook"},
	{"webhook-url", "GANSHI_WEBHOOK_URL", "", "public https URL Telegram posts updates to; empty = long polling"},
	{"webhook-secret", "GANSHI_WEBHOOK_SECRET", "", "secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (required with a webhook URL)"},
	{"public-url", "GANSHI_PUBLIC_URL", "", "the web console's public https URL (a site root) for /web's login links; empty = no console"},
	{"send-rate", "GANSHI_SEND_RATE", "25", "messages per second sent overall"},
	{"log-level", "GANSHI_LOG_LEVEL", "info", "debug, info, warn or error"},
}

var secretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// parseServeConfig reads flags over environment over defaults. Every
// problem names the variable or flag so an operator can fix it at once.
func parseServeConfig(args []string, getenv func(string) string, out io.Writer) (config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(out)
	vals := map[string]*string{}
	for _, s := range serveSettings {
		v := getenv(s.env)
		if v == "" {
			v = s.def
		}
		vals[s.env] = fs.String(s.flag, v, fmt.Sprintf("%s (env %s)", s.help, s.env))
	}
	fs.Usage = func() {
		fmt.Fprintln(out, "Usage: ganshi serve [flags]\n\nRuns the bot until SIGINT or SIGTERM. Flags override the environment.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return config{}, err
		}
		return config{}, usagef("serve: %v", err)
	}
	if fs.NArg() > 0 {
		return config{}, usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	get := func(env string) string { return strings.TrimSpace(*vals[env]) }
	return buildConfig(get)
}

func buildConfig(get func(env string) string) (config, error) {
	c := config{
		Token: get("GANSHI_TELEGRAM_TOKEN"), APIURL: get("GANSHI_TELEGRAM_API_URL"), DB: get("GANSHI_DB"),
		HTTPAddr: get("GANSHI_HTTP_ADDR"), WebhookURL: get("GANSHI_WEBHOOK_URL"), WebhookSecret: get("GANSHI_WEBHOOK_SECRET"),
		PublicURL: strings.TrimRight(get("GANSHI_PUBLIC_URL"), "/"),
	}
	if c.Token == "" {
		return c, usagef("GANSHI_TELEGRAM_TOKEN is not set: give the bot token from @BotFather (or --token); `ganshi demo` runs without one")
	}
	if err := telegram.CheckToken(c.Token); err != nil {
		// The message never repeats the value: it is a secret, even when wrong.
		return c, usagef("GANSHI_TELEGRAM_TOKEN %v", err)
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, usagef("GANSHI_TELEGRAM_API_URL must be an http(s) URL, got %q", c.APIURL)
	}
	if c.DB == "" {
		return c, usagef("GANSHI_DB is empty: give a SQLite file path or a postgres:// DSN")
	}
	if err := models.CheckDSN(c.DB); err != nil {
		return c, usagef("GANSHI_DB: %v", err)
	}
	loc, err := time.LoadLocation(get("GANSHI_TZ"))
	if err != nil {
		return c, usagef("GANSHI_TZ: unknown time zone %q (for example Asia/Shanghai)", get("GANSHI_TZ"))
	}
	c.TZ = loc
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		return c, usagef("GANSHI_HTTP_ADDR must be host:port, got %q", c.HTTPAddr)
	}
	if err := checkWebhook(c.WebhookURL, c.WebhookSecret); err != nil {
		return c, err
	}
	if err := checkPublicURL(c.PublicURL); err != nil {
		return c, err
	}
	rate, err := strconv.ParseFloat(get("GANSHI_SEND_RATE"), 64)
	// NaN compares false with everything, so it must be refused by name:
	// it would pass a plain range check and switch the rate limit off.
	if err != nil || math.IsNaN(rate) || math.IsInf(rate, 0) || rate <= 0 || rate > maxSendRate {
		return c, usagef("GANSHI_SEND_RATE must be a number of messages per second above 0 and at most %d, got %q", maxSendRate, get("GANSHI_SEND_RATE"))
	}
	c.SendRate = rate
	if err := c.LogLevel.UnmarshalText([]byte(get("GANSHI_LOG_LEVEL"))); err != nil {
		return c, usagef("GANSHI_LOG_LEVEL must be debug, info, warn or error, got %q", get("GANSHI_LOG_LEVEL"))
	}
	return c, nil
}

// Telegram allows a bot about 30 messages a second overall; above that it
// answers 429 and every send waits. maxSendRate only stops typing slips.
const (
	telegramRate = 30
	maxSendRate  = 1000
)

// warnings are settings that work but are probably a mistake; serve logs
// them at start.
func (c config) warnings() []string {
	var w []string
	if c.SendRate > telegramRate {
		w = append(w, fmt.Sprintf("GANSHI_SEND_RATE=%g is above Telegram's limit of about %d messages a second: expect 429 answers and pauses", c.SendRate, telegramRate))
	}
	return w
}

func checkWebhook(rawURL, secret string) error {
	if rawURL == "" {
		return nil
	}
	if u, err := url.Parse(rawURL); err != nil || u.Scheme != "https" || u.Host == "" {
		return usagef("GANSHI_WEBHOOK_URL must be an https URL Telegram can reach, got %q", rawURL)
	}
	if !secretRE.MatchString(secret) {
		return usagef("GANSHI_WEBHOOK_SECRET must be set with a webhook: 1–256 characters A-Z, a-z, 0-9, _ or -")
	}
	return nil
}

// checkPublicURL accepts an http(s) URL of a site root: the console's
// pages link from /, so a path prefix behind a proxy would break them.
func checkPublicURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "" || u.RawQuery != "" {
		return usagef("GANSHI_PUBLIC_URL must be the web console's address as browsers see it, a site root such as https://ganshi.example.gov.cn, got %q", raw)
	}
	return nil
}
