package datasets

import (
	"os"
	"path/filepath"
	"testing"
)

// A directory that is a snapshot or a data root but has no readable
// manifest is an error for readers, never an empty table.
func TestReadIncompleteSnapshotFails(t *testing.T) {
	root := mustSnapshot(t, "r1")
	snap := filepath.Join(root, SnapshotsName, "r1")

	noManifest := filepath.Join(t.TempDir(), "r2")
	mustCopyTree(t, snap, noManifest)
	if err := os.Remove(filepath.Join(noManifest, ManifestName)); err != nil {
		t.Fatal(err)
	}

	dangling := t.TempDir()
	if err := os.Symlink(filepath.Join(SnapshotsName, "gone"), filepath.Join(dangling, CurrentName)); err != nil {
		t.Fatal(err)
	}

	emptyRoot := t.TempDir()
	if err := os.Mkdir(filepath.Join(emptyRoot, SnapshotsName), 0o755); err != nil {
		t.Fatal(err)
	}

	for name, path := range map[string]string{"SnapshotWithoutManifest": noManifest, "DanglingCurrent": dangling, "RootWithoutCurrent": emptyRoot} {
		t.Run(name, func(t *testing.T) {
			arts, err := ReadArticles(path)
			if err == nil {
				t.Errorf("ReadArticles(%s) = %d articles, nil error; want an error", name, len(arts))
			}
		})
	}
	// A plain directory of part files still reads.
	if arts, err := ReadArticles(filepath.Join(snap, "articles")); err != nil || len(arts) != 40 {
		t.Errorf("ReadArticles(part directory) = %d articles, %v; want 40", len(arts), err)
	}
}
