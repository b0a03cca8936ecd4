package inbox

import (
	"fmt"
	"log/slog"
	"runtime/debug"
)

// protect runs fn and turns a panic into an error, so one bad update
// cannot take the bot down. The stack goes to debug: it can be long and
// may hold message text.
func protect(log *slog.Logger, what string, fn func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			log.Error(what+" panicked", "panic", fmt.Sprint(v))
			log.Debug(what+" panic stack", "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return fn()
}
