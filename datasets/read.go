package datasets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"

	"github.com/framelens/framelens"
	"github.com/parquet-go/parquet-go"
)

// parquetMagic opens and closes every Parquet file.
var parquetMagic = []byte("PAR1")

// A tableFile is one file to read; listed, when it comes from a manifest,
// is its entry there and runID the manifest's run.
type tableFile struct {
	path   string
	listed *File
	runID  string
}

// tableFiles returns the Parquet files of the named table at path: path
// itself if it is a file; the files the manifest lists if path is a data
// root or a snapshot; otherwise the *.parquet files in the directory path.
func tableFiles(path, table string) ([]tableFile, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", table, path, err)
	}
	if !fi.IsDir() {
		return []tableFile{{path: path}}, nil
	}
	s, openErr := Open(path)
	if openErr == nil {
		mt := s.Manifest.Table(table)
		if mt == nil {
			return nil, fmt.Errorf("read %s %s: no such table in the manifest: %w", table, path, fs.ErrNotExist)
		}
		var files []tableFile
		for i, f := range mt.Files {
			files = append(files, tableFile{s.Path(f), &mt.Files[i], s.Manifest.RunID})
		}
		return files, nil
	}
	if !errors.Is(openErr, fs.ErrNotExist) {
		return nil, openErr
	}
	files, err := filepath.Glob(filepath.Join(path, "*.parquet"))
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", table, path, err)
	}
	if len(files) == 0 {
		// A snapshot without its manifest (incomplete), a data root whose
		// current link is missing or dangles: no table, not an empty one.
		return nil, fmt.Errorf("read %s %s: no parquet files: %w", table, path, openErr)
	}
	sort.Strings(files)
	out := make([]tableFile, len(files))
	for i, f := range files {
		out[i] = tableFile{path: f}
	}
	return out, nil
}

// openParquet opens path with parquet-go and checks that it is a complete
// framelens file of the given table and of a schema version this build
// reads. The caller closes the returned os.File.
func openParquet(path, table string) (*os.File, *parquet.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	pf, err := func() (*parquet.File, error) {
		fi, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if err := checkMagic(f, fi.Size()); err != nil {
			return nil, err
		}
		pf, err := parquet.OpenFile(f, fi.Size())
		if err != nil {
			return nil, err
		}
		return pf, checkKV(pf.Lookup, table)
	}()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return f, pf, nil
}

// checkMagic reports a file that does not start and end with "PAR1" as
// truncated: a copy cut short, or a write that never finished.
func checkMagic(r io.ReaderAt, size int64) error {
	if size < 12 {
		return fmt.Errorf("%d bytes: %w", size, framelens.ErrTruncated)
	}
	head, tail := make([]byte, 4), make([]byte, 4)
	if _, err := r.ReadAt(head, 0); err != nil {
		return err
	}
	if _, err := r.ReadAt(tail, size-4); err != nil {
		return err
	}
	if !bytes.Equal(head, parquetMagic) {
		return errors.New("not a parquet file")
	}
	if !bytes.Equal(tail, parquetMagic) {
		return fmt.Errorf("no parquet footer: %w", framelens.ErrTruncated)
	}
	return nil
}

// checkKV checks a file's framelens key-value metadata: the schema version is
// one this build reads and the file holds the expected table (any table if
// table is empty).
func checkKV(lookup func(string) (string, bool), table string) error {
	v, ok := lookup(KeySchemaVersion)
	if !ok {
		return fmt.Errorf("no %s metadata: not a framelens table", KeySchemaVersion)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return fmt.Errorf("%s %q: %w", KeySchemaVersion, v, framelens.ErrSchemaVersion)
	}
	if n > SchemaVersion {
		return fmt.Errorf("schema version %d, this build reads up to %d: %w", n, SchemaVersion, framelens.ErrSchemaVersion)
	}
	if table == "" {
		return nil
	}
	if got, _ := lookup(KeyDataset); got != table {
		return fmt.Errorf("holds table %q, not %q", got, table)
	}
	return nil
}

// readRows reads every row of the table d from path (see tableFiles).
func readRows[R any](path string, d *def) (rows []R, err error) {
	files, err := tableFiles(path, d.Name)
	if err != nil {
		return nil, err
	}
	for _, tf := range files {
		rows, err = readFileRows(tf, d, rows)
		if err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// readFileRows appends the rows of one file to rows. A file listed in a
// manifest must agree with it in size, rows and run: another run's file
// copied over it would otherwise be read as this snapshot's.
func readFileRows[R any](tf tableFile, d *def, rows []R) (_ []R, err error) {
	path := tf.path
	f, pf, err := openParquet(path, d.Name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if l := tf.listed; l != nil {
		run, _ := pf.Lookup(KeyRunID)
		switch {
		case pf.Size() != l.Bytes:
			return nil, fmt.Errorf("read %s: %d bytes, manifest says %d: %w", path, pf.Size(), l.Bytes, framelens.ErrManifestMismatch)
		case pf.NumRows() != l.Rows:
			return nil, fmt.Errorf("read %s: %d rows, manifest says %d: %w", path, pf.NumRows(), l.Rows, framelens.ErrManifestMismatch)
		case run != tf.runID:
			return nil, fmt.Errorf("read %s: %s %q, manifest says %q: %w", path, KeyRunID, run, tf.runID, framelens.ErrManifestMismatch)
		}
	}
	defer func() {
		// parquet-go panics on some corrupt inputs; a corrupt file is an
		// error naming the file, never a crash.
		if e := recover(); e != nil {
			err = fmt.Errorf("read %s: corrupt file: %v", path, e)
		}
	}()
	r := parquet.NewGenericReader[R](pf)
	defer r.Close()
	start := len(rows)
	if n := pf.NumRows(); n > 0 && n < 1<<24 {
		rows = slices.Grow(rows, int(n))
	}
	buf := make([]R, 1024)
	for {
		n, err := r.Read(buf)
		rows = append(rows, buf[:n]...)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
	if got := int64(len(rows) - start); got != pf.NumRows() {
		return nil, fmt.Errorf("read %s: %d rows of %d: %w", path, got, pf.NumRows(), framelens.ErrTruncated)
	}
	return rows, nil
}
