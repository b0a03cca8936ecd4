package items

import "strings"

// circledBlocks are the Unicode runs whose one rune is a numbered marker.
// family groups runs that continue each other (① … ⑳ then ㉑ … ㊿).
var circledBlocks = []struct {
	first, last rune
	from        int
	family      rune
}{
	{'①', '⑳', 1, '①'},
	{'㉑', '㉟', 21, '①'},
	{'㊱', '㊿', 36, '①'},
	{'⑴', '⒇', 1, '⑴'},
	{'⒈', '⒛', 1, '⒈'},
	{'❶', '❿', 1, '❶'},
	{'⓫', '⓴', 11, '❶'},
	{'⓵', '⓾', 1, '⓵'},
	{'➀', '➉', 1, '➀'},
	{'➊', '➓', 1, '➊'},
	{'㈠', '㈩', 1, '㈠'},
	{'㊀', '㊉', 1, '㊀'},
}

func circledMarker(r rune, size int) (marker, bool) {
	for _, b := range circledBlocks {
		if r >= b.first && r <= b.last {
			return marker{style{kind: circled, open: b.family}, b.from + int(r-b.first), size}, true
		}
	}
	return marker{}, false
}

// keycapMarker reads "1️⃣" (digit, optional U+FE0F, U+20E3) and "🔟".
func keycapMarker(s string) (marker, bool) {
	if strings.HasPrefix(s, "🔟") {
		return marker{style{kind: keycap}, 10, len("🔟")}, true
	}
	if len(s) == 0 || !isDigit(rune(s[0])) {
		return marker{}, false
	}
	rest := strings.TrimPrefix(s[1:], "\uFE0F")
	if !strings.HasPrefix(rest, "\u20E3") {
		return marker{}, false
	}
	return marker{style{kind: keycap}, int(s[0] - '0'), len(s) - len(rest) + len("\u20E3")}, true
}

// bullets mark an item without numbering it. ASCII - * + only count when a
// space follows, as in Markdown: "-5%" and "**要点**" are text.
const bullets = "•·●○■□◆◇▪▫►▶▸➢➤✓✔√☆★・∙◦⁃‣✅☑🔹🔸👉"

// bulletEnd returns the bytes taken by a leading bullet, or 0.
func bulletEnd(s string) int {
	r, n := runeAt(s, 0)
	if strings.ContainsRune(bullets, r) {
		return n
	}
	if r == '-' || r == '*' || r == '+' {
		if next, _ := runeAt(s, n); next == -1 || isBlank(next) {
			return n
		}
	}
	return 0
}
