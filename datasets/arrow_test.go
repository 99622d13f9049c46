package datasets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The cross-reader test of data.md §2.1: every row hashed as text (fields
// joined by "|", timestamps as epoch microseconds, list elements joined by
// ",", NULL as \N) must give the same digest from the rows we wrote, from
// parquet-go reading them back and from Arrow's independent reader.

// TestCrossReaderEveryTable runs the cross-reader check on random rows of
// every registered table, so tables added later are covered too.
func TestCrossReaderEveryTable(t *testing.T) {
	for _, name := range Tables() {
		t.Run(name, func(t *testing.T) {
			d := registry[name]
			rng := rand.New(rand.NewPCG(1, uint64(len(name))))
			rows := randomRows(rng, d.rowType, 2500)
			tbl := d.table(rows.Interface())
			path := filepath.Join(t.TempDir(), name+".parquet")
			if err := WriteTable(path, testMeta("r1"), tbl); err != nil {
				t.Fatal(err)
			}
			want := hashStructRows(tbl.rows)
			back, err := d.read(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := hashStructRows(back); got != want {
				t.Errorf("parquet-go read-back digest %s, want %s", got, want)
			}
			if got := mustHashArrowRows(t, path); got != want {
				t.Errorf("pqarrow read-back digest %s, want %s", got, want)
			}
		})
	}
}

func TestCrossReaderArticles(t *testing.T) {
	arts := sampleArticles(300)
	tbl := Articles(arts)
	path := filepath.Join(t.TempDir(), "articles.parquet")
	if err := WriteTable(path, testMeta("r1"), tbl); err != nil {
		t.Fatal(err)
	}
	if got, want := mustHashArrowRows(t, path), hashStructRows(tbl.rows); got != want {
		t.Errorf("pqarrow digest %s, want %s", got, want)
	}
}

// randomRows returns n rows of type rt with random values: NULLs, empty
// lists, non-ASCII strings, times before 1970.
func randomRows(rng *rand.Rand, rt reflect.Type, n int) reflect.Value {
	words := []string{"", "treaty", "INF", "Рябков", "«ультиматум»", "9M729", "a|b", "line\nbreak", "tass", "nato"}
	var gen func(t reflect.Type) reflect.Value
	gen = func(t reflect.Type) reflect.Value {
		switch {
		case t == timeType:
			return reflect.ValueOf(time.UnixMicro(rng.Int64N(4e15) - 1e15).UTC())
		case t.Kind() == reflect.Pointer:
			if rng.IntN(4) == 0 {
				return reflect.Zero(t)
			}
			p := reflect.New(t.Elem())
			p.Elem().Set(gen(t.Elem()))
			return p
		case t.Kind() == reflect.Slice:
			s := reflect.MakeSlice(t, 0, 0)
			for range rng.IntN(4) {
				s = reflect.Append(s, gen(t.Elem()))
			}
			return s
		}
		switch t.Kind() {
		case reflect.String:
			return reflect.ValueOf(words[rng.IntN(len(words))] + words[rng.IntN(len(words))]).Convert(t)
		case reflect.Int64:
			return reflect.ValueOf(rng.Int64N(2000) - 10).Convert(t)
		case reflect.Float64:
			return reflect.ValueOf(float64(rng.IntN(1000)) / 7).Convert(t)
		case reflect.Bool:
			return reflect.ValueOf(rng.IntN(2) == 0)
		}
		panic("randomRows: unsupported type " + t.String())
	}
	rows := reflect.MakeSlice(reflect.SliceOf(rt), n, n)
	for i := range n {
		for j := range rt.NumField() {
			rows.Index(i).Field(j).Set(gen(rt.Field(j).Type))
		}
	}
	return rows
}

// hashStructRows hashes a []R of row structs.
func hashStructRows(rows any) string {
	v := reflect.ValueOf(rows)
	h := sha256.New()
	var cell func(f reflect.Value) string
	cell = func(f reflect.Value) string {
		switch {
		case f.Type() == timeType:
			return strconv.FormatInt(f.Interface().(time.Time).UnixMicro(), 10)
		case f.Kind() == reflect.Pointer:
			if f.IsNil() {
				return `\N`
			}
			return cell(f.Elem())
		case f.Kind() == reflect.Slice:
			parts := make([]string, f.Len())
			for i := range parts {
				parts[i] = cell(f.Index(i))
			}
			return "[" + strings.Join(parts, ",") + "]"
		case f.Kind() == reflect.String:
			return strconv.Quote(f.String())
		case f.Kind() == reflect.Float64:
			return strconv.FormatFloat(f.Float(), 'g', -1, 64)
		}
		return fmt.Sprint(f.Interface())
	}
	for i := range v.Len() {
		r := v.Index(i)
		parts := make([]string, r.NumField())
		for j := range parts {
			parts[j] = cell(r.Field(j))
		}
		fmt.Fprintln(h, strings.Join(parts, "|"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// mustHashArrowRows reads path with pqarrow and hashes its rows like
// hashStructRows.
func mustHashArrowRows(tb testing.TB, path string) string {
	tb.Helper()
	tbl, err := readArrowTable(context.Background(), path, "", nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tbl.Release()
	return hashArrowTable(tb, tbl)
}

func hashArrowTable(tb testing.TB, tbl arrow.Table) string {
	tb.Helper()
	var cell func(a arrow.Array, i int) string
	cell = func(a arrow.Array, i int) string {
		if a.IsNull(i) {
			return `\N`
		}
		switch a := a.(type) {
		case *array.String:
			return strconv.Quote(a.Value(i))
		case *array.Int64:
			return strconv.FormatInt(a.Value(i), 10)
		case *array.Timestamp:
			return strconv.FormatInt(int64(a.Value(i)), 10)
		case *array.Float64:
			return strconv.FormatFloat(a.Value(i), 'g', -1, 64)
		case *array.Boolean:
			return strconv.FormatBool(a.Value(i))
		case *array.Dictionary:
			return cell(a.Dictionary(), a.GetValueIndex(i))
		case *array.List:
			lo, hi := a.ValueOffsets(i)
			parts := make([]string, 0, hi-lo)
			for j := lo; j < hi; j++ {
				parts = append(parts, cell(a.ListValues(), int(j)))
			}
			return "[" + strings.Join(parts, ",") + "]"
		}
		tb.Fatalf("hash: unexpected arrow type %s", a.DataType())
		return ""
	}
	h := sha256.New()
	tr := array.NewTableReader(tbl, 1024)
	defer tr.Release()
	for tr.Next() {
		rec := tr.RecordBatch()
		for i := range int(rec.NumRows()) {
			parts := make([]string, rec.NumCols())
			for c := range parts {
				parts[c] = cell(rec.Column(c), i)
			}
			fmt.Fprintln(h, strings.Join(parts, "|"))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestExportArrow(t *testing.T) {
	root := mustSnapshot(t, "r1")
	out := filepath.Join(t.TempDir(), "arrow")
	if err := ExportArrow(root, out); err != nil {
		t.Fatal(err)
	}
	s, _ := Open(root)
	for _, mt := range s.Manifest.Tables {
		f, err := os.Open(filepath.Join(out, mt.Name+".arrow"))
		if err != nil {
			t.Fatal(err)
		}
		r, err := ipc.NewFileReader(f, ipc.WithAllocator(memory.DefaultAllocator))
		if err != nil {
			t.Fatalf("ipc.NewFileReader(%s) = %v", mt.Name, err)
		}
		var rows int64
		var recs []arrow.RecordBatch
		for i := range r.NumRecords() {
			rec, err := r.RecordBatch(i)
			if err != nil {
				t.Fatal(err)
			}
			rec.Retain()
			recs = append(recs, rec)
			rows += rec.NumRows()
		}
		if rows != mt.Rows {
			t.Errorf("%s.arrow has %d rows, manifest %d", mt.Name, rows, mt.Rows)
		}
		// Same rows as the Parquet file, dictionaries and all.
		tbl := array.NewTableFromRecords(r.Schema(), recs)
		if got, want := hashArrowTable(t, tbl), mustHashArrowRows(t, s.Path(mt.Files[0])); got != want {
			t.Errorf("%s.arrow digest %s, parquet %s", mt.Name, got, want)
		}
		if mt.Name == "articles" {
			if f, _ := r.Schema().FieldsByName("outlet"); len(f) != 1 || f[0].Type.ID() != arrow.DICTIONARY {
				t.Errorf("articles.arrow outlet is %v, want a dictionary", f)
			}
		}
		tbl.Release()
		for _, rec := range recs {
			rec.Release()
		}
		r.Close()
		f.Close()
	}
}

func TestDescribe(t *testing.T) {
	root := mustSnapshot(t, "r1")
	var buf bytes.Buffer
	if err := Describe(&buf, root); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"table articles  rows 40", "framelens.run_id = r1", "framelens.schema_version = 1",
		"sorted by: outlet asc nulls first, published_at asc nulls first, article_id asc nulls first",
		"compression: ZSTD", "timestamp[us, tz=UTC]", "table attributions",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("Describe output lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestEmptyTables(t *testing.T) {
	root := t.TempDir()
	mustPublish(t, &Publisher{Root: root, Logger: discard}, "r1", Articles(nil), Rejects(nil), Attributions(nil, nil))
	if err := Validate(root); err != nil {
		t.Errorf("Validate(empty tables) = %v", err)
	}
	if err := ExportArrow(root, filepath.Join(t.TempDir(), "arrow")); err != nil {
		t.Errorf("ExportArrow(empty tables) = %v", err)
	}
	var buf bytes.Buffer
	if err := Describe(&buf, root); err != nil {
		t.Errorf("Describe(empty tables) = %v", err)
	}
	arts, err := ReadArticles(root)
	if err != nil || len(arts) != 0 {
		t.Errorf("ReadArticles(empty) = %d, %v", len(arts), err)
	}
}
