package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/datasets"
)

// mustRun runs the program with args and returns its stdout; it fails the
// test on an error.
func mustRun(tb testing.TB, args ...string) string {
	tb.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(tb.Context(), args, &stdout, &stderr); err != nil {
		tb.Fatalf("framelens %s: %v\nstderr:\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// TestRunSample is the demo as a test: the whole pipeline over the bundled
// sample web, offline, then validation of what it published.
func TestRunSample(t *testing.T) {
	dir := t.TempDir()
	out := mustRun(t, "run", "-data", dir, "-log-level", "warn")
	if !strings.Contains(out, "published") {
		t.Fatalf("run output = %q, want a published snapshot", out)
	}
	mustRun(t, "datasets", "validate", "-data", dir)

	root := filepath.Join(dir, "datasets")
	arts, err := datasets.ReadArticles(root)
	if err != nil {
		t.Fatal(err)
	}
	outlets := map[string]int{}
	for _, a := range arts {
		outlets[a.Outlet]++
	}
	if len(outlets) < 8 {
		t.Errorf("articles from %d outlets (%v), want at least 8", len(outlets), outlets)
	}
	atts, err := datasets.ReadAttributions(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) < len(arts) {
		t.Errorf("%d attributions for %d articles, want at least one per article on average", len(atts), len(arts))
	}
	man, err := datasets.ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"term_counts", "voice", "coverage_summary", "crawl_log", "rejects"} {
		if tb := man.Table(name); tb == nil || tb.Rows == 0 {
			t.Errorf("manifest table %s missing or empty", name)
		}
	}

	// A rerun finds nothing new and publishes nothing.
	out = mustRun(t, "run", "-data", dir, "-log-level", "warn")
	if !strings.Contains(out, "no new pages") {
		t.Errorf("second run output = %q, want no new work", out)
	}
	again, err := datasets.ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	if again.RunID != man.RunID {
		t.Errorf("second run published %s over %s, want the snapshot kept", again.RunID, man.RunID)
	}
}

// TestStages runs the stages one by one, as a scholar rerunning one stage
// would, and checks that analyze accepts any articles table.
func TestStages(t *testing.T) {
	dir := t.TempDir()
	common := []string{"-data", dir, "-log-level", "warn"}
	mustRun(t, append([]string{"crawl", "-outlets", "tass,reuters"}, common...)...)
	mustRun(t, append([]string{"normalize"}, common...)...)
	mustRun(t, append([]string{"analyze"}, common...)...)
	for _, table := range []string{"articles", "rejects", "crawl_log", "attributions", "term_counts"} {
		if _, err := os.Stat(filepath.Join(dir, "stage", table+".parquet")); err != nil {
			t.Errorf("stage table %s: %v", table, err)
		}
	}
	out := mustRun(t, append([]string{"datasets", "publish"}, common...)...)
	if !strings.Contains(out, "attributions") {
		t.Errorf("publish output = %q, want the attributions table listed", out)
	}
	mustRun(t, "datasets", "validate", "-data", dir)
	arts, err := datasets.ReadArticles(filepath.Join(dir, "datasets"))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if a.Outlet != "tass" && a.Outlet != "reuters" {
			t.Errorf("article %s from outlet %s, want only tass and reuters", a.URL, a.Outlet)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("id: x\nevents: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"NoCommand", nil, exitUsage},
		{"UnknownCommand", []string{"frobnicate"}, exitUsage},
		{"BadFlag", []string{"run", "-no-such-flag"}, exitUsage},
		{"InvalidStudy", []string{"study", "validate", bad}, exitUsage},
		{"UnknownOutlet", []string{"crawl", "-data", dir, "-outlets", "nope"}, exitUsage},
		{"Help", []string{"help", "run"}, exitOK},
		{"Version", []string{"version"}, exitOK},
		{"StudyShow", []string{"study", "show"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, &stdout, &stderr)
			if got := exitCode(err); got != tt.code {
				t.Errorf("framelens %v: exit %d (%v), want %d", tt.args, got, err, tt.code)
			}
		})
	}
}

// TestLocked checks that a second run on a data root in use says so and
// exits with its own code, without touching the root.
func TestLocked(t *testing.T) {
	dir := t.TempDir()
	l, err := lockDataRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var stdout, stderr bytes.Buffer
	err = run(t.Context(), []string{"run", "-data", dir}, &stdout, &stderr)
	if !errors.Is(err, framelens.ErrLocked) || exitCode(err) != exitLocked {
		t.Fatalf("run on a locked root: %v (exit %d), want ErrLocked (exit %d)", err, exitCode(err), exitLocked)
	}
	if !strings.Contains(stderr.String(), "locked") {
		t.Errorf("stderr = %q, want it to say the root is locked", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "warc")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("locked run created %s/warc", dir)
	}
}

func TestEval(t *testing.T) {
	for _, sub := range []string{"metadata", "attribution", "events"} {
		out := mustRun(t, "eval", sub)
		if !strings.Contains(out, "ALL") {
			t.Errorf("eval %s output has no ALL row:\n%s", sub, out)
		}
	}
}

// TestRunInterrupted checks that a run whose context is cancelled publishes
// nothing and reports the interruption.
func TestRunInterrupted(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"run", "-data", dir, "-outlets", "tass"}, &stdout, &stderr)
	if exitCode(err) != exitCanceled {
		t.Fatalf("interrupted run: %v (exit %d), want exit %d", err, exitCode(err), exitCanceled)
	}
	if _, err := os.Stat(filepath.Join(dir, "datasets", datasets.CurrentName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("interrupted run published %s/datasets/current", dir)
	}
}
