package datasets

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// This file reads tables through Arrow's own Parquet reader (pqarrow),
// independent of parquet-go, which writes them: what it reads back is what
// pyarrow, and so pandas, sees.

// openArrow opens a Parquet file with Arrow's reader. Arrow can panic on
// malformed input; that becomes an error naming the file.
func openArrow(path string) (r *file.Reader, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("open %s: corrupt file: %v", path, e)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	fi, err := f.Stat()
	if err == nil {
		err = checkMagic(f, fi.Size())
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r, err = file.NewParquetReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return r, nil
}

// kvLookup returns a lookup function over a file's key-value metadata.
func kvLookup(r *file.Reader) func(string) (string, bool) {
	kv := r.MetaData().KeyValueMetadata()
	return func(k string) (string, bool) {
		if v := kv.FindValue(k); v != nil {
			return *v, true
		}
		return "", false
	}
}

// readArrowTable reads a whole Parquet file of the given table ("" for any)
// into an Arrow table, refusing a file of a newer schema version (see
// checkKV). Columns in dict are read as dictionary arrays (pandas
// category). The caller releases the table.
func readArrowTable(ctx context.Context, path, table string, dict map[string]bool) (tbl arrow.Table, err error) {
	r, err := openArrow(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if err := checkKV(kvLookup(r), table); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("read %s: corrupt file: %v", path, e)
		}
	}()
	props := pqarrow.ArrowReadProperties{BatchSize: 64 << 10, Parallel: false}
	sc := r.MetaData().Schema
	for name := range dict {
		if i := sc.ColumnIndexByName(name); i >= 0 {
			props.SetReadDict(i, true)
		}
	}
	fr, err := pqarrow.NewFileReader(r, props, memory.DefaultAllocator)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	tbl, err = fr.ReadTable(ctx)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return tbl, nil
}

// Describe writes a description of the Parquet file at path, or of every
// file of the snapshot or data root at path, as Arrow's reader sees it:
// provenance metadata, rows, row groups, sort order, compression and every
// column's Parquet and Arrow types.
func Describe(w io.Writer, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("describe %s: %w", path, err)
	}
	if !fi.IsDir() {
		return describeFile(w, path)
	}
	s, err := Open(path)
	if err != nil {
		return fmt.Errorf("describe %s: %w", path, err)
	}
	m := s.Manifest
	fmt.Fprintf(w, "snapshot %s\n  run %s  schema version %d  study %s (%s)  tool %s  created %s\n",
		s.Dir, m.RunID, m.SchemaVersion, m.StudyID, m.StudyHash, m.ToolVersion, m.CreatedAt.Format("2006-01-02T15:04:05Z"))
	for _, t := range m.Tables {
		for _, f := range t.Files {
			fmt.Fprintln(w)
			if err := describeFile(w, s.Path(f)); err != nil {
				return err
			}
		}
	}
	return nil
}

func describeFile(w io.Writer, path string) error {
	r, err := openArrow(path)
	if err != nil {
		return fmt.Errorf("describe %w", err)
	}
	defer r.Close()
	md := r.MetaData()
	lookup := kvLookup(r)
	cols, err := parquetColumns(r)
	if err != nil {
		return fmt.Errorf("describe %s: %w", path, err)
	}
	table, _ := lookup(KeyDataset)
	fmt.Fprintf(w, "%s\n  table %s  rows %d  row groups %d  created by %q\n", path, table, r.NumRows(), r.NumRowGroups(), md.GetCreatedBy())
	var keys []string
	for _, k := range md.KeyValueMetadata().Keys() {
		if strings.HasPrefix(k, "framelens.") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, _ := lookup(k)
		fmt.Fprintf(w, "  %s = %s\n", k, v)
	}
	if r.NumRowGroups() > 0 {
		rg := md.RowGroup(0)
		var sorted []string
		for _, sc := range rg.SortingColumns() {
			dir := "asc"
			if sc.Descending {
				dir = "desc"
			}
			nulls := "nulls last"
			if sc.NullsFirst {
				nulls = "nulls first"
			}
			sorted = append(sorted, fmt.Sprintf("%s %s %s", md.Schema.Column(int(sc.ColumnIdx)).Path(), dir, nulls))
		}
		fmt.Fprintf(w, "  sorted by: %s\n", strings.Join(sorted, ", "))
		codecs := map[string]bool{}
		for i := range rg.NumColumns() {
			if cc, err := rg.ColumnChunk(i); err == nil {
				codecs[cc.Compression().String()] = true
			}
		}
		var cs []string
		for c := range codecs {
			cs = append(cs, c)
		}
		sort.Strings(cs)
		fmt.Fprintf(w, "  compression: %s\n", strings.Join(cs, ", "))
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  column\tparquet\tlogical\tnullable\tarrow")
	for _, c := range cols {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%v\t%s\n", c.Name, c.Parquet, c.Logical, c.Nullable, c.Arrow)
	}
	return tw.Flush()
}

// ExportArrow writes every table of the snapshot at root (see Open) to
// outDir/<table>.arrow in the Arrow IPC file format (Feather v2),
// uncompressed so pyarrow and polars can memory-map it without a copy.
// Dictionary-encoded columns stay dictionaries (pandas category, polars
// Categorical). Each file is written under a temporary name and renamed.
func ExportArrow(root, outDir string) error {
	s, err := Open(root)
	if err != nil {
		return fmt.Errorf("export arrow: %w", err)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("export arrow: %w", err)
	}
	for _, t := range s.Manifest.Tables {
		d := registry[t.Name]
		if d == nil {
			return fmt.Errorf("export arrow %s: unknown table %s", s.Dir, t.Name)
		}
		if err := exportTable(s, t, dictColumns(d.rowType), filepath.Join(outDir, t.Name+".arrow")); err != nil {
			return err
		}
	}
	return nil
}

func exportTable(s *Snapshot, t ManifestTable, dict map[string]bool, out string) (err error) {
	ctx := context.Background()
	var tables []arrow.Table
	defer func() {
		for _, tb := range tables {
			tb.Release()
		}
	}()
	for _, f := range t.Files {
		tb, err := readArrowTable(ctx, s.Path(f), t.Name, dict)
		if err != nil {
			return fmt.Errorf("export arrow: %w", err)
		}
		tables = append(tables, tb)
	}
	if len(tables) == 0 {
		return fmt.Errorf("export arrow %s: table %s has no files", s.Dir, t.Name)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("export arrow %s: %w", out, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	all, err := concatTables(tables)
	if err != nil {
		return fmt.Errorf("export arrow %s: %w", out, err)
	}
	defer all.Release()
	// pqarrow gives one dictionary per row group; the IPC file format
	// allows one per column (data.md §4, IPC pitfalls).
	u, err := array.UnifyTableDicts(memory.DefaultAllocator, all)
	if err != nil {
		return fmt.Errorf("export arrow %s: %w", out, err)
	}
	defer u.Release()
	fw, err := ipc.NewFileWriter(tmp, ipc.WithSchema(u.Schema()), ipc.WithAllocator(memory.DefaultAllocator))
	if err != nil {
		return fmt.Errorf("export arrow %s: %w", out, err)
	}
	if err := writeIPC(fw, u); err != nil {
		return fmt.Errorf("export arrow %s: %w", out, err)
	}
	if err := fw.Close(); err != nil {
		return fmt.Errorf("export arrow %s: %w", out, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("export arrow %s: %w", out, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export arrow %s: %w", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("export arrow %s: %w", out, err)
	}
	return nil
}

func writeIPC(fw *ipc.FileWriter, tb arrow.Table) error {
	tr := array.NewTableReader(tb, 64<<10)
	defer tr.Release()
	for tr.Next() {
		if err := fw.Write(tr.RecordBatch()); err != nil {
			return err
		}
	}
	return tr.Err()
}

// concatTables joins tables of one schema into one table of chunked
// columns. The caller releases the result.
func concatTables(tables []arrow.Table) (arrow.Table, error) {
	if len(tables) == 1 {
		tables[0].Retain()
		return tables[0], nil
	}
	schema := tables[0].Schema()
	cols := make([]arrow.Column, schema.NumFields())
	var rows int64
	for _, tb := range tables {
		if !tb.Schema().Equal(schema) {
			return nil, fmt.Errorf("files of one table have different schemas")
		}
		rows += tb.NumRows()
	}
	for i := range cols {
		var chunks []arrow.Array
		for _, tb := range tables {
			chunks = append(chunks, tb.Column(i).Data().Chunks()...)
		}
		ch := arrow.NewChunked(schema.Field(i).Type, chunks)
		cols[i] = *arrow.NewColumn(schema.Field(i), ch)
		ch.Release()
	}
	tb := array.NewTable(schema, cols, rows)
	for i := range cols {
		cols[i].Release()
	}
	return tb, nil
}
