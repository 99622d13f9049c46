package datasets

import (
	"cmp"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
)

// SchemaVersion is the version of the on-disk contract of every table. It is
// written into each file (framelens.schema_version) and into the manifest.
// Bump it on any change a reader could notice: a column added, removed,
// renamed or retyped, a meaning changed, a key changed. Readers refuse files
// with a higher version (framelens.ErrSchemaVersion).
const SchemaVersion = 1

// defaultRowGroupRows bounds row groups when a table does not set its own, so
// the writer's memory stays flat however large the table (data.md pitfall 1).
const defaultRowGroupRows = 50_000

// A spec declares a table: the registry entry of the CONTRIBUTING pattern in
// doc.go.
type spec struct {
	// Name is the table's name: its directory in a snapshot and the value of
	// framelens.dataset in each file.
	Name string
	// Doc says what one row is, in a sentence or two, for SCHEMA.md.
	Doc string
	// Key lists the columns the rows are sorted by, ascending, NULLs first.
	// Each must be a top-level column of type string, bool, an integer,
	// float64 or time.Time (or a pointer to one).
	Key []string
	// RowGroupRows bounds the rows per row group; 0 means 50,000.
	RowGroupRows int
}

// A def is a registered table: its spec, the Parquet schema of its row type
// and the functions that depend on the row type.
type def struct {
	spec
	rowType reflect.Type
	schema  *parquet.Schema
	// docs maps a column name to its description (the doc struct tag).
	docs map[string]string
	// write writes rows (a []R) to w as one Parquet file.
	write func(w *countingWriter, rows any, opts []parquet.WriterOption) error
	// table sorts rows (a []R) and wraps them; read reads a []R from a
	// path. Generic tests over every table use them.
	table func(rows any) Table
	read  func(path string) (any, error)
}

// A tableDef is a def with a row type: what a table file declares with
// define and uses to build Tables.
type tableDef[R any] struct {
	*def
	compare func(a, b *R) int
}

// registry holds every table, by name. It is filled by the package-level
// define calls in each table's file and never changed afterwards.
var registry = map[string]*def{}

// define registers the table declared by s with rows of type R. It panics on
// a programmer error (duplicate name, unknown or unsortable key column,
// missing doc tag), so a bad declaration fails every test at once.
func define[R any](s spec) *tableDef[R] {
	if _, dup := registry[s.Name]; dup {
		panic("datasets: table " + s.Name + " defined twice")
	}
	if s.RowGroupRows == 0 {
		s.RowGroupRows = defaultRowGroupRows
	}
	var zero R
	rt := reflect.TypeOf(zero)
	d := &def{spec: s, rowType: rt, schema: parquet.SchemaOf(zero), docs: map[string]string{}}
	for i := range rt.NumField() {
		f := rt.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if name == "" || name == "-" {
			panic(fmt.Sprintf("datasets: table %s: field %s has no parquet name", s.Name, f.Name))
		}
		doc := f.Tag.Get("doc")
		if doc == "" {
			panic(fmt.Sprintf("datasets: table %s: column %s has no doc tag", s.Name, name))
		}
		d.docs[name] = doc
	}
	d.write = func(w *countingWriter, rows any, opts []parquet.WriterOption) error {
		pw := parquet.NewGenericWriter[R](w, opts...)
		rs := rows.([]R)
		for len(rs) > 0 {
			n := min(len(rs), 4096)
			if _, err := pw.Write(rs[:n]); err != nil {
				return err
			}
			rs = rs[n:]
		}
		return pw.Close()
	}
	t := &tableDef[R]{def: d, compare: keyCompare[R](s.Name, rt, s.Key)}
	d.table = func(rows any) Table { return t.table(rows.([]R)) }
	d.read = func(path string) (any, error) { return readRows[R](path, d) }
	registry[s.Name] = d
	return t
}

// table sorts rows by the key (a stable sort, so rows with equal keys keep
// their order) and wraps them in a Table. It sorts rows in place.
func (t *tableDef[R]) table(rows []R) Table {
	sort.SliceStable(rows, func(i, j int) bool { return t.compare(&rows[i], &rows[j]) < 0 })
	return Table{def: t.def, rows: rows, n: len(rows)}
}

// A Table is the rows of one table, sorted by its key and ready to be written
// by Publish or WriteTable. Build one with a constructor such as Articles.
// The zero Table is not valid.
type Table struct {
	def  *def
	rows any
	n    int
}

// Name returns the table's name, e.g. "articles".
func (t Table) Name() string {
	if t.def == nil {
		return ""
	}
	return t.def.Name
}

// Len returns the number of rows.
func (t Table) Len() int { return t.n }

// Tables returns the names of every registered table, sorted.
func Tables() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// convert maps each element of in with f.
func convert[T, R any](in []T, f func(T) R) []R {
	out := make([]R, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// keyCompare builds the comparison of rows by the key columns: ascending,
// NULL (nil pointer) first, the order the files' sorting_columns declare.
func keyCompare[R any](table string, rt reflect.Type, key []string) func(a, b *R) int {
	type field struct {
		index int
		cmp   func(a, b reflect.Value) int
	}
	var fields []field
	for _, k := range key {
		idx := -1
		for i := range rt.NumField() {
			name, _, _ := strings.Cut(rt.Field(i).Tag.Get("parquet"), ",")
			if name == k {
				idx = i
			}
		}
		if idx < 0 {
			panic(fmt.Sprintf("datasets: table %s: key column %s is not a column", table, k))
		}
		c := valueCompare(rt.Field(idx).Type)
		if c == nil {
			panic(fmt.Sprintf("datasets: table %s: key column %s has an unsortable type", table, k))
		}
		fields = append(fields, field{idx, c})
	}
	return func(a, b *R) int {
		va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
		for _, f := range fields {
			if c := f.cmp(va.Field(f.index), vb.Field(f.index)); c != 0 {
				return c
			}
		}
		return 0
	}
}

var timeType = reflect.TypeFor[time.Time]()

// valueCompare returns the comparison for values of type t, or nil.
func valueCompare(t reflect.Type) func(a, b reflect.Value) int {
	if t == timeType {
		return func(a, b reflect.Value) int {
			// Compare at the stored precision, so the order is the
			// order a reader sees.
			ta := a.Addr().Interface().(*time.Time)
			tb := b.Addr().Interface().(*time.Time)
			return cmp.Compare(ta.UnixMicro(), tb.UnixMicro())
		}
	}
	switch t.Kind() {
	case reflect.String:
		return func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) }
	case reflect.Float64:
		return func(a, b reflect.Value) int { return cmp.Compare(a.Float(), b.Float()) }
	case reflect.Bool:
		return func(a, b reflect.Value) int {
			x, y := 0, 0
			if a.Bool() {
				x = 1
			}
			if b.Bool() {
				y = 1
			}
			return cmp.Compare(x, y)
		}
	case reflect.Pointer:
		elem := valueCompare(t.Elem())
		if elem == nil {
			return nil
		}
		return func(a, b reflect.Value) int {
			switch {
			case a.IsNil() && b.IsNil():
				return 0
			case a.IsNil():
				return -1
			case b.IsNil():
				return 1
			}
			return elem(a.Elem(), b.Elem())
		}
	}
	return nil
}
