package telegram

import (
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// tokenRE is the shape of a bot token: the bot's numeric user id, a colon,
// and a secret. @BotFather's secrets are 35 characters of [A-Za-z0-9_-];
// Telegram documents no length, so 30 or more is accepted to survive a
// change on their side while still catching a truncated paste, and 5 or
// more digits because even the oldest bots' ids are that long. Anything
// else (a stray space, quotes, ":ABC", "123456:") cannot be a token and
// would only fail later, far from the typo.
var tokenRE = regexp.MustCompile(`^[0-9]{5,}:[A-Za-z0-9_-]{30,}$`)

// CheckToken tells what is wrong with a bot token's shape, without ever
// repeating the token. The message reads after the setting's name.
func CheckToken(token string) error {
	if tokenRE.MatchString(token) {
		return nil
	}
	id, secret, found := strings.Cut(token, ":")
	switch {
	case !found:
		return errors.New("does not look like a bot token: expected <bot id>:<secret> as @BotFather gives it, e.g. 123456789:AAH…")
	case len(id) < 5 || strings.Trim(id, "0123456789") != "":
		return errors.New("does not look like a bot token: the part before ':' must be the bot's numeric id (5 digits or more)")
	case secret == "":
		return errors.New("does not look like a bot token: the secret after ':' is missing")
	}
	return errors.New("does not look like a bot token: the secret after ':' must be 30 or more characters of A-Z, a-z, 0-9, _ and - (no spaces or quotes)")
}

// tokenForms are the ways a token (or its secret half) can appear in an
// error's text: raw, as a URL path or query escapes it, quoted by %q, and
// JSON-escaped. The library redacts only the raw form in a URL error, and
// net/http shows the URL escaped: a token with a space leaked as "%20".
// Longest first, so a form that contains another is replaced whole. A
// secret half shorter than 4 characters is left alone: replacing it would
// garble every message and hide nothing worth hiding.
func tokenForms(token string) []string {
	seen := map[string]bool{}
	var forms []string
	_, secret, _ := strings.Cut(token, ":")
	for _, t := range []string{token, secret} {
		if len(t) < 4 {
			continue
		}
		q := strconv.Quote(t)
		j, _ := json.Marshal(t)
		for _, f := range []string{
			t, url.PathEscape(t), url.QueryEscape(t), (&url.URL{Path: t}).EscapedPath(),
			strings.ReplaceAll(url.QueryEscape(t), "+", "%20"), q[1 : len(q)-1], string(j[1 : len(j)-1]),
		} {
			if !seen[f] {
				seen[f] = true
				forms = append(forms, f)
			}
		}
	}
	sort.SliceStable(forms, func(a, b int) bool { return len(forms[a]) > len(forms[b]) })
	return forms
}

// redactText replaces every form of the token in s.
func redactText(s string, forms []string) string {
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, "<token>")
	}
	return s
}
