package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/datasets"
	"github.com/framelens/framelens/internal/studyfile"
)

// A command is one subcommand, in the shape of cmd/go's base.Command.
type command struct {
	Name  string
	Args  string // the usage line after the name
	Short string
	Long  string
	// Flags registers the command's own flags; common flags are added for it.
	Flags func(fs *flag.FlagSet, m *Main)
	Run   func(ctx context.Context, m *Main, args []string) error
}

// commands lists the subcommands in the order "framelens help" shows them.
func commands() []*command {
	return []*command{cmdRun, cmdCrawl, cmdNormalize, cmdAnalyze, cmdDatasets, cmdEval, cmdStudy, cmdSample, cmdSynth, cmdVersion}
}

// Main is the program: its configuration, its logger and what it holds open.
// Tests drive the whole pipeline through it.
type Main struct {
	Stdout, Stderr io.Writer
	Logger         *slog.Logger
	// IsTerminal reports whether stderr is a terminal (progress bars).
	IsTerminal bool

	// Common flags.
	DataDir   string
	StudyPath string
	LogFormat string
	LogLevel  string
	// MaxFailRatio is the share of pages that may fail before a stage
	// exits non-zero (exit code 4).
	MaxFailRatio float64
	// Keep is how many published snapshots to keep.
	Keep int

	runID   string
	started time.Time
	level   slog.LevelVar
	closers []io.Closer
}

// NewMain returns a Main writing to stdout and stderr.
func NewMain(stdout, stderr io.Writer) *Main {
	m := &Main{Stdout: stdout, Stderr: stderr, DataDir: "data", LogFormat: "auto", LogLevel: "info", MaxFailRatio: 0.5}
	if f, ok := stderr.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			m.IsTerminal = true
		}
	}
	m.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: &m.level}))
	return m
}

// Close releases what the run holds (the data-root lock).
func (m *Main) Close() error {
	var errs []error
	for i := len(m.closers) - 1; i >= 0; i-- {
		errs = append(errs, m.closers[i].Close())
	}
	m.closers = nil
	return errors.Join(errs...)
}

// Run parses args and runs the named command.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				fs := m.flagSet(c)
				fs.Usage()
				return nil
			}
		}
		m.usage(m.Stdout)
		if len(args) == 0 {
			return usagef("no command given")
		}
		return nil
	}
	c := lookup(args[0])
	if c == nil {
		m.usage(m.Stderr)
		return usagef("unknown command %q", args[0])
	}
	fs := m.flagSet(c)
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usagef("%s: %v", c.Name, err)
	}
	if err := m.setupLogging(); err != nil {
		return err
	}
	return c.Run(ctx, m, pos)
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments ("datasets validate -data DIR"), and returns the
// positional ones. A "--" ends flag parsing.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprint(w, `framelens compares how outlets covered the same events.

Usage:

	framelens <command> [flags] [args]

Commands:

`)
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "\t%s\t%s\n", c.Name, c.Short)
	}
	tw.Flush()
	fmt.Fprint(w, `
With no -study, the embedded INF study is used; with no -source, the bundled
sample is crawled offline. Run "framelens help <command>" for its flags.
`)
}

// flagSet builds the command's flag set: its own flags plus the common ones.
func (m *Main) flagSet(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("framelens "+c.Name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&m.DataDir, "data", m.DataDir, "data root `dir` (WARC archive, stage files, datasets)")
	fs.StringVar(&m.StudyPath, "study", m.StudyPath, "study `file` (YAML); empty means the embedded INF study")
	fs.StringVar(&m.LogFormat, "log-format", m.LogFormat, "log format: text, json, or auto (text on a terminal, json otherwise)")
	fs.StringVar(&m.LogLevel, "log-level", m.LogLevel, "log level: debug, info, warn or error")
	fs.IntVar(&m.Keep, "keep", datasets.DefaultKeep, "published snapshots to keep, the new one included")
	fs.Float64Var(&m.MaxFailRatio, "max-fail-ratio", m.MaxFailRatio, "share of pages that may fail before the stage exits with code 4")
	if c.Flags != nil {
		c.Flags(fs, m)
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: framelens %s [flags] %s\n\n%s\n", c.Name, c.Args, c.Short)
		if c.Long != "" {
			fmt.Fprintf(fs.Output(), "\n%s\n", strings.TrimSpace(c.Long))
		}
		fmt.Fprintf(fs.Output(), "\nFlags:\n")
		fs.PrintDefaults()
	}
	return fs
}

func (m *Main) setupLogging() error {
	if err := m.level.UnmarshalText([]byte(m.LogLevel)); err != nil {
		return usagef("-log-level: %v", err)
	}
	opts := &slog.HandlerOptions{Level: &m.level}
	switch m.LogFormat {
	case "json":
		m.Logger = slog.New(slog.NewJSONHandler(m.Stderr, opts))
	case "text":
		m.Logger = slog.New(slog.NewTextHandler(m.Stderr, opts))
	case "auto", "":
		if m.IsTerminal {
			m.Logger = slog.New(slog.NewTextHandler(m.Stderr, opts))
		} else {
			m.Logger = slog.New(slog.NewJSONHandler(m.Stderr, opts))
		}
	default:
		return usagef("-log-format %q: want text, json or auto", m.LogFormat)
	}
	return nil
}

// progress returns where progress bars go: stderr on a terminal with text
// logs, nowhere otherwise (scheduled jobs get the end-of-stage summary only).
func (m *Main) progress() io.Writer {
	if m.IsTerminal && m.LogFormat != "json" {
		return m.Stderr
	}
	return nil
}

// study loads the study named by -study, or the embedded default.
func (m *Main) study() (*framelens.Study, error) {
	if m.StudyPath == "" {
		return studyfile.Default()
	}
	s, err := studyfile.LoadFile(m.StudyPath)
	if err != nil {
		return nil, &usageError{err.Error()}
	}
	return s, nil
}
