package main

import (
	"flag"
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
	"github.com/ganshi/ganshi/texts"
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
	Retention     models.Retention // GANSHI_RETENTION_DAYS, GANSHI_PAYLOAD_DAYS
	lang          string           // the operator's, for what serve says at start
	perChat       time.Duration    // the demo's fake Telegram needs no 1 s gap per chat
}

// setting is one of serve's settings; its description is the catalog's
// text cli_set_<flag> (dashes as underscores), in both languages.
type setting struct {
	flag, env, def string
}

var serveSettings = []setting{
	{"token", "GANSHI_TELEGRAM_TOKEN", ""},
	{"api-url", "GANSHI_TELEGRAM_API_URL", "https://api.telegram.org"},
	{"db", "GANSHI_DB", "ganshi.db"},
	{"tz", "GANSHI_TZ", models.DefaultZone},
	{"http-addr", "GANSHI_HTTP_ADDR", "127.0.0.1:8080"},
	{"webhook-url", "GANSHI_WEBHOOK_URL", ""},
	{"webhook-secret", "GANSHI_WEBHOOK_SECRET", ""},
	{"public-url", "GANSHI_PUBLIC_URL", ""},
	{"send-rate", "GANSHI_SEND_RATE", "25"},
	{"log-level", "GANSHI_LOG_LEVEL", "info"},
	{"retention-days", "GANSHI_RETENTION_DAYS", "30"},
	{"payload-days", "GANSHI_PAYLOAD_DAYS", "7"},
}

func (s setting) help(lang string) string {
	return texts.T(lang, "cli_set_"+strings.ReplaceAll(s.flag, "-", "_")) + texts.T(lang, "cli_env_note", s.env)
}

var secretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// parseServeConfig reads flags over environment over defaults. Every
// problem names the variable or flag so an operator can fix it at once.
func parseServeConfig(args []string, getenv func(string) string, out io.Writer) (config, error) {
	lang := cliLang(getenv)
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	vals := map[string]*string{}
	for _, s := range serveSettings {
		v := getenv(s.env)
		if v == "" {
			v = s.def
		}
		vals[s.env] = fs.String(s.flag, v, s.help(lang))
	}
	setUsage(fs, out, lang, "cli_serve_usage")
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return config{}, err
	}
	if len(pos) > 0 {
		return config{}, usageT(lang, "cli_unexpected_arg", "serve", pos[0])
	}
	get := func(env string) string { return strings.TrimSpace(*vals[env]) }
	return buildConfig(get, lang)
}

func buildConfig(get func(env string) string, lang string) (config, error) {
	c := config{
		Token: get("GANSHI_TELEGRAM_TOKEN"), APIURL: get("GANSHI_TELEGRAM_API_URL"), DB: get("GANSHI_DB"),
		HTTPAddr: get("GANSHI_HTTP_ADDR"), WebhookURL: get("GANSHI_WEBHOOK_URL"), WebhookSecret: get("GANSHI_WEBHOOK_SECRET"),
		PublicURL: strings.TrimRight(get("GANSHI_PUBLIC_URL"), "/"),
	}
	if c.Token == "" {
		return c, usageT(lang, "cli_token_unset")
	}
	if err := telegram.CheckToken(c.Token); err != nil {
		// The message never repeats the value: it is a secret, even when wrong.
		return c, usageT(lang, "cli_token_bad", reason(lang, err))
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, usageT(lang, "cli_api_url_bad", c.APIURL)
	}
	if c.DB == "" {
		return c, usageT(lang, "cli_db_empty")
	}
	if err := models.CheckDSN(c.DB); err != nil {
		return c, usageT(lang, "cli_db_bad", reason(lang, err))
	}
	loc, err := time.LoadLocation(get("GANSHI_TZ"))
	if err != nil {
		return c, usageT(lang, "cli_tz_unknown", get("GANSHI_TZ"))
	}
	c.TZ = loc
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		return c, usageT(lang, "cli_http_addr_bad", c.HTTPAddr)
	}
	if err := checkWebhook(c.WebhookURL, c.WebhookSecret, lang); err != nil {
		return c, err
	}
	if err := checkPublicURL(c.PublicURL, lang); err != nil {
		return c, err
	}
	rate, err := strconv.ParseFloat(get("GANSHI_SEND_RATE"), 64)
	// NaN compares false with everything, so it must be refused by name:
	// it would pass a plain range check and switch the rate limit off.
	if err != nil || math.IsNaN(rate) || math.IsInf(rate, 0) || rate <= 0 || rate > maxSendRate {
		return c, usageT(lang, "cli_send_rate_bad", maxSendRate, get("GANSHI_SEND_RATE"))
	}
	c.SendRate = rate
	if err := c.LogLevel.UnmarshalText([]byte(get("GANSHI_LOG_LEVEL"))); err != nil {
		return c, usageT(lang, "cli_log_level_bad", get("GANSHI_LOG_LEVEL"))
	}
	for _, d := range []struct {
		env string
		to  *time.Duration
	}{{"GANSHI_RETENTION_DAYS", &c.Retention.Keep}, {"GANSHI_PAYLOAD_DAYS", &c.Retention.Scrub}} {
		n, err := strconv.Atoi(get(d.env))
		if err != nil || n < 1 || n > 3650 {
			return c, usageT(lang, "cli_days_bad", d.env, get(d.env))
		}
		*d.to = time.Duration(n) * 24 * time.Hour
	}
	c.lang = lang
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
		w = append(w, texts.T(c.lang, "cli_send_rate_warn", c.SendRate, telegramRate))
	}
	return w
}

func checkWebhook(rawURL, secret, lang string) error {
	if rawURL == "" {
		return nil
	}
	if u, err := url.Parse(rawURL); err != nil || u.Scheme != "https" || u.Host == "" {
		return usageT(lang, "cli_webhook_url_bad", rawURL)
	}
	if !secretRE.MatchString(secret) {
		return usageT(lang, "cli_webhook_secret_bad")
	}
	return nil
}

// checkPublicURL accepts an http(s) URL of a site root: the console's
// pages link from /, so a path prefix behind a proxy would break them.
func checkPublicURL(raw, lang string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "" || u.RawQuery != "" {
		return usageT(lang, "cli_public_url_bad", raw)
	}
	return nil
}
