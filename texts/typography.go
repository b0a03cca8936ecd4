package texts

import (
	"regexp"
	"strings"
	"unicode"
)

// Chinese text carries no ASCII spaces: not between Han characters, not
// around a name, a date or a place run into a sentence, and not around
// numbers or Latin words, which official documents run in too ("3人",
// "2026年11月", "您的Telegram账号"). What is typed as shown keeps its
// spaces: commands with their arguments ("/exempt 张三 2026-11 参加党校培训"),
// code, and an item's label before its text ("A2 完成征收40户").

// cjkPunct is the full-width punctuation of Chinese sentences; a space next
// to it is as wrong as one next to a Han character.
const cjkPunct = "，。、；：？！“”‘’（）《》【】—…·"

func isCJK(r rune) bool { return unicode.Is(unicode.Han, r) || strings.ContainsRune(cjkPunct, r) }

// isWord is a letter or digit that is not Chinese: "Telegram", "3", "A2".
func isWord(r rune) bool { return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

var (
	codeSpan    = regexp.MustCompile(`<code>.*?</code>`)
	tag         = regexp.MustCompile(`<[^>]+>`)
	bullet      = regexp.MustCompile(`(?m)^\s*· `) // a list's bullet, not the 间隔号 of "城关镇·2026年11月"
	commandSpan = regexp.MustCompile(`(?:/[a-z]+|ganshi [a-z]+)[^\n，。；、（）“”：]*`)
	itemLabel   = regexp.MustCompile(`\b[AP]\d+ `)
)

// prose is s without what is typed as shown, each replaced by a mark that
// is neither Chinese nor a word.
func prose(s string) string {
	s = codeSpan.ReplaceAllString(s, "⌘")
	s = tag.ReplaceAllString(s, "")
	s = bullet.ReplaceAllString(s, "•")
	s = commandSpan.ReplaceAllString(s, "⌘")
	return itemLabel.ReplaceAllString(s, "⌘")
}

// StraySpaces lists, with a little context, each ASCII space in the
// Chinese prose of s that has Chinese on one side and Chinese, a number or
// a Latin word on the other: "推送给 张建国 签字", "共 3 人", "截止 11月30日
// 18:00". Tests of everything that writes Chinese use it.
func StraySpaces(s string) []string {
	rs := []rune(prose(s))
	var bad []string
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] != ' ' {
			continue
		}
		a, b := rs[i-1], rs[i+1]
		if isCJK(a) && (isCJK(b) || isWord(b)) || isWord(a) && isCJK(b) {
			lo, hi := max(0, i-6), min(len(rs), i+7)
			bad = append(bad, string(rs[lo:hi]))
		}
	}
	return bad
}
