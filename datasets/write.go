package datasets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// Meta is the provenance written into every file's key-value metadata and
// into the manifest.
type Meta struct {
	// RunID names the run; Publish uses it as the snapshot's directory name,
	// so it must be a plain file name (no slash, not "." or "..").
	RunID string
	// ToolVersion is the framelens version (set with -ldflags).
	ToolVersion string
	// StudyID and StudyHash identify the study file (Study.ID, Study.Hash).
	StudyID   string
	StudyHash string
	// CreatedAt is when the run wrote the data; it is stored in UTC with
	// microsecond precision. The zero time means time.Now().
	CreatedAt time.Time
}

// The key-value metadata keys every file carries.
const (
	KeySchemaVersion = "framelens.schema_version"
	KeyDataset       = "framelens.dataset"
	KeyStudyID       = "framelens.study_id"
	KeyStudyHash     = "framelens.study_hash"
	KeyRunID         = "framelens.run_id"
	KeyToolVersion   = "framelens.tool_version"
	KeyCreatedAt     = "framelens.created_at"
)

// metadataKeys lists the keys in the order SCHEMA.md documents them.
var metadataKeys = []string{KeySchemaVersion, KeyDataset, KeyStudyID, KeyStudyHash, KeyRunID, KeyToolVersion, KeyCreatedAt}

func (m Meta) normalized() Meta {
	if m.CreatedAt.IsZero() {
		m.CreatedAt = time.Now()
	}
	m.CreatedAt = m.CreatedAt.UTC().Truncate(time.Microsecond)
	return m
}

// kv returns the key-value metadata of a file of the given table.
func (m Meta) kv(table string) [][2]string {
	return [][2]string{
		{KeySchemaVersion, strconv.Itoa(SchemaVersion)},
		{KeyDataset, table},
		{KeyStudyID, m.StudyID},
		{KeyStudyHash, m.StudyHash},
		{KeyRunID, m.RunID},
		{KeyToolVersion, m.ToolVersion},
		{KeyCreatedAt, m.CreatedAt.Format(time.RFC3339Nano)},
	}
}

// writerOptions is the writing profile of every file. It is the
// compatibility profile of data.md pitfall 5: data pages V1 and PLAIN
// (rather than DELTA_LENGTH_BYTE_ARRAY) for strings that are not
// dictionary-encoded, so Spark, Trino and pyarrow older than 9.0 read the
// files too. With zstd on top it costs no size, only some write time (see
// BenchmarkWriteArticles and doc.go).
func writerOptions(d *def, meta Meta) []parquet.WriterOption {
	opts := []parquet.WriterOption{
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedDefault}),
		parquet.DataPageVersion(1),
		parquet.DefaultEncodingFor(parquet.ByteArray, &parquet.Plain),
		parquet.MaxRowsPerRowGroup(int64(d.RowGroupRows)),
		parquet.PageBufferSize(1 << 20),
		parquet.CreatedBy("framelens", meta.ToolVersion, ""),
	}
	if len(d.Key) > 0 {
		cols := make([]parquet.SortingColumn, len(d.Key))
		for i, k := range d.Key {
			cols[i] = parquet.NullsFirst(parquet.Ascending(k))
		}
		opts = append(opts, parquet.SortingWriterConfig(parquet.SortingColumns(cols...)))
	}
	for _, kv := range meta.kv(d.Name) {
		opts = append(opts, parquet.KeyValueMetadata(kv[0], kv[1]))
	}
	return opts
}

// A countingWriter counts and hashes what passes through it, so a file's
// size and SHA-256 come for free while it is written.
type countingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func newCountingWriter(w io.Writer) *countingWriter {
	return &countingWriter{w: w, h: sha256.New()}
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.h.Write(p[:n])
	c.n += int64(n)
	return n, err
}

// writeTo writes t as one Parquet file to w and describes what it wrote.
func writeTo(w io.Writer, meta Meta, t Table) (File, error) {
	if t.def == nil {
		return File{}, errors.New("write table: zero Table")
	}
	cw := newCountingWriter(w)
	if err := t.def.write(cw, t.rows, writerOptions(t.def, meta)); err != nil {
		return File{}, fmt.Errorf("write table %s: %w", t.def.Name, err)
	}
	return File{Rows: int64(t.n), Bytes: cw.n, SHA256: hex.EncodeToString(cw.h.Sum(nil))}, nil
}

// tempSuffix ends the name of a file being written. It does not end in
// ".parquet", so no reader's glob (DuckDB, polars and pyarrow all match
// "*.parquet", dot-files included) picks up a half-written file.
const tempSuffix = ".tmp"

// WriteTable writes t to the Parquet file path atomically: it writes
// path's directory entry "<name>.<random>.tmp", syncs it and renames it to
// path, so a reader sees either the old file or the complete new one. It
// creates path's directory if needed. meta.CreatedAt zero means now.
func WriteTable(path string, meta Meta, t Table) error {
	_, err := writeFileAtomic(path, meta.normalized(), t, nil)
	return err
}

// writeFileAtomic is WriteTable; fail, when not nil, is called before each
// step and can stop it (crash tests).
func writeFileAtomic(path string, meta Meta, t Table, fail func(step string) error) (File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return File{}, fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+strings.TrimSuffix(base, ".parquet")+".*"+tempSuffix)
	if err != nil {
		return File{}, fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	ok := false
	// CreateTemp makes the file 0600; datasets are for every reader.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return File{}, fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	info, err := writeTo(f, meta, t)
	if err != nil {
		return File{}, fmt.Errorf("write %s: %w", path, err)
	}
	if err := step(fail, "sync "+t.Name()); err != nil {
		return File{}, err
	}
	if err := f.Sync(); err != nil {
		return File{}, fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return File{}, fmt.Errorf("write %s: %w", path, err)
	}
	if err := step(fail, "rename "+t.Name()); err != nil {
		return File{}, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return File{}, fmt.Errorf("write %s: %w", path, err)
	}
	ok = true
	return info, syncDir(dir)
}

// step runs the failure hook of a crash test, if any.
func step(fail func(string) error, name string) error {
	if fail == nil {
		return nil
	}
	return fail(name)
}

// syncDir flushes a directory's entries (renames, creations) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
