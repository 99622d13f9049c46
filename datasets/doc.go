// Package datasets owns the on-disk contract of framelens: it writes every
// table as Parquet (with parquet-go), publishes the tables of a run as one
// snapshot with a manifest, and reads and checks them back (with Arrow's own
// Parquet reader, independent of the writer).
//
// A data root looks like this:
//
//	<root>/current -> snapshots/<run_id>       switched atomically by Publish
//	<root>/snapshots/<run_id>/_manifest.json   written last: the commit marker
//	<root>/snapshots/<run_id>/articles/part-00000.parquet
//	<root>/snapshots/<run_id>/attributions/part-00000.parquet
//	...
//
// Notebooks and other readers use <root>/current/<table>/*.parquet; SCHEMA.md
// (printed by "framelens datasets schema") documents every table and column.
//
// A minimal use, from cmd:
//
//	meta := datasets.Meta{RunID: runID, ToolVersion: version, StudyID: st.ID, StudyHash: st.Hash}
//	m, err := datasets.Publish("data/datasets", meta,
//		datasets.Articles(articles), datasets.Rejects(rejects))
//	...
//	articles, err := datasets.ReadArticles("data/datasets") // or one file
//
// # The contract of every file
//
//   - One row struct per table, with parquet tags, in this package; never a
//     framelens type directly, so a refactor of the domain types cannot change
//     the schema by accident.
//   - Timestamps are TIMESTAMP(MICROS, UTC); lists are standard 3-level LISTs;
//     low-cardinality strings are dictionary-encoded; every column is zstd
//     compressed; row groups are bounded (spec.RowGroupRows).
//   - Rows are sorted by the table's key (ascending, NULLs first) by this
//     package before writing, so the sorting_columns metadata is true.
//   - Key-value metadata: framelens.schema_version, framelens.dataset,
//     framelens.study_id, framelens.study_hash, framelens.run_id,
//     framelens.tool_version, framelens.created_at.
//   - Compatibility profile: data pages V1 and PLAIN encoding for strings
//     that are not dictionary-encoded (data.md pitfall 5), so Spark, Trino
//     and pyarrow < 9 read the files as well as pandas, polars and DuckDB.
//     Measured with BenchmarkWriteArticles (10,000 articles of 600 words):
//     the file is 0.7 % smaller than with parquet-go's V2 + DELTA_LENGTH_
//     BYTE_ARRAY default (11.32 vs 11.41 MB), writing takes about 30 % longer
//     (0.72 vs 0.55 s). Compatibility wins.
//   - A missing value is NULL only where the schema says "optional"; other
//     strings use "" for "none" (documented per column).
//
// # Adding a table (CONTRIBUTING)
//
// Adding a table is one file, datasets/<name>.go, with three parts; see
// rejects.go for a small complete example.
//
//  1. A row struct. Every field has a parquet tag with a snake_case column
//     name and a doc tag saying what the column means (the schema generator
//     refuses a column without one). Use int64, float64, bool and string;
//     time.Time with ",timestamp(microsecond:utc)"; lists as []T with
//     ",list"; ",dict" on low-cardinality strings (outlet, side, class);
//     pointers with ",optional" for NULL. Character spans are two int64
//     columns <name>_start and <name>_end, optional when the span may be
//     absent. No maps, no nested structs, no uint64.
//  2. A registry entry: a package-level
//     var xTable = define[XRow](spec{Name: "x", Doc: "...", Key: []string{...}})
//     The key columns are the sort order; define derives the comparison
//     from them and panics at init on a bad declaration.
//  3. A conversion and a constructor: func X(in []framelens.T) Table
//     { return xTable.table(convert(in, xRow)) }, plus, if a stage reads
//     the table back, func ReadX(path string) ([]framelens.T, error) built
//     on readRows[XRow].
//
// Then run "go test ./datasets -update" to regenerate
// testdata/schema.golden.md and SCHEMA.md, review the diff, and bump
// SchemaVersion if the change touches a published table.
//
// # Files
//
//	doc.go          this overview and the contributing guide
//	table.go        the registry, spec, Table, sorting by key
//	write.go        Meta, the writer profile, WriteTable (one file, atomic)
//	read.go         opening and reading files back with parquet-go
//	publish.go      Publish: snapshots, current link, pruning
//	manifest.go     Manifest, Open, ReadManifest
//	schema.go       the schema document (SCHEMA.md) generated from the registry
//	arrow.go        Describe and ExportArrow through Arrow (pqarrow)
//	validate.go     Validate: every file against the manifest and the contract
//	articles.go rejects.go crawllog.go attributions.go   the tables of crawl,
//	                normalize and the attribution analyzer
//	wording.go      the tables of the wording, event and reuse analyzers
//
// Tests: crash_test.go stops Publish before each step and checks the
// previous snapshot stays current and valid; arrow_test.go hashes every row
// of every table as written, as read back by parquet-go and as read by
// pqarrow; validate_test.go damages snapshots (truncated file, newer schema,
// manifest mismatch, stray file, unsorted rows); fuzz_test.go round-trips
// articles; demo_test.go -demo-out DIR publishes a synthetic snapshot for
// the notebooks.
package datasets
