package main

// Temporary scaffolding while the packages are written in parallel; each
// function moves to its own file as its command is built.

import (
	"context"
	"errors"
)

var errNotYet = errors.New("not built yet")

func runDemo(ctx context.Context, e *env, args []string) error      { return errNotYet }
func runServe(ctx context.Context, e *env, args []string) error     { return errNotYet }
func runInvite(ctx context.Context, e *env, args []string) error    { return errNotYet }
func runUnits(ctx context.Context, e *env, args []string) error     { return errNotYet }
func runImport(ctx context.Context, e *env, args []string) error    { return errNotYet }
func runBroadcast(ctx context.Context, e *env, args []string) error { return errNotYet }
func runReminders(ctx context.Context, e *env, args []string) error { return errNotYet }
