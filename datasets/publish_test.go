package datasets

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestPublishSwitchesCurrent(t *testing.T) {
	root := t.TempDir()
	p := &Publisher{Root: root, Keep: 2, Logger: discard}
	for _, run := range []string{"r1", "r2", "r3"} {
		m := mustPublish(t, p, run, Articles(sampleArticles(7)), Rejects(nil))
		if got := m.Table("articles").Rows; got != 7 {
			t.Errorf("Publish(%s).Table(articles).Rows = %d, want 7", run, got)
		}
		got, err := ReadManifest(root)
		if err != nil {
			t.Fatal(err)
		}
		if got.RunID != run {
			t.Errorf("ReadManifest after Publish(%s).RunID = %q", run, got.RunID)
		}
		arts, err := ReadArticles(root)
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) != 7 {
			t.Errorf("ReadArticles(root) = %d articles, want 7", len(arts))
		}
	}
	entries, _ := os.ReadDir(filepath.Join(root, SnapshotsName))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 || names[0] != "r2" || names[1] != "r3" {
		t.Errorf("snapshots after 3 runs with Keep 2 = %v, want [r2 r3]", names)
	}
	if _, err := p.Publish(testMeta("r3"), Rejects(nil)); !errors.Is(err, os.ErrExist) {
		t.Errorf("Publish(existing run) error = %v, want fs.ErrExist", err)
	}
}
