package telegramtest

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// content is validated text (or caption) with its displayed form.
type content struct {
	raw, plain, parseMode string
	entities              []entity
}

// parseText validates text like Telegram; emptyErr "" allows empty text.
func parseText(raw, parseMode string, limit int, emptyErr, longErr string) (content, *apiError) {
	c := content{raw: raw, plain: raw, parseMode: parseMode}
	if !utf8.ValidString(raw) {
		return c, badRequest("text must be encoded in UTF-8")
	}
	switch strings.ToLower(parseMode) {
	case "":
	case "html":
		plain, ents, problem := parseHTML(raw)
		if problem != "" {
			return c, badRequest("can't parse entities: " + problem)
		}
		c.plain, c.entities = plain, ents
	case "markdown", "markdownv2":
		// Markdown is not parsed: the raw text stands in for the display.
	default:
		return c, badRequest("unsupported parse_mode")
	}
	if emptyErr != "" && strings.TrimSpace(c.plain) == "" {
		return c, badRequest(emptyErr)
	}
	if textLen(c.plain) > limit {
		return c, badRequest(longErr)
	}
	return c, nil
}

// decodeCharRef decodes the character reference at the start of s; size 0
// means s does not start with one Telegram knows, so '&' is literal.
func decodeCharRef(s string) (rune, int) {
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 10 {
		return 0, 0
	}
	name := s[1:semi]
	switch name {
	case "lt":
		return '<', semi + 1
	case "gt":
		return '>', semi + 1
	case "amp":
		return '&', semi + 1
	case "quot":
		return '"', semi + 1
	}
	num, ok := strings.CutPrefix(name, "#")
	if !ok {
		return 0, 0
	}
	base := 10
	if hex, isHex := strings.CutPrefix(strings.ToLower(num), "x"); isHex {
		num, base = hex, 16
	}
	n, err := strconv.ParseUint(num, base, 32)
	if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
		return 0, 0
	}
	return rune(n), semi + 1
}

func unescapeHTML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if r, size := decodeCharRef(s[i:]); size > 0 {
				b.WriteRune(r)
				i += size
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// textLen is the length of s in UTF-16 code units, Telegram's unit.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}
