package crawl

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nlnwa/gowarc/v3"
)

// A ReplayTransport is an http.RoundTripper that answers from WARC files
// instead of the network: ours, or any WARC/1.0 or 1.1 file from Heritrix,
// wget --warc-file or Common Crawl, gzipped per record or not. It serves
// the most recent non-error capture of a URL (revisit records resolved
// through their payload digest); a URL with no capture gets a 404 whose
// body says so. Redirects are replayed as recorded, so an http.Client
// follows them as it did live.
//
// A ReplayTransport holds an index of the files in memory (one entry per
// URL) and opens a file for each request; it is safe for concurrent use
// and needs no closing.
type ReplayTransport struct {
	mu       sync.RWMutex
	index    map[string]replayLoc
	byDigest map[string]replayLoc
}

type replayLoc struct {
	path    string
	offset  int64
	size    int64 // bytes of the record on disk; 0 if unknown
	status  int
	revisit string // payload digest of the revisited capture
}

// NewReplayTransport indexes the response and revisit records of the given
// WARC files. A file that ends in a truncated record is indexed up to it.
func NewReplayTransport(files ...string) (*ReplayTransport, error) {
	t := &ReplayTransport{index: map[string]replayLoc{}, byDigest: map[string]replayLoc{}}
	for _, f := range files {
		if err := t.add(f); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Len returns the number of distinct URLs the transport can answer.
func (t *ReplayTransport) Len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.index)
}

func (t *ReplayTransport) add(path string) error {
	goodEnd, err := scanWARC(path, 0, func(sr scannedRecord) error {
		c := sr.capture
		if c.URL == "" {
			return nil
		}
		var loc replayLoc
		switch sr.Type {
		case gowarc.Response:
			if c.Status == 0 {
				return nil // dns: and other non-HTTP responses
			}
			loc = replayLoc{path: path, offset: c.Offset, size: c.Length, status: c.Status}
			if c.Digest != "" {
				t.byDigest[c.Digest] = loc
			}
		case gowarc.Revisit:
			if c.Digest == "" {
				return nil
			}
			loc = replayLoc{path: path, offset: c.Offset, status: c.Status, revisit: c.Digest}
		default:
			return nil
		}
		key := replayKey(c.URL)
		// Later captures win, except that an error capture (429, 5xx) does
		// not hide a good one: a retried fetch leaves both in the WARC.
		if old, ok := t.index[key]; ok && old.status > 0 && old.status < 400 && loc.status >= 400 {
			return nil
		}
		t.index[key] = loc
		return nil
	})
	// A damaged tail is forgiven; a file of which not one record could be
	// read (missing, unreadable, not a WARC) is an error.
	if err != nil && goodEnd == 0 {
		return fmt.Errorf("replay %s: %w", path, err)
	}
	return nil
}

// replayKey normalises a URL for lookup: lower-case scheme and host,
// default port and fragment dropped.
func replayKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && strings.HasSuffix(u.Host, ":80")) || (u.Scheme == "https" && strings.HasSuffix(u.Host, ":443")) {
		u.Host = u.Host[:strings.LastIndexByte(u.Host, ':')]
	}
	u.Fragment = ""
	u.RawFragment = ""
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// RoundTrip implements http.RoundTripper.
func (t *ReplayTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	t.mu.RLock()
	loc, ok := t.index[replayKey(req.URL.String())]
	if ok && loc.revisit != "" {
		orig, found := t.byDigest[loc.revisit]
		ok, loc = found, orig
	}
	t.mu.RUnlock()
	if !ok {
		return notArchived(req), nil
	}
	return readResponse(req, loc.path, loc.offset, loc.size)
}

func notArchived(req *http.Request) *http.Response {
	body := "not in archive: " + req.URL.String() + "\n"
	return &http.Response{
		Status:        "404 Not Found",
		StatusCode:    http.StatusNotFound,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

// readResponse reads the response record at offset in path (size bytes on
// disk, 0 if unknown) and turns it into an http.Response for req with the
// body in memory.
func readResponse(req *http.Request, path string, offset, size int64) (*http.Response, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("replay %s: %w", req.URL, err)
	}
	defer f.Close()
	// Bound the reader to the record: gowarc's reader buffers up to 1 MiB
	// ahead, which would otherwise be read from disk for every record.
	var src io.Reader = io.NewSectionReader(f, offset, 1<<62)
	if size > 0 {
		src = io.NewSectionReader(f, offset, size)
	}
	// ErrWarn, not ErrIgnore: findings are collected rather than fatal, and
	// the block is cached while validated. With ErrIgnore gowarc streams the
	// block, and the payload read after the protocol header loses the bytes
	// its header parser had buffered (TestReplayLargePage).
	r, err := gowarc.NewWarcFileReaderFromStream(src, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	)
	if err != nil {
		return nil, fmt.Errorf("replay %s: %w", req.URL, err)
	}
	defer r.Close()
	rec, err := r.Next()
	if err != nil {
		return nil, fmt.Errorf("replay %s: %s@%d: %w", req.URL, path, offset, err)
	}
	defer rec.Close()
	blk, ok := rec.WarcRecord.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return nil, fmt.Errorf("replay %s: %s@%d: not an http response", req.URL, path, offset)
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(withBlankLine(blk.ProtocolHeaderBytes()))), req)
	if err != nil {
		return nil, fmt.Errorf("replay %s: %w", req.URL, err)
	}
	resp.Body.Close()
	pr, err := blk.PayloadBytes()
	if err != nil {
		return nil, fmt.Errorf("replay %s: %w", req.URL, err)
	}
	body, err := io.ReadAll(pr)
	if err != nil {
		return nil, fmt.Errorf("replay %s: %w", req.URL, err)
	}
	// Heritrix and wget keep chunked bodies as sent; undo the chunking so
	// the caller sees the payload.
	// (http.ReadResponse moves the header into resp.TransferEncoding.)
	if slices.Contains(resp.TransferEncoding, "chunked") || strings.Contains(strings.ToLower(resp.Header.Get("Transfer-Encoding")), "chunked") {
		if dec, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body))); err == nil {
			body = dec
		}
	}
	resp.Header.Del("Transfer-Encoding")
	resp.TransferEncoding = nil
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	resp.ContentLength = int64(len(body))
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.Request = req
	resp.Uncompressed = false
	return resp, nil
}

// withBlankLine makes sure a protocol header block ends with the blank line
// http.ReadResponse needs.
func withBlankLine(h []byte) []byte {
	if bytes.HasSuffix(h, []byte("\r\n\r\n")) || bytes.HasSuffix(h, []byte("\n\n")) {
		return h
	}
	if bytes.HasSuffix(h, []byte("\r\n")) {
		return append(append([]byte(nil), h...), '\r', '\n')
	}
	return append(append([]byte(nil), h...), '\r', '\n', '\r', '\n')
}
