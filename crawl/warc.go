package crawl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// warcExt is the extension of the files the crawler writes: WARC/1.1, one
// gzip member per record.
const warcExt = ".warc.gz"

// openSuffix marks a WARC file that is still being written (gowarc renames it
// away on close). A crawl killed with -9 leaves one behind; openWARCDir
// repairs it.
const openSuffix = ".open"

// recordOptions are the options of every record we build: ids, lengths and
// digests filled in, digests as sha1 in base32 so they compare with the
// digest column of Wayback and Common Crawl CDX rows.
var recordOptions = []gowarc.WarcRecordOption{
	gowarc.WithAddMissingRecordId(true),
	gowarc.WithAddMissingContentLength(true),
	gowarc.WithAddMissingDigest(true),
	gowarc.WithDefaultDigestAlgorithm("sha1"),
}

// A capture is one archived HTTP exchange: where its response record lies
// and what the index needs to know about it.
type capture struct {
	URL       string    `json:"url"`
	Status    int       `json:"status"`
	Mime      string    `json:"mime,omitempty"`
	Digest    string    `json:"digest,omitempty"`
	File      string    `json:"file"`
	Offset    int64     `json:"offset"`
	Length    int64     `json:"length"` // bytes of the gzip member on disk
	Date      time.Time `json:"date"`
	Bytes     int64     `json:"bytes"` // payload bytes kept
	Truncated bool      `json:"truncated,omitempty"`
	RecordID  string    `json:"record_id,omitempty"`
	// Location is the redirect target of a 3xx response.
	Location string `json:"location,omitempty"`
	// ETag and LastModified are the response's validators, sent back in a
	// conditional request when a sitemap or feed is refreshed.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Archived marks a capture served from an earlier run's WARC rather
	// than fetched now.
	Archived bool `json:"-"`
}

// warcWriter writes request/response pairs to size-rotated WARC files in
// one directory. It is safe for concurrent use; writes are serialised so
// that the file size after a write is the end of its last record.
type warcWriter struct {
	dir string
	mu  sync.Mutex
	gw  *gowarc.WarcFileWriter
	now func() time.Time
	// files lists every file name this writer created, in order.
	files []string
}

// warcInfo is what the warcinfo record at the head of each file says.
type warcInfo struct {
	Software  string // "framelens/<version>"
	Study     string
	StudyHash string
	UserAgent string
	Robots    string
}

// newWARCWriter returns a writer that creates files named
// <prefix>-<14-digit UTC time>-<serial>.warc.gz in dir, rotating when a file
// would exceed maxSize bytes.
func newWARCWriter(dir, prefix string, maxSize int64, now func() time.Time, info warcInfo) *warcWriter {
	w := &warcWriter{dir: dir, now: now}
	gen := &nameGenerator{dir: dir, prefix: prefix, now: now, onNew: func(name string) {
		w.files = append(w.files, name+warcExt)
	}}
	w.gw = gowarc.NewWarcFileWriter(
		gowarc.WithFileNameGenerator(gen),
		gowarc.WithCompression(true),
		gowarc.WithMaxFileSize(maxSize),
		gowarc.WithAddWarcConcurrentToHeader(true),
		gowarc.WithRecordOptions(recordOptions...),
		gowarc.WithWarcInfoFunc(func(b gowarc.WarcRecordBuilder) error {
			var buf bytes.Buffer
			fmt.Fprintf(&buf, "software: %s\r\n", info.Software)
			fmt.Fprintf(&buf, "format: WARC File Format 1.1\r\n")
			fmt.Fprintf(&buf, "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
			if info.Study != "" {
				fmt.Fprintf(&buf, "study: %s\r\n", info.Study)
			}
			if info.StudyHash != "" {
				fmt.Fprintf(&buf, "study-hash: %s\r\n", info.StudyHash)
			}
			if info.UserAgent != "" {
				fmt.Fprintf(&buf, "http-header-user-agent: %s\r\n", info.UserAgent)
			}
			if info.Robots != "" {
				fmt.Fprintf(&buf, "robots: %s\r\n", info.Robots)
			}
			_, err := b.Write(buf.Bytes())
			return err
		}),
	)
	return w
}

// nameGenerator implements gowarc.WarcFileNameGenerator with the injected
// clock, a serial that never reuses a name already in the directory, and
// no host name or IP lookup.
type nameGenerator struct {
	dir    string
	prefix string
	now    func() time.Time
	serial atomic.Int32
	onNew  func(name string)
}

func (g *nameGenerator) NewWarcfileName() (string, string) {
	for {
		n := g.serial.Add(1)
		name := fmt.Sprintf("%s-%s-%05d", g.prefix, g.now().UTC().Format("20060102150405"), n)
		full := filepath.Join(g.dir, name+warcExt)
		if _, err := os.Stat(full); err == nil {
			continue
		}
		if _, err := os.Stat(full + openSuffix); err == nil {
			continue
		}
		g.onNew(name)
		return g.dir, name + ".warc"
	}
}

// write writes the records in one call (so they share WARC-Concurrent-To)
// and returns, for each, its file, offset and compressed length.
func (w *warcWriter) write(recs ...gowarc.WarcRecord) ([]capture, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	res := w.gw.Write(recs...)
	if len(res) != len(recs) {
		return nil, errors.New("write warc: writer closed")
	}
	out := make([]capture, len(res))
	var errs []error
	for i, r := range res {
		if r.Err != nil {
			errs = append(errs, r.Err)
			continue
		}
		out[i] = capture{File: r.FileName, Offset: r.FileOffset}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("write warc: %w", err)
	}
	// Lengths: each record runs to the next one's offset; the last one to
	// the end of the (still open) file.
	for i := range out {
		if i+1 < len(out) && out[i+1].File == out[i].File {
			out[i].Length = out[i+1].Offset - out[i].Offset
			continue
		}
		fi, err := os.Stat(filepath.Join(w.dir, out[i].File+openSuffix))
		if err != nil {
			fi, err = os.Stat(filepath.Join(w.dir, out[i].File))
		}
		if err == nil {
			out[i].Length = fi.Size() - out[i].Offset
		}
	}
	return out, nil
}

// Files returns the names of the files this writer created.
func (w *warcWriter) Files() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.files...)
}

// close finishes the current file (renaming it from .open to its final name).
func (w *warcWriter) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.gw.Close()
}

// scannedRecord is what scanWARC reports about one record.
type scannedRecord struct {
	Type     gowarc.RecordType
	capture  capture
	Version  string
	Concur   string
	Refers   string
	Metadata []byte
}

// scanWARC reads the records of a WARC file from offset and calls fn for
// each one. It stops at the first record that cannot be read and returns
// the offset just past the last good record (goodEnd) together with the
// read error; err is nil when the file ends cleanly. Records are read
// leniently so that WARCs from other tools scan too.
func scanWARC(path string, offset int64, fn func(scannedRecord) error) (goodEnd int64, err error) {
	r, err := gowarc.NewWarcFileReader(path, offset,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBufferTmpDir(os.TempDir()),
	)
	if err != nil {
		return offset, err
	}
	defer r.Close()
	goodEnd = offset
	name := filepath.Base(strings.TrimSuffix(path, openSuffix))
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return goodEnd, nil
		}
		if err != nil {
			rec.Close()
			return goodEnd, err
		}
		sr, err := describe(rec, name)
		if err == nil {
			// Reading the whole block proves the gzip member is complete.
			err = drainBlock(rec.WarcRecord)
		}
		rec.Close()
		if err != nil {
			return goodEnd, err
		}
		goodEnd = rec.Offset + rec.Size
		if fn != nil {
			if err := fn(sr); err != nil {
				return goodEnd, err
			}
		}
	}
}

func drainBlock(wr gowarc.WarcRecord) error {
	rb, err := wr.Block().RawBytes()
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, rb)
	return err
}

// describe extracts the index fields of one record.
func describe(rec gowarc.Record, file string) (scannedRecord, error) {
	wr := rec.WarcRecord
	h := wr.WarcHeader()
	sr := scannedRecord{
		Type:    wr.Type(),
		Version: wr.Version().String(),
		Concur:  h.Get(gowarc.WarcConcurrentTo),
		Refers:  h.Get(gowarc.WarcRefersTo),
	}
	date, _ := h.GetTime(gowarc.WarcDate)
	c := capture{
		URL:      strings.Trim(h.Get(gowarc.WarcTargetURI), "<>"),
		File:     file,
		Offset:   rec.Offset,
		Length:   rec.Size,
		Date:     date,
		Digest:   h.Get(gowarc.WarcPayloadDigest),
		RecordID: h.GetId(gowarc.WarcRecordID),
	}
	c.Truncated = h.Has(gowarc.WarcTruncated)
	if b, ok := wr.Block().(gowarc.HttpResponseBlock); ok && wr.Type() == gowarc.Response {
		c.Status = b.HttpStatusCode()
		if hh := b.HttpHeader(); hh != nil {
			c.Mime = hh.Get("Content-Type")
			c.Location = hh.Get("Location")
		}
	}
	sr.capture = c
	return sr, nil
}

// repairWARC makes a WARC file safe to read and to index after a crash: it
// truncates the file after its last complete record and, for a file left
// with the .open suffix, renames it to its final name. It returns the final
// path and the number of bytes cut off.
func repairWARC(path string) (final string, cut int64, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return path, 0, err
	}
	goodEnd, scanErr := scanWARC(path, 0, nil)
	if scanErr != nil || goodEnd < fi.Size() {
		if err := os.Truncate(path, goodEnd); err != nil {
			return path, 0, fmt.Errorf("repair warc %s: %w", path, err)
		}
		cut = fi.Size() - goodEnd
	}
	final = strings.TrimSuffix(path, openSuffix)
	if final != path {
		if goodEnd == 0 {
			// Not even a warcinfo record survived: nothing worth keeping.
			return "", cut, os.Remove(path)
		}
		if err := os.Rename(path, final); err != nil {
			return path, cut, fmt.Errorf("repair warc %s: %w", path, err)
		}
	}
	return final, cut, nil
}

// listWARCs returns the WARC files in dir (also .open ones), sorted by name.
func listWARCs(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() {
			continue
		}
		if strings.HasSuffix(n, warcExt) || strings.HasSuffix(n, warcExt+openSuffix) {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out, nil
}
