package datasets

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var errCrash = errors.New("injected crash")

// TestPublishCrashAtEveryStep stops Publish before each of its steps, as a
// crash there would. At the moment of the crash the data root must still
// serve the previous snapshot, complete and valid, with no half-written
// file visible to a *.parquet glob; and a later Publish on a copy of the
// crashed root (leftovers included) must succeed.
func TestPublishCrashAtEveryStep(t *testing.T) {
	arts := sampleArticles(12)
	var steps []string
	{
		p := &Publisher{Root: t.TempDir(), Logger: discard}
		mustPublish(t, p, "r1", allTables(arts)...)
		p.fail = func(s string) error { steps = append(steps, s); return nil }
		mustPublish(t, p, "r2", allTables(arts)...)
	}
	for _, want := range []string{"write articles", "sync articles", "rename articles", "manifest", "rename snapshot", "link", "switch", "prune"} {
		if !slices.Contains(steps, want) {
			t.Fatalf("steps %v lack %q: the crash test no longer covers Publish", steps, want)
		}
	}
	for _, crashAt := range steps {
		t.Run(strings.ReplaceAll(crashAt, " ", "_"), func(t *testing.T) {
			root := t.TempDir()
			p := &Publisher{Root: root, Logger: discard}
			mustPublish(t, p, "r1", allTables(arts)...)
			frozen := filepath.Join(t.TempDir(), "frozen")
			switched := false
			p.fail = func(s string) error {
				if s == "prune" {
					switched = true
				}
				if s != crashAt {
					return nil
				}
				// The state on disk at the instant of the crash.
				mustCopyTree(t, root, frozen)
				return errCrash
			}
			_, err := p.Publish(testMeta("r2"), allTables(arts)...)
			if !errors.Is(err, errCrash) {
				t.Fatalf("Publish with crash at %q = %v, want the injected crash", crashAt, err)
			}
			wantRun := "r1"
			if switched {
				wantRun = "r2"
			}
			m, err := ReadManifest(frozen)
			if err != nil {
				t.Fatalf("ReadManifest(crashed root) = %v", err)
			}
			if m.RunID != wantRun {
				t.Errorf("after a crash at %q current is %s, want %s", crashAt, m.RunID, wantRun)
			}
			if err := Validate(frozen); err != nil {
				t.Errorf("Validate(crashed root) = %v", err)
			}
			got, err := filepath.Glob(filepath.Join(frozen, CurrentName, "*", "*.parquet"))
			if err != nil || len(got) != 4 {
				t.Errorf("glob current/*/*.parquet after crash = %v, want the 4 complete files", got)
			}
			arts2, err := ReadArticles(frozen)
			if err != nil || len(arts2) != len(arts) {
				t.Errorf("ReadArticles(crashed root) = %d articles, %v; want %d", len(arts2), err, len(arts))
			}
			// Recovery: the next run publishes over the leftovers and
			// removes them.
			p2 := &Publisher{Root: frozen, Logger: discard}
			mustPublish(t, p2, "r3", allTables(arts)...)
			if err := Validate(frozen); err != nil {
				t.Errorf("Validate after recovery = %v", err)
			}
			filepath.WalkDir(frozen, func(path string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(path, tempSuffix) {
					t.Errorf("leftover %s after the next Publish", path)
				}
				return nil
			})
		})
	}
}

// mustCopyTree copies the directory tree src to dst, symlinks as symlinks.
func mustCopyTree(tb testing.TB, src, dst string) {
	tb.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		out := filepath.Join(dst, rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(target, out)
		case d.IsDir():
			return os.MkdirAll(out, 0o755)
		default:
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(out, data, 0o644)
		}
	})
	if err != nil {
		tb.Fatal(err)
	}
}
