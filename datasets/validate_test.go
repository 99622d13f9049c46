package datasets

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framelens/framelens"
	"github.com/parquet-go/parquet-go"
)

// mustSnapshot publishes a small snapshot of every table and returns the
// data root.
func mustSnapshot(tb testing.TB, runID string) string {
	tb.Helper()
	root := tb.TempDir()
	arts := sampleArticles(40)
	mustPublish(tb, &Publisher{Root: root, Logger: discard}, runID, allTables(arts)...)
	return root
}

func allTables(arts []framelens.Article) []Table {
	return []Table{Articles(arts), Rejects(sampleRejects()), CrawlLog(sampleCrawlLog()),
		Attributions(sampleAttributions(arts), arts)}
}

func TestValidateAcceptsPublished(t *testing.T) {
	root := mustSnapshot(t, "r1")
	if err := Validate(root); err != nil {
		t.Fatalf("Validate(published snapshot) = %v", err)
	}
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(s.Dir); err != nil {
		t.Fatalf("Validate(snapshot dir) = %v", err)
	}
}

// TestValidateRejects damages a published snapshot in one way per case and
// checks that Validate reports it with the right sentinel and names the
// file, and that the readers refuse it rather than answer wrongly.
func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name     string
		damage   func(t *testing.T, s *Snapshot) string // returns the file to be named
		sentinel error
		read     bool // ReadArticles must fail too
		says     string
	}{
		{"TruncatedFile", func(t *testing.T, s *Snapshot) string {
			p := s.Path(s.Manifest.Table("articles").Files[0])
			fi, _ := os.Stat(p)
			mustTruncate(t, p, fi.Size()/2)
			return p
		}, framelens.ErrTruncated, true, "truncated"},
		{"RowsDoNotMatch", func(t *testing.T, s *Snapshot) string {
			s.Manifest.Table("rejects").Files[0].Rows++
			s.Manifest.Table("rejects").Rows++
			mustRewriteManifest(t, s)
			return s.Path(s.Manifest.Table("rejects").Files[0])
		}, framelens.ErrManifestMismatch, false, "rows, manifest says"},
		{"ChecksumDoesNotMatch", func(t *testing.T, s *Snapshot) string {
			s.Manifest.Table("crawl_log").Files[0].SHA256 = strings.Repeat("0", 64)
			mustRewriteManifest(t, s)
			return s.Path(s.Manifest.Table("crawl_log").Files[0])
		}, framelens.ErrManifestMismatch, false, "sha256"},
		{"ExtraFile", func(t *testing.T, s *Snapshot) string {
			src := s.Path(s.Manifest.Table("articles").Files[0])
			p := filepath.Join(filepath.Dir(src), "part-00001.parquet")
			data, _ := os.ReadFile(src)
			os.WriteFile(p, data, 0o644)
			return p
		}, framelens.ErrManifestMismatch, false, "not in the manifest"},
		{"NewerSchemaInFile", func(t *testing.T, s *Snapshot) string {
			f := &s.Manifest.Table("articles").Files[0]
			p := s.Path(*f)
			mustWriteRaw(t, p, sampleArticles(3), "articles", "2")
			mustRehash(t, s, f)
			return p
		}, framelens.ErrSchemaVersion, true, "schema version 2"},
		{"NewerSchemaInManifest", func(t *testing.T, s *Snapshot) string {
			s.Manifest.SchemaVersion = SchemaVersion + 1
			mustRewriteManifest(t, s)
			return filepath.Join(s.Dir, ManifestName)
		}, framelens.ErrSchemaVersion, true, "schema version 2"},
		{"UnsortedRows", func(t *testing.T, s *Snapshot) string {
			f := &s.Manifest.Table("articles").Files[0]
			p := s.Path(*f)
			arts := sampleArticles(5)
			arts[0], arts[1] = arts[1], arts[0] // tass, state_dept: out of outlet order
			mustWriteRaw(t, p, arts, "articles", "1")
			mustRehash(t, s, f)
			return p
		}, nil, false, "out of key order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := mustSnapshot(t, "r1")
			s, err := Open(root)
			if err != nil {
				t.Fatal(err)
			}
			named := tt.damage(t, s)
			err = Validate(root)
			if err == nil {
				t.Fatalf("Validate = nil, want an error")
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("Validate = %v, want errors.Is %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), named) {
				t.Errorf("Validate = %v, want it to name %s", err, named)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Validate = %v, want it to say %q", err, tt.says)
			}
			if tt.read {
				if _, err := ReadArticles(root); err == nil || !errors.Is(err, tt.sentinel) {
					t.Errorf("ReadArticles = %v, want errors.Is %v", err, tt.sentinel)
				}
			}
		})
	}
}

func mustTruncate(tb testing.TB, path string, size int64) {
	tb.Helper()
	if err := os.Truncate(path, size); err != nil {
		tb.Fatal(err)
	}
}

func mustRewriteManifest(tb testing.TB, s *Snapshot) {
	tb.Helper()
	data, err := json.MarshalIndent(s.Manifest, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir, ManifestName), data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// mustRehash makes the manifest entry f agree with the file on disk again,
// so only the damage under test remains.
func mustRehash(tb testing.TB, s *Snapshot, f *File) {
	tb.Helper()
	n, sum, err := hashFile(s.Path(*f))
	if err != nil {
		tb.Fatal(err)
	}
	pf, err := parquet.OpenFile(mustOpenFile(tb, s.Path(*f)), n)
	if err != nil {
		tb.Fatal(err)
	}
	f.Bytes, f.SHA256 = n, sum
	for i := range s.Manifest.Tables {
		t := &s.Manifest.Tables[i]
		if len(t.Files) == 1 && t.Files[0].Path == f.Path {
			t.Rows = pf.NumRows()
		}
	}
	f.Rows = pf.NumRows()
	mustRewriteManifest(tb, s)
}

// mustWriteRaw writes articles to path with parquet-go directly, in the
// given order and with the given schema version, bypassing the package's
// sorting: a file another (buggy or newer) writer could have made.
func mustWriteRaw(tb testing.TB, path string, arts []framelens.Article, table, version string) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	opts := writerOptions(articlesTable.def, testMeta("r1"))
	opts = append(opts, parquet.KeyValueMetadata(KeySchemaVersion, version), parquet.KeyValueMetadata(KeyDataset, table))
	w := parquet.NewGenericWriter[ArticleRow](f, opts...)
	if _, err := w.Write(convert(arts, articleRow)); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
}

func mustOpenFile(tb testing.TB, path string) *os.File {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func TestReadArticlesWrongTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rejects.parquet")
	if err := WriteTable(path, testMeta("r1"), Rejects(sampleRejects())); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadArticles(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadArticles(rejects file) = %v, want an error naming %s", err, path)
	}
}
