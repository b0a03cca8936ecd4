package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the zone database travels with the binary

	"github.com/ganshi/ganshi/texts"
)

func main() {
	lang, _, err := pickLang(os.Args[1:], os.Getenv)
	if err != nil {
		lang = texts.ZH // run says what is wrong with it
	}
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-sigs
		cancel() // first signal: stop taking work, finish what is in flight
		<-sigs
		fmt.Fprintln(os.Stderr, "ganshi:", texts.T(lang, "cli_second_signal"))
		os.Exit(130)
	}()
	err = run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	cancel()
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "ganshi:", err)
	var ue usageError
	if errors.As(err, &ue) {
		os.Exit(2)
	}
	os.Exit(1)
}
