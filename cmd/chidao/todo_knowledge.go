package main

import "context"

// Placeholders replaced by parse.go and ask.go.

func runParse(ctx context.Context, e *env, args []string) error { return errNotYet }
func runAsk(ctx context.Context, e *env, args []string) error   { return errNotYet }
