package datasets

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/framelens/framelens"
)

// ExportArrow reads files as a reader does: a file of a newer schema
// version, or one holding another table, is refused, not exported.
func TestExportArrowRefusesNewerSchemaFile(t *testing.T) {
	root := mustSnapshot(t, "r1")
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	f := &s.Manifest.Table("articles").Files[0]
	mustWriteRaw(t, s.Path(*f), sampleArticles(3), "articles", "2")
	mustRehash(t, s, f)
	out := filepath.Join(t.TempDir(), "arrow")
	err = ExportArrow(root, out)
	if !errors.Is(err, framelens.ErrSchemaVersion) {
		t.Errorf("ExportArrow(snapshot with a schema 2 file) = %v, want ErrSchemaVersion", err)
	}
	if _, serr := os.Stat(filepath.Join(out, "articles.arrow")); serr == nil {
		t.Errorf("ExportArrow(snapshot with a schema 2 file) wrote articles.arrow")
	}
}
