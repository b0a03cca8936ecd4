package sheets

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// maxSheetName is Excel's limit on a sheet name, in UTF-16 units.
const maxSheetName = 31

// sheetNames hands out valid sheet names, unique the way Excel compares
// them (ignoring case).
type sheetNames map[string]bool

// newSheetNames reserves taken names; "History" is reserved by Excel.
func newSheetNames(taken ...string) sheetNames {
	s := sheetNames{"history": true}
	for _, t := range taken {
		s[strings.ToLower(t)] = true
	}
	return s
}

// add returns a valid name for a unit, numbered "(2)", "(3)"… when two
// units' names are the same after cleaning and truncation.
func (s sheetNames) add(unit string) string {
	base := cleanSheetName(unit)
	name := base
	for i := 2; s[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf("(%d)", i)
		name = strings.TrimRight(truncate(base, maxSheetName-len(suffix)), "'") + suffix
	}
	s[strings.ToLower(name)] = true
	return name
}

// sheetNameFix swaps the characters Excel forbids in sheet names for
// their full-width forms, which read the same in a Chinese name.
var sheetNameFix = strings.NewReplacer("[", "［", "]", "］", ":", "：", "*", "＊", "?", "？", "/", "／", "\\", "＼")

func cleanSheetName(unit string) string {
	name := sheetNameFix.Replace(unit)
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(truncate(strings.TrimSpace(name), maxSheetName), "' ")
	if name == "" {
		return "单位"
	}
	return name
}

// truncate cuts s to at most n UTF-16 units without splitting a character.
func truncate(s string, n int) string {
	used := 0
	for i, r := range s {
		used += utf16.RuneLen(r)
		if used > n {
			return s[:i]
		}
	}
	return s
}
