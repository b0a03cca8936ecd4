// Package browsertest drives the web console in headless Chromium
// (chromedp and Debian's chromium) against the real wiring: the fake Bot
// API server (bot/telegramtest), the bot's router, inbox and sender, and
// the console on httptest, over one SQLite database. A person logs in
// through the link the bot sent them, and what the console changes is
// seen arriving in chat.
//
// The package has no code of its own, only tests. Without a Chromium
// binary they skip, saying why; CI installs one (.ci/run) and sets
// GANSHI_REQUIRE_BROWSER, which makes a missing browser a failure. When a test
// fails, a screenshot of each open page is saved under
// testdata/artifacts (ignored by git; GANSHI_ARTIFACTS names another
// directory). GANSHI_DOCS_SCREENSHOT=1 also writes the 总览 screenshot the
// README shows, docs/web-overview.png.
package browsertest
