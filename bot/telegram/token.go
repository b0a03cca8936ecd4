package telegram

import (
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/texts"
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
// repeating the token. The error is a texts.Msg (its Error is English), to
// be read after the setting's name in the operator's language.
func CheckToken(token string) error {
	if tokenRE.MatchString(token) {
		return nil
	}
	id, secret, found := strings.Cut(token, ":")
	switch {
	case !found:
		return texts.M("token_shape")
	case len(id) < 5 || strings.Trim(id, "0123456789") != "":
		return texts.M("token_id")
	case secret == "":
		return texts.M("token_no_secret")
	}
	return texts.M("token_secret")
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
