// Package texts is the one catalog of everything Ganshi says to a person,
// in chat, on the web and on the command line: Simplified Chinese first,
// English second. Each feature keeps its texts in a file of its own here;
// T is the only lookup (M carries a key and its arguments to be said
// later, in the reader's language).
//
// Texts in chat are Telegram HTML: callers escape user data before
// passing it in. A key is namespaced by its feature (talk_, digest_,
// export_, …) where a plain name could mean two things.
//
// Map of the package:
//
//	texts.go                      T, M, Has, Lang; parts: the feature catalogs of each language
//	chat.go                       what every chat needs: binding, help, language, refusals, formats
//	report.go                     月度实绩 in chat, its reminders and its commands
//	admin.go                      the department's /holiday, /schedules, /schedule, /quiet, /due
//	talk.go, digest.go, export.go 谈心谈话, the digests, /export
//	                              (each file: one feature, both languages, cmd_<name> included)
//	problems.go                   what is wrong with an imported file, line by line
//	cli*.go                       the ganshi command line, one file per subcommand family
//	web.go, web_pages.go          the web console
//	typography.go                 StraySpaces: the house rule for Chinese sentences
//
// Where things go: a new feature adds texts/<feature>.go with
// <feature>ZH and <feature>EN and registers both in parts; an existing
// feature adds its keys to its file, in both languages. The completeness
// test fails unless every key is in every language with the same
// placeholders; Chinese takes full-width punctuation and no stray spaces.
package texts
