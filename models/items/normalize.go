package items

import "golang.org/x/text/unicode/norm"

// Normalize folds compatibility forms with NFKC — full-width digits and
// punctuation, ① to 1, ㎡ to m2 — so two spellings of one text compare
// equal. It is for comparing and searching only: callers store item text
// exactly as typed and keep figures beside it.
func Normalize(s string) string { return norm.NFKC.String(s) }
