package cli

import (
	"context"
	"errors"
	"flag"
	"os/signal"
	"syscall"

	"modelbench/workflow/deploy/serve"
)

func init() {
	register(command{
		name:    "serve",
		summary: "serve a deployment directory over HTTP (the same service as modelbench-serve)",
		usage:   "serve DIR [--addr 127.0.0.1:8080] [--api-keys FILE] [--log sqlite:PATH | postgres://...] [--tls-cert F --tls-key F] [options]",
		run:     runServe,
	})
}

// runServe is modelbench-serve inside the desktop binary: the flags are
// the serve package's, so the two cannot drift.
func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "serve")
	cfg, err := serve.ParseArgs(fs, args)
	var ue *serve.UsageError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return err
	case errors.As(err, &ue):
		return usageErr("%s", ue.Msg)
	case err != nil:
		return err
	}
	cfg.AppVersion = Version
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	if err := serve.Run(ctx, cfg, env.Stderr); err != nil {
		if errors.As(err, &ue) {
			return usageErr("%s", ue.Msg)
		}
		return err
	}
	return nil
}
