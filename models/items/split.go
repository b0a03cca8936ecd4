package items

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Split turns one chat message into report items: one per line, with
// numbering and bullets removed, blank lines dropped and surrounding white
// space (including U+3000) trimmed. A numbered line holding several items
// ("1.完成征收35户；2.签约率92%", "①…②…") is cut at its markers. Each item
// is a substring of message; the package comment gives the exact rules.
func Split(message string) []string {
	var out []string
	for _, line := range strings.FieldsFunc(message, isLineBreak) {
		out = append(out, splitLine(line)...)
	}
	return out
}

// splitLine cuts one line into its items. Only a line that starts with a
// marker is cut, so prose that mentions numbers is never split.
func splitLine(line string) []string {
	line = trim(line)
	if n := bulletEnd(line); n > 0 {
		line = trim(line[n:])
	}
	m, ok := leadingMarker(line)
	if !ok {
		return keep(nil, line)
	}
	var out []string
	from := m.end
	for {
		next, at := nextMarker(line, from, m)
		if at < 0 {
			return keep(out, afterMarker(line[from:]))
		}
		out = keep(out, strings.TrimRightFunc(afterMarker(line[from:at]), isSeparator))
		m, from = next, at+next.end
	}
}

// nextMarker finds the marker that continues m's list at or after byte
// from, and where it starts; -1 when the list does not continue.
func nextMarker(line string, from int, m marker) (marker, int) {
	for i := from; i < len(line); {
		c, ok := leadingMarker(line[i:])
		if ok && c.style == m.style && c.n == m.n+1 &&
			(m.style.selfDelimiting() || isSeparator(runeBefore(line, i))) {
			return c, i
		}
		_, n := utf8.DecodeRuneInString(line[i:])
		i += n
	}
	return marker{}, -1
}

// isSeparator reports the punctuation that may end one inline item before
// the next marker (folded, so '；' and '，' count).
func isSeparator(r rune) bool {
	return strings.ContainsRune(";。,:!?", fold(r)) || isBlank(r)
}

// afterMarker drops what people type between a marker and its text: spaces
// and a stray "、" or "." as in "（一）、招商引资".
func afterMarker(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool {
		return isBlank(r) || strings.ContainsRune("、.:,", fold(r))
	})
	return trim(s)
}

// keep appends s when it says something: a line of only numbering or
// punctuation ("1.", "——") is not an item.
func keep(out []string, s string) []string {
	s = trim(s)
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPunct(r) && !isBlank(r) }) < 0 {
		return out
	}
	return append(out, s)
}
