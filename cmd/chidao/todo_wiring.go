package main

// Temporary scaffolding while the packages are written in parallel; each
// function moves to its own file as its command is built.

import (
	"context"
	"errors"

	"chidao"
	"chidao/configs"
)

var errNotYet = errors.New("not built yet")

func runDemo(ctx context.Context, e *env, args []string) error      { return errNotYet }
func runServe(ctx context.Context, e *env, args []string) error     { return errNotYet }
func runInvite(ctx context.Context, e *env, args []string) error    { return errNotYet }
func runUnits(ctx context.Context, e *env, args []string) error     { return errNotYet }
func runImport(ctx context.Context, e *env, args []string) error    { return errNotYet }
func runBroadcast(ctx context.Context, e *env, args []string) error { return errNotYet }
func runReminders(ctx context.Context, e *env, args []string) error { return errNotYet }

// loadUnits returns the configured unit list (the embedded sample district
// until the config file is wired).
func loadUnits(e *env) ([]chidao.Unit, error) { return configs.DefaultUnits() }

// storedDirectives returns the directives in the store, for `ask` without --doc.
func storedDirectives(ctx context.Context, e *env) ([]*chidao.Directive, error) {
	return nil, errNotYet
}
