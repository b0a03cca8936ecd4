// Package items owns the reading of a cadre's free-typed report text: it cuts
// one chat message into report items and finds the quantities each item
// states. It is pure — no I/O, no clock — so the bot can call it on every
// message and tests can feed it plain strings.
//
// Callers store the item text exactly as Split returns it; Figures only adds
// numbers beside it. Split never rewrites text: every item is a substring of
// the message, and every Figure.Raw is a substring of the item.
//
// # Split
//
// A message is cut at line breaks (\n, \r\n, \r, U+2028, U+2029). Each line
// loses surrounding white space (full-width U+3000 and zero-width marks too)
// and one leading bullet ("- ", "• ", "·", "●", "★" …), then its numbering:
//
//	(1)  （1）  [1]  【1】  1.  1．  1、  1)  1）  一、  一.  （一）
//	①–㊿  ⑴–⒇  ⒈–⒛  ❶–❿  ➀–➉  ㈠–㈩  1️⃣  第1条  第一项  第二，
//
// "1." is numbering only when no digit follows, so "3.5公里" stays whole.
// Letters (A. a)) and "一是…二是…" are left as text: both occur in ordinary
// prose too often to cut on.
//
// A numbered line is also cut where the next number of the same style
// appears: "1.完成征收35户；2.签约率92%" gives two items. The next marker
// must continue the count (2 after 1) and, unless it is a circled number or
// a keycap (①, 2️⃣), follow a separator or a space, so "1、完成2、3月任务" and
// "(1)完成(2)号楼改造" stay one item.
// Separators before a cut (；;。，,：:！!？? and spaces) are dropped; the last
// item keeps its final punctuation. A line without leading numbering is never cut, so a
// sentence mentioning "1." or "2026年11月" is safe. Lines holding only
// numbering or punctuation are dropped.
//
// # Figures
//
// Arabic numbers ("35", "1,200", "3.5", full-width "３５") are figures with or
// without a unit. Chinese numerals (三十五, 一百二十, 两千, 一万五, 三点五) are
// figures only when they start with a digit or 十 and a known unit or %
// follows, because 一起, 统一, 十分, 千家万户 are words, not quantities; some
// measure words (起, 块, 处, 部, 张 …) count only after Arabic digits for the
// same reason. A few fixed political phrases (四个意识, 八项规定 …) and the
// patterns 一户一策 and 一次性 are never figures.
//
// Between the number and its unit may come spaces and 余/多/近/约, also
// before 万: "80 余户" is {80, 户}, "1200余万元" is {1200, 万元}. The
// thousands separator is the ASCII comma only: "35，120户" is two numbers. "%", "％" and 百分之 make Percent true with the
// number kept as written: "92%" is Value 92, not 0.92.
//
// Money keeps 万 and 亿 in the unit, as reports state money: "3万元" is
// {3, 万元}, "1,200 万元" is {1200, 万元}, "两千万元" is {2000, 万元}. Every
// other multiplier is folded into the value: "1.2万户" is {12000, 户},
// "1.2万" is {12000, ""}, "5千元" is {5000, 元}.
//
// A range ("30-40户", "30～40户", "三至五个", "30%-40%") is one figure whose
// Value is its lower bound and whose Raw spans the whole range, so summing
// figures never counts a range twice nor overstates it. A bare lower bound
// takes the upper bound's multiplier: "1-2万元" is {1, 万元}.
//
// Not figures: dates and times ("11月", "2026年", "3日", "15:00", "2026-11-20",
// "2026.11.20", "11/20", "3点", "15分"), ordinals ("第3季度", "第一条"),
// numbers glued to Latin letters ("G320国道", "5G"; units such as "100km"
// are fine), bare digit strings of seven or more digits (phone numbers;
// "1,200,000" and "120万" still count) and the 12345 hotline.
//
// Figures expects one item, numbering already removed: given "1. 完成…" it
// reports the 1.
package items

// MaxItemsPerMessage caps the items taken from one message; callers name
// the first item left out so the cadre can send the rest again.
const MaxItemsPerMessage = 30
