package datasets

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The snapshot that was current until a Publish is the one readers hold
// open: with Keep >= 2 it survives the prune even when another snapshot
// has a later created_at (a clock set back, an injected time, a snapshot
// a crash left complete but never current).
func TestPruneKeepsPreviousCurrent(t *testing.T) {
	root := t.TempDir()
	p := &Publisher{Root: root, Keep: 2, Logger: discard}
	at := func(run string, h int) Meta {
		m := testMeta(run)
		m.CreatedAt = time.Date(2026, 1, 2, h, 0, 0, 0, time.UTC)
		return m
	}
	for _, m := range []Meta{at("r1", 5), at("r2", 3)} {
		if _, err := p.Publish(m, Rejects(sampleRejects())); err != nil {
			t.Fatal(err)
		}
	}
	held, err := Open(root)
	if err != nil || held.Manifest.RunID != "r2" {
		t.Fatalf("Open(root) = %v, %v; want r2 current", held, err)
	}
	if _, err := p.Publish(at("r3", 6), Rejects(sampleRejects())); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(held.Dir, ManifestName)); err != nil {
		t.Errorf("after Publish(r3) with Keep 2, the previous current r2 is gone: %v", err)
	}
	if _, err := ReadRejects(held.Dir); err != nil {
		t.Errorf("ReadRejects(previous current) = %v", err)
	}
}
