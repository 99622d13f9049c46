package datasets

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/framelens/framelens"
)

// A file that does not agree with the manifest that lists it (another
// run's file copied over it) is a read error, not its rows.
func TestReadManifestMismatchFails(t *testing.T) {
	root := mustSnapshot(t, "r1")
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "a.parquet")
	if err := WriteTable(other, testMeta("r0"), Articles(sampleArticles(39))); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path(s.Manifest.Table("articles").Files[0]), data, 0o644); err != nil {
		t.Fatal(err)
	}
	arts, err := ReadArticles(root)
	if !errors.Is(err, framelens.ErrManifestMismatch) {
		t.Errorf("ReadArticles(root with a foreign file) = %d articles, %v; want ErrManifestMismatch", len(arts), err)
	}
}
