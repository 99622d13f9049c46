package datasets

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/framelens/framelens"
)

// Validate checks the snapshot at root (a data root or a snapshot directory)
// against its manifest and the contract, reading every file through Arrow's
// Parquet reader, independent of the writer. It checks that the schema
// version is supported; every table is known; the files on disk are exactly
// those listed, with the listed sizes, SHA-256 and row counts; every file's
// key-value metadata matches the manifest; columns and types match the
// registry (timestamps UTC microseconds); row groups are bounded; and the
// rows really are sorted as sorting_columns says. It returns nil or the
// errors.Join of every problem found, each naming its file. A mismatch with
// the manifest wraps framelens.ErrManifestMismatch; a newer schema,
// framelens.ErrSchemaVersion; a cut file, framelens.ErrTruncated.
func Validate(root string) error {
	s, err := Open(root)
	if err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	m := s.Manifest
	var errs []error
	listed := map[string]bool{}
	for _, t := range m.Tables {
		d := registry[t.Name]
		if d == nil {
			errs = append(errs, fmt.Errorf("validate %s: table %s is unknown to this build", s.Dir, t.Name))
			continue
		}
		want, err := d.columns()
		if err != nil {
			return fmt.Errorf("validate: %w", err)
		}
		var rows int64
		for _, f := range t.Files {
			listed[filepath.Clean(s.Path(f))] = true
			rows += f.Rows
			errs = append(errs, validateFile(s, f, d, want))
		}
		if rows != t.Rows {
			errs = append(errs, fmt.Errorf("validate %s: table %s lists %d rows, its files %d: %w",
				filepath.Join(s.Dir, ManifestName), t.Name, t.Rows, rows, framelens.ErrManifestMismatch))
		}
	}
	// A Parquet file the manifest does not list would be picked up by a
	// reader's glob and give a wrong answer.
	extra, _ := filepath.Glob(filepath.Join(s.Dir, "*", "*.parquet"))
	for _, p := range extra {
		if !listed[filepath.Clean(p)] {
			errs = append(errs, fmt.Errorf("validate %s: not in the manifest: %w", p, framelens.ErrManifestMismatch))
		}
	}
	return errors.Join(errs...)
}

// validateFile checks one file against its manifest entry and its table.
func validateFile(s *Snapshot, f File, d *def, want []column) error {
	path := s.Path(f)
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("validate %s: "+format, append([]any{path}, args...)...))
	}
	size, sum, err := hashFile(path)
	if err != nil {
		return fmt.Errorf("validate %s: %w", path, err)
	}
	if size != f.Bytes {
		bad("%d bytes, manifest says %d: %w", size, f.Bytes, framelens.ErrManifestMismatch)
	}
	if sum != f.SHA256 {
		bad("sha256 %s, manifest says %s: %w", sum, f.SHA256, framelens.ErrManifestMismatch)
	}
	r, err := openArrow(path)
	if err != nil {
		return errors.Join(append(errs, fmt.Errorf("validate %w", err))...)
	}
	defer r.Close()
	lookup := kvLookup(r)
	if err := checkKV(lookup, d.Name); err != nil {
		bad("%w", err)
	}
	m := s.Manifest
	for k, v := range map[string]string{KeyRunID: m.RunID, KeyStudyID: m.StudyID, KeyStudyHash: m.StudyHash, KeyToolVersion: m.ToolVersion} {
		if got, ok := lookup(k); !ok || got != v {
			bad("%s = %q, manifest says %q: %w", k, got, v, framelens.ErrManifestMismatch)
		}
	}
	if v, ok := lookup(KeyCreatedAt); !ok {
		bad("no %s metadata", KeyCreatedAt)
	} else if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
		bad("%s %q: %v", KeyCreatedAt, v, err)
	}
	if r.NumRows() != f.Rows {
		bad("%d rows, manifest says %d: %w", r.NumRows(), f.Rows, framelens.ErrManifestMismatch)
	}
	got, err := parquetColumns(r)
	if err != nil {
		bad("%v", err)
	} else if err := compareColumns(got, want); err != nil {
		bad("%w", err)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := checkRowGroups(r, d); err != nil {
		bad("%w", err)
	}
	if err := checkSorted(r, d); err != nil {
		bad("%w", err)
	}
	return errors.Join(errs...)
}

func hashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// compareColumns reports every column of got that differs from want.
func compareColumns(got, want []column) error {
	var errs []error
	byName := map[string]column{}
	for _, c := range got {
		byName[c.Name] = c
	}
	for _, w := range want {
		g, ok := byName[w.Name]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("column %s missing", w.Name))
		case !g.sameType(w):
			errs = append(errs, fmt.Errorf("column %s is %v, want %v", w.Name, g, w))
		}
		delete(byName, w.Name)
	}
	for _, c := range got {
		if _, extra := byName[c.Name]; extra {
			errs = append(errs, fmt.Errorf("column %s is not in the contract", c.Name))
		}
	}
	return errors.Join(errs...)
}

// checkRowGroups checks that row groups are bounded and each declares the
// table's key as its sorting columns.
func checkRowGroups(r *file.Reader, d *def) error {
	md := r.MetaData()
	var wantKey []string
	for _, k := range d.Key {
		wantKey = append(wantKey, k+" asc nulls first")
	}
	for i := range r.NumRowGroups() {
		rg := md.RowGroup(i)
		if rg.NumRows() > int64(d.RowGroupRows) {
			return fmt.Errorf("row group %d has %d rows, the bound is %d", i, rg.NumRows(), d.RowGroupRows)
		}
		var key []string
		for _, sc := range rg.SortingColumns() {
			dir, nulls := "asc", "nulls last"
			if sc.Descending {
				dir = "desc"
			}
			if sc.NullsFirst {
				nulls = "nulls first"
			}
			key = append(key, md.Schema.Column(int(sc.ColumnIdx)).Path()+" "+dir+" "+nulls)
		}
		if !slices.Equal(key, wantKey) {
			return fmt.Errorf("row group %d sorting columns %v, want %v", i, key, wantKey)
		}
	}
	return nil
}

// checkSorted reads the key columns through Arrow and checks that the rows
// are in key order (ascending, NULLs first) across the whole file, so the
// sorting_columns metadata is true.
func checkSorted(r *file.Reader, d *def) (err error) {
	if len(d.Key) == 0 || r.NumRows() == 0 {
		return nil
	}
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("corrupt file: %v", e)
		}
	}()
	var idx []int
	for _, k := range d.Key {
		i := r.MetaData().Schema.ColumnIndexByName(k)
		if i < 0 {
			return fmt.Errorf("key column %s missing", k)
		}
		idx = append(idx, i)
	}
	fr, err := pqarrow.NewFileReader(r, pqarrow.ArrowReadProperties{BatchSize: 64 << 10}, memory.DefaultAllocator)
	if err != nil {
		return err
	}
	rr, err := fr.GetRecordReader(context.Background(), idx, nil)
	if err != nil {
		return err
	}
	defer rr.Release()
	var prev []keyValue
	var row int64
	for rr.Next() {
		rec := rr.RecordBatch()
		for i := range int(rec.NumRows()) {
			cur := make([]keyValue, rec.NumCols())
			for c := range cur {
				cur[c], err = keyValueAt(rec.Column(c), i)
				if err != nil {
					return err
				}
			}
			if prev != nil && compareKeys(prev, cur) > 0 {
				return fmt.Errorf("row %d is out of key order (%s)", row, strings.Join(d.Key, ", "))
			}
			prev = cur
			row++
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if row != r.NumRows() {
		return fmt.Errorf("read %d of %d rows: %w", row, r.NumRows(), framelens.ErrTruncated)
	}
	return nil
}

// A keyValue is one key cell: NULL, a string or a number.
type keyValue struct {
	null bool
	s    string
	i    int64
	f    float64
}

func keyValueAt(a arrow.Array, i int) (keyValue, error) {
	if a.IsNull(i) {
		return keyValue{null: true}, nil
	}
	switch a := a.(type) {
	case *array.String:
		return keyValue{s: a.Value(i)}, nil
	case *array.LargeString:
		return keyValue{s: a.Value(i)}, nil
	case *array.Int64:
		return keyValue{i: a.Value(i)}, nil
	case *array.Int32:
		return keyValue{i: int64(a.Value(i))}, nil
	case *array.Timestamp:
		return keyValue{i: int64(a.Value(i))}, nil
	case *array.Float64:
		return keyValue{f: a.Value(i)}, nil
	case *array.Boolean:
		if a.Value(i) {
			return keyValue{i: 1}, nil
		}
		return keyValue{}, nil
	}
	return keyValue{}, fmt.Errorf("key column of type %s cannot be checked", a.DataType())
}

func compareKeys(a, b []keyValue) int {
	for i := range a {
		x, y := a[i], b[i]
		if x.null || y.null {
			if x.null != y.null {
				if x.null {
					return -1
				}
				return 1
			}
			continue
		}
		if c := cmp.Or(strings.Compare(x.s, y.s), cmp.Compare(x.i, y.i), cmp.Compare(x.f, y.f)); c != 0 {
			return c
		}
	}
	return 0
}
