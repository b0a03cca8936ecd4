package main

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestRunHelpAndUsage(t *testing.T) {
	ctx := context.Background()
	var out strings.Builder
	if err := run(ctx, []string{"--help"}, env(), &out, &out); err != nil {
		t.Fatalf("--help: %v", err)
	}
	if !strings.Contains(out.String(), "serve") {
		t.Fatalf("help does not list serve:\n%s", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"serve", "--help"}, env(), &out, &out); err != nil {
		t.Fatalf("serve --help: %v", err)
	}
	if !strings.Contains(out.String(), "GANSHI_TELEGRAM_TOKEN") {
		t.Fatalf("serve --help does not name the variables:\n%s", out.String())
	}
	var ue usageError
	if err := run(ctx, []string{"frobnicate"}, env(), &out, &out); !errors.As(err, &ue) {
		t.Fatalf("unknown subcommand: %v, want a usage error", err)
	}
	if err := run(ctx, nil, env(), &out, &out); !errors.As(err, &ue) {
		t.Fatalf("no subcommand: %v, want a usage error", err)
	}
	if err := run(ctx, []string{"serve"}, env(), &out, &out); !errors.As(err, &ue) || !strings.Contains(err.Error(), "GANSHI_TELEGRAM_TOKEN") {
		t.Fatalf("serve without a token: %v", err)
	}
}
