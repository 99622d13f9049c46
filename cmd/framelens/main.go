// Command framelens crawls, normalizes and analyzes news coverage of a
// study's events and publishes the findings as Parquet datasets.
//
// Usage:
//
//	framelens [global flags] <command> [flags] [args]
//
// Run "framelens help" for the list of commands. With no study file and no
// source, every stage works on the bundled sample, offline.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/framelens/framelens"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes. Scheduled jobs branch on them.
const (
	exitOK       = 0
	exitFailure  = 1 // a stage stopped: I/O, bad input file, internal error
	exitUsage    = 2 // bad command line or study file
	exitLocked   = 3 // another run holds the data root
	exitTooMany  = 4 // more pages failed than -max-fail-ratio allows
	exitCanceled = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err))
}

// exitCode maps an error from run to the process exit code.
func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, framelens.ErrLocked):
		return exitLocked
	case errors.Is(err, framelens.ErrTooManyFailures):
		return exitTooMany
	case errors.Is(err, context.Canceled):
		return exitCanceled
	}
	return exitFailure
}

// run is main without the process: it parses args, runs one command and
// returns its error, already reported on stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	m := NewMain(stdout, stderr)
	defer m.Close()
	err := m.Run(ctx, args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "framelens: %v\n", err)
	}
	return err
}

// A usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}
