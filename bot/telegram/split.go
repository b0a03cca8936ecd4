package telegram

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Split cuts an HTML text into parts of at most max characters, at line
// ends where possible. Characters are counted as Telegram counts them, in
// UTF-16 code units (an emoji is two), on the raw HTML, which is never
// shorter than what Telegram shows. A single line longer than max is cut between
// characters, never inside a tag or an entity such as &amp;. Ganshi's
// texts never open a tag on one line and close it on another, so a cut at a
// line end keeps every part well-formed.
func Split(text string, max int) []string {
	if Length(text) <= max {
		return []string{text}
	}
	var parts []string
	var cur strings.Builder
	curLen := 0
	flush := func() {
		if s := strings.TrimRight(cur.String(), "\n"); s != "" {
			parts = append(parts, s)
		}
		cur.Reset()
		curLen = 0
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		n := Length(line)
		if curLen+n > max {
			flush()
		}
		for n > max {
			head, rest := cutLine(line, max)
			parts = append(parts, head)
			line, n = rest, Length(rest)
		}
		cur.WriteString(line)
		curLen += n
	}
	flush()
	return parts
}

// cutLine returns the longest prefix of at most max runes that does not end
// inside a tag, an entity or an open element, and the rest.
func cutLine(line string, max int) (string, string) {
	cut, count, safe, depth := 0, 0, 0, 0
	inTag, closing, inEntity := false, false, false
	for i, r := range line {
		switch {
		case r == '<':
			inTag, closing = true, strings.HasPrefix(line[i+1:], "/")
		case r == '>' && inTag:
			inTag = false
			if closing {
				depth--
			} else {
				depth++
			}
		case r == '&':
			inEntity = true
		case r == ';':
			inEntity = false
		}
		if count+utf16.RuneLen(r) > max {
			break
		}
		count += utf16.RuneLen(r)
		cut = i + utf8.RuneLen(r)
		if !inTag && !inEntity && depth == 0 {
			safe = cut
		}
	}
	if safe == 0 {
		safe = cut
	}
	return line[:safe], line[safe:]
}

// Length is the length of s in UTF-16 code units, as Telegram counts.
func Length(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
