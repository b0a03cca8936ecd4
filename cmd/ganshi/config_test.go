package main

import (
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

const tok = "123456:ABC-secret-0123456789abcdefghij_XYZ"

func TestServeConfigDefaults(t *testing.T) {
	c, err := parseServeConfig(nil, env("GANSHI_TELEGRAM_TOKEN", tok), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "ganshi.db" || c.TZ.String() != "Asia/Shanghai" || c.HTTPAddr != "127.0.0.1:8080" ||
		c.SendRate != 25 || c.APIURL != "https://api.telegram.org" || c.WebhookURL != "" ||
		c.Retention.Keep != 30*24*time.Hour || c.Retention.Scrub != 7*24*time.Hour {
		t.Fatalf("defaults = %+v", c)
	}
}

func TestFlagsOverrideEnvironment(t *testing.T) {
	c, err := parseServeConfig([]string{"--db", "other.db", "--send-rate", "5"},
		env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_DB", "env.db", "GANSHI_SEND_RATE", "10"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "other.db" || c.SendRate != 5 {
		t.Fatalf("flags did not win: %+v", c)
	}
}

func TestServeConfigErrorsNameTheVariable(t *testing.T) {
	tests := []struct {
		name string
		env  func(string) string
		args []string
		want string
	}{
		{"no token", env(), nil, "GANSHI_TELEGRAM_TOKEN is not set"},
		{"garbled token", env("GANSHI_TELEGRAM_TOKEN", "nonsense"), nil, "GANSHI_TELEGRAM_TOKEN does not look"},
		{"bad zone", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_TZ", "Mars/Base"), nil, "GANSHI_TZ"},
		{"token without secret", env("GANSHI_TELEGRAM_TOKEN", "123456:"), nil, "GANSHI_TELEGRAM_TOKEN"},
		{"token without id", env("GANSHI_TELEGRAM_TOKEN", ":ABC-secret-0123456789abcdefghij_XYZ"), nil, "GANSHI_TELEGRAM_TOKEN"},
		{"token id not digits", env("GANSHI_TELEGRAM_TOKEN", "bot12345:ABC-secret-0123456789abcdefghij_XYZ"), nil, "numeric id"},
		{"token secret short", env("GANSHI_TELEGRAM_TOKEN", "123456:ABC-secret"), nil, "30 or more"},
		{"token with a space", env("GANSHI_TELEGRAM_TOKEN", "123456:ABC-secret 0123456789abcdefghij_XYZ"), nil, "no spaces"},
		{"token in quotes", env("GANSHI_TELEGRAM_TOKEN", `"123456:ABC-secret-0123456789abcdefghij_XYZ"`), nil, "numeric id"},
		{"bad rate", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_SEND_RATE", "fast"), nil, "GANSHI_SEND_RATE"},
		{"NaN rate", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_SEND_RATE", "NaN"), nil, "GANSHI_SEND_RATE"},
		{"infinite rate", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_SEND_RATE", "+Inf"), nil, "GANSHI_SEND_RATE"},
		{"negative rate", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_SEND_RATE", "-3"), nil, "GANSHI_SEND_RATE"},
		{"huge rate", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_SEND_RATE", "1e9"), nil, "GANSHI_SEND_RATE"},
		{"unknown db scheme", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_DB", "mysql://x/y"), nil, "GANSHI_DB"},
		{"zero rate", env("GANSHI_TELEGRAM_TOKEN", tok), []string{"--send-rate", "0"}, "GANSHI_SEND_RATE"},
		{"bad addr", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_HTTP_ADDR", "8080"), nil, "GANSHI_HTTP_ADDR"},
		{"bad api url", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_TELEGRAM_API_URL", "ftp://x"), nil, "GANSHI_TELEGRAM_API_URL"},
		{"webhook without secret", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_WEBHOOK_URL", "https://bot.example.org/hook"), nil, "GANSHI_WEBHOOK_SECRET"},
		{"plain http webhook", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_WEBHOOK_URL", "http://bot.example.org/hook", "GANSHI_WEBHOOK_SECRET", "s"), nil, "GANSHI_WEBHOOK_URL"},
		{"zero retention", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_RETENTION_DAYS", "0"), nil, "GANSHI_RETENTION_DAYS"},
		{"retention in hours", env("GANSHI_TELEGRAM_TOKEN", tok), []string{"--retention-days", "12h"}, "GANSHI_RETENTION_DAYS"},
		{"bad payload days", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_PAYLOAD_DAYS", "-1"), nil, "GANSHI_PAYLOAD_DAYS"},
		{"bad log level", env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_LOG_LEVEL", "loud"), nil, "GANSHI_LOG_LEVEL"},
		{"unknown flag", env("GANSHI_TELEGRAM_TOKEN", tok), []string{"--nope"}, "--nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// English says the want; Chinese, the default, names the same
			// variable (or flag) in a sentence of its own.
			_, err := parseServeConfig(tt.args, withLang(tt.env, "en"), io.Discard)
			var ue usageError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want a usage error (exit status 2)", err)
			}
			if !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %q, want one line naming %q", err, tt.want)
			}
			_, zh := parseServeConfig(tt.args, tt.env, io.Discard)
			if !errors.As(zh, &ue) || !hasHan(zh.Error()) || strings.Contains(zh.Error(), "\n") ||
				!strings.Contains(zh.Error(), firstWord(err.Error())) {
				t.Fatalf("in Chinese: %q, want one Chinese line naming %s", zh, firstWord(err.Error()))
			}
			for _, e := range []error{err, zh} {
				if strings.Contains(e.Error(), "ABC-secret") {
					t.Fatalf("error shows the token: %q", e)
				}
			}
		})
	}
}

func TestPublicURL(t *testing.T) {
	c, err := parseServeConfig(nil, env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_PUBLIC_URL", "https://ganshi.example.gov.cn/"), io.Discard)
	if err != nil || c.PublicURL != "https://ganshi.example.gov.cn" {
		t.Fatalf("public URL %q, %v", c.PublicURL, err)
	}
	for _, bad := range []string{"ganshi.example.gov.cn", "ftp://x", "https://x.cn/ganshi", "https://x.cn/?a=1"} {
		_, err := parseServeConfig(nil, env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_PUBLIC_URL", bad), io.Discard)
		if err == nil || !strings.Contains(err.Error(), "GANSHI_PUBLIC_URL") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// firstWord is the GANSHI_ variable (or --flag) an English message names.
func firstWord(msg string) string {
	return regexp.MustCompile(`GANSHI_[A-Z_]+|--[a-z-]+`).FindString(msg)
}

// Telegram answers 429 above about 30 messages a second: a higher rate
// works but is worth a warning at start; the default is not.
func TestSendRateAboveTelegramsLimitWarns(t *testing.T) {
	for rate, warn := range map[string]bool{"25": false, "30": false, "30.5": true, "200": true} {
		c, err := parseServeConfig(nil, env("GANSHI_TELEGRAM_TOKEN", tok, "GANSHI_SEND_RATE", rate), io.Discard)
		if err != nil {
			t.Fatalf("rate %s: %v", rate, err)
		}
		w := c.warnings()
		if got := len(w) == 1 && strings.Contains(w[0], "GANSHI_SEND_RATE"); got != warn {
			t.Errorf("rate %s: warnings %q, want a warning: %v", rate, w, warn)
		}
	}
}

// Every token @BotFather gives out, and the fake's, passes the shape check.
func TestRealTokenShapesAccepted(t *testing.T) {
	for _, tk := range []string{tok, telegramtest.DefaultToken, "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"} {
		if _, err := parseServeConfig(nil, env("GANSHI_TELEGRAM_TOKEN", tk), io.Discard); err != nil {
			t.Errorf("token refused: %v", err)
		}
	}
}
