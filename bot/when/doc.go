// Package when reads the times people type in chat — "明天下午3点",
// "12月3日 15:00", "下周三 10:00", "2026-12-03 15:00" — and writes them back
// in the form they will be echoed for confirmation ("2026年12月3日（周四）
// 15:00").
//
// Parse wants a day and a time of day: "下午3点" alone is refused with
// ErrNeedDay rather than guessed. Dates that do not exist (2月30日) give an
// *InvalidDateError naming the date, and times not after now a *PastError,
// so the caller can say exactly what was wrong. An hour from 1 to 6 written
// without 上午/下午 (“3点”, “3:30”) is read as the afternoon: nobody books
// a talk at three in the morning, and the echo shows what was understood.
//
// OutsideWorkingHours tells whether a time falls before 08:30, after 17:30
// or on a rest day; such a time is allowed but worth a second look.
package when
