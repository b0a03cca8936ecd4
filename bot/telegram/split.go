package telegram

import (
	"strings"
	"unicode/utf8"
)

// Split cuts an HTML text into parts of at most max characters, at line
// ends where possible. A single line longer than max is cut between
// characters, never inside a tag or an entity such as &amp;. Ganshi's
// texts never open a tag on one line and close it on another, so a cut at a
// line end keeps every part well-formed.
func Split(text string, max int) []string {
	if utf8.RuneCountInString(text) <= max {
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
		n := utf8.RuneCountInString(line)
		if curLen+n > max {
			flush()
		}
		for n > max {
			head, rest := cutLine(line, max)
			parts = append(parts, head)
			line, n = rest, utf8.RuneCountInString(rest)
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
		if count == max {
			break
		}
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
		count++
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
