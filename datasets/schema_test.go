package datasets

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestSchemaGolden makes every schema change deliberate: the generated
// document must match testdata/schema.golden.md and SCHEMA.md, which
// "go test ./datasets -update" rewrites.
func TestSchemaGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSchema(&buf); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join("testdata", "schema.golden.md"), "SCHEMA.md"} {
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./datasets -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("WriteSchema differs from %s; review the change, bump SchemaVersion if a published table changed, and run go test ./datasets -update", path)
		}
	}
}

// TestSchemaContract checks the rules of doc.go on every registered table,
// so a table added later cannot break them silently.
func TestSchemaContract(t *testing.T) {
	for _, name := range Tables() {
		t.Run(name, func(t *testing.T) {
			cols, err := registry[name].columns()
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cols {
				if c.Doc == "" {
					t.Errorf("column %s has no doc", c.Name)
				}
				for _, bad := range []string{"NANOS", "MILLIS", "local", "INT96", "GROUP", "MAP", "unsigned"} {
					if bytes.Contains([]byte(c.Parquet+" "+c.Logical), []byte(bad)) {
						t.Errorf("column %s is %s %s: %s is outside the contract", c.Name, c.Parquet, c.Logical, bad)
					}
				}
				if c.Parquet == "BYTE_ARRAY" && c.Logical != "STRING" {
					t.Errorf("column %s is BYTE_ARRAY %s, want STRING", c.Name, c.Logical)
				}
			}
		})
	}
}
