package datasets

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// A column describes one top-level column as a reader sees it. Types are
// read back through Arrow's Parquet reader from a file parquet-go wrote, so
// the schema document states what is on disk, not what the struct tags
// intend.
type column struct {
	Name string
	// Parquet is the physical type ("BYTE_ARRAY", "LIST<INT64>").
	Parquet string
	// Logical is the logical type ("STRING", "TIMESTAMP(MICROS, UTC)").
	Logical string
	// Arrow is the type pyarrow and pqarrow read it as.
	Arrow    string
	Nullable bool
	// Dict is set for dictionary-encoded columns (expected columns only).
	Dict bool
	Doc  string
}

func (c column) sameType(d column) bool {
	return c.Name == d.Name && c.Parquet == d.Parquet && c.Logical == d.Logical &&
		c.Arrow == d.Arrow && c.Nullable == d.Nullable
}

func (c column) String() string {
	n := ""
	if c.Nullable {
		n = " optional"
	}
	return fmt.Sprintf("%s %s %s%s (arrow %s)", c.Name, c.Parquet, c.Logical, n, c.Arrow)
}

// columns returns the columns of table d: the types of an empty file written
// with the table's writer, read back with Arrow, and the doc tags.
func (d *def) columns() ([]column, error) {
	var buf bytes.Buffer
	t := Table{def: d, rows: reflect.MakeSlice(reflect.SliceOf(d.rowType), 0, 0).Interface()}
	if _, err := writeTo(&buf, Meta{}, t); err != nil {
		return nil, err
	}
	r, err := file.NewParquetReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return nil, fmt.Errorf("schema of %s: %w", d.Name, err)
	}
	defer r.Close()
	cols, err := parquetColumns(r)
	if err != nil {
		return nil, fmt.Errorf("schema of %s: %w", d.Name, err)
	}
	dict := dictColumns(d.rowType)
	for i := range cols {
		cols[i].Doc = d.docs[cols[i].Name]
		cols[i].Dict = dict[cols[i].Name]
	}
	return cols, nil
}

// parquetColumns describes the top-level columns of an open file.
func parquetColumns(r *file.Reader) ([]column, error) {
	sc := r.MetaData().Schema
	as, err := pqarrow.FromParquet(sc, nil, nil)
	if err != nil {
		return nil, err
	}
	root := sc.Root()
	cols := make([]column, root.NumFields())
	for i := range cols {
		n := root.Field(i)
		c := column{Name: n.Name(), Nullable: n.RepetitionType() == 1 /* OPTIONAL */}
		c.Parquet, c.Logical = nodeType(n)
		if f, ok := as.FieldsByName(n.Name()); ok && len(f) == 1 {
			c.Arrow = f[0].Type.String()
		}
		cols[i] = c
	}
	return cols, nil
}

// nodeType returns the physical and logical type of a schema node, with
// lists written as LIST<element type>.
func nodeType(n schema.Node) (physical, logical string) {
	switch n := n.(type) {
	case *schema.PrimitiveNode:
		return n.PhysicalType().String(), logicalName(n.LogicalType())
	case *schema.GroupNode:
		if _, ok := n.LogicalType().(schema.ListLogicalType); ok && n.NumFields() == 1 {
			if rep, ok := n.Field(0).(*schema.GroupNode); ok && rep.NumFields() == 1 {
				p, l := nodeType(rep.Field(0))
				opt := ""
				if rep.Field(0).RepetitionType() == 1 {
					opt = "optional "
				}
				return "LIST<" + opt + p + ">", "LIST<" + l + ">"
			}
		}
		return "GROUP", logicalName(n.LogicalType())
	}
	return "?", "?"
}

func logicalName(lt schema.LogicalType) string {
	switch lt := lt.(type) {
	case nil, schema.NoLogicalType:
		return "-"
	case schema.StringLogicalType:
		return "STRING"
	case *schema.TimestampLogicalType:
		return timestampName(lt.TimeUnit(), lt.IsAdjustedToUTC())
	case schema.TimestampLogicalType:
		return timestampName(lt.TimeUnit(), lt.IsAdjustedToUTC())
	case *schema.IntLogicalType:
		return intName(lt.BitWidth(), lt.IsSigned())
	case schema.IntLogicalType:
		return intName(lt.BitWidth(), lt.IsSigned())
	}
	return lt.String()
}

func timestampName(unit schema.TimeUnitType, utc bool) string {
	u := map[schema.TimeUnitType]string{schema.TimeUnitMillis: "MILLIS", schema.TimeUnitMicros: "MICROS", schema.TimeUnitNanos: "NANOS"}[unit]
	if utc {
		return "TIMESTAMP(" + u + ", UTC)"
	}
	return "TIMESTAMP(" + u + ", local)"
}

func intName(bits int8, signed bool) string {
	if signed {
		return fmt.Sprintf("INT(%d, signed)", bits)
	}
	return fmt.Sprintf("INT(%d, unsigned)", bits)
}

// dictColumns returns the columns whose tags ask for dictionary encoding.
func dictColumns(rt reflect.Type) map[string]bool {
	m := map[string]bool{}
	for i := range rt.NumField() {
		f := rt.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if hasOpt(opts, "dict") || hasOpt(strings.TrimPrefix(f.Tag.Get("parquet-element"), ","), "dict") {
			m[name] = true
		}
	}
	return m
}

func hasOpt(opts, want string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// WriteSchema writes the schema document (SCHEMA.md) of every registered
// table to w: per table, what a row is, the sort key and every column with
// its Parquet and Arrow types, nullability, encoding and meaning.
func WriteSchema(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# framelens datasets: schema version %d\n\n", SchemaVersion)
	b.WriteString("Generated from the row structs in `datasets/*.go` by `framelens datasets schema`; do not edit.\n")
	b.WriteString("`go test ./datasets -update` regenerates it (and `testdata/schema.golden.md`) after a deliberate change.\n\n")
	b.WriteString("## Layout and common contract\n\n")
	b.WriteString("- A data root holds `snapshots/<run_id>/<table>/part-00000.parquet` and `snapshots/<run_id>/_manifest.json`; ")
	b.WriteString("`current` is a symlink to the published snapshot. Read `<root>/current/<table>/*.parquet`.\n")
	b.WriteString("- `_manifest.json` (written last) lists every table with its files, rows, bytes and SHA-256, ")
	b.WriteString("the schema version, run id, study id and hash, tool version and creation time.\n")
	b.WriteString("- Every file: zstd on every column; data pages V1 and PLAIN strings except dictionary-encoded columns ")
	b.WriteString("(compatibility profile: Spark, Trino and pyarrow < 9 read it); row groups bounded per table; rows sorted by the ")
	b.WriteString("table's key (ascending, NULLs first) and recorded as `sorting_columns`.\n")
	b.WriteString("- Timestamps are `TIMESTAMP(MICROS, UTC)`: pandas `datetime64[us, UTC]`, DuckDB `TIMESTAMPTZ`, polars `Datetime(us, UTC)`.\n")
	b.WriteString("- Dictionary-encoded (`dict`) columns read as plain strings; use `astype(\"category\")` in pandas if you want categories.\n")
	b.WriteString("- Character offsets (`*_start`, `*_end`) count Unicode code points into `articles.text`, so Python's `text[start:end]` returns the span.\n")
	b.WriteString("- Key-value metadata in every file:")
	for _, k := range metadataKeys {
		fmt.Fprintf(&b, " `%s`", k)
	}
	b.WriteString(".\n")
	for _, name := range Tables() {
		d := registry[name]
		cols, err := d.columns()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", d.Name, d.Doc)
		fmt.Fprintf(&b, "Sort key: %s. Row groups: at most %d rows.\n\n", backquote(d.Key), d.RowGroupRows)
		b.WriteString("| column | Parquet type | logical type | nullable | Arrow type | encoding | meaning |\n")
		b.WriteString("|---|---|---|---|---|---|---|\n")
		for _, c := range cols {
			null, enc := "no", "plain"
			if c.Nullable {
				null = "yes"
			}
			if c.Dict {
				enc = "dict"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | `%s` | %s | %s |\n", c.Name, c.Parquet, c.Logical, null, c.Arrow, enc,
				strings.ReplaceAll(c.Doc, "|", `\|`))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func backquote(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return "`" + strings.Join(names, "`, `") + "`"
}
