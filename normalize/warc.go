package normalize

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http/httputil"
	"net/textproto"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/framelens/framelens"
	"github.com/nlnwa/gowarc/v3"
)

// Config configures Run. The zero value of every field but Study works.
type Config struct {
	// Study assigns outlets (by host), their hints and agency names, and the
	// window for the InWindow check. Required.
	Study *framelens.Study
	// Logger receives Info at start and end and Warn per reject; nil means
	// slog.Default().
	Logger *slog.Logger
	// MaxPageBytes bounds the payload read from one record; zero means 16 MB.
	// Larger payloads are rejected as "too_large".
	MaxPageBytes int64
}

// Run reads every response record of the WARC files (WARC/1.0 or 1.1,
// gzip-compressed or not, from any tool), extracts an article from each
// HTML page and returns the articles, with duplicates linked (see Dedupe),
// and the rejects.
//
// What is skipped without a reject, because it is not a page that claimed
// to be an article: records other than responses (requests, metadata,
// warcinfo, revisits), responses with a status other than 200, robots.txt,
// sitemaps and feeds (XML, RSS, Atom, JSON content types or such paths).
// Every other 200 response that is not HTML (a PDF, an image served at an
// article URL) is a "not_html" reject, as is every page that fails
// extraction, with its class. A page whose host belongs to no outlet of the
// study is a "no_outlet" reject. A page cut off (its record shorter than its
// Content-Length, its gzip member ending early) is a "truncated" reject
// wrapping framelens.ErrTruncated; see record for pages the crawler cut
// (WARC-Truncated). Other damage to a WARC file yields the records before
// it plus a "truncated_warc" reject; Run itself
// returns an error only when ctx is cancelled or a file cannot be opened.
func Run(ctx context.Context, cfg Config, warcFiles []string) ([]framelens.Article, []framelens.Reject, error) {
	if cfg.Study == nil {
		return nil, nil, errors.New("normalize run: no study")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	log = log.With("stage", "normalize")
	log.InfoContext(ctx, "normalize start", "n", len(warcFiles))
	var arts []framelens.Article
	var rejects []framelens.Reject
	for _, f := range warcFiles {
		a, r, err := runFile(ctx, cfg, log, f)
		arts, rejects = append(arts, a...), append(rejects, r...)
		if err != nil {
			return arts, rejects, err
		}
	}
	Dedupe(arts)
	log.InfoContext(ctx, "normalize end", "n", len(arts), "rejects", len(rejects))
	return arts, rejects, nil
}

// warcReaderOptions are Run's gowarc options.
func warcReaderOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		// ErrWarn, not ErrIgnore: findings are collected, not fatal, and the
		// block is cached while it is validated. With ErrIgnore gowarc streams
		// the block and the payload read after the HTTP header loses the
		// bytes its header parser had buffered (TestRunLargePage). The
		// findings include the ContentLengthError of a block cut short.
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	}
}

func runFile(ctx context.Context, cfg Config, log *slog.Logger, file string) ([]framelens.Article, []framelens.Reject, error) {
	r, err := gowarc.NewWarcFileReader(file, 0, warcReaderOptions()...)
	if err != nil {
		return nil, nil, fmt.Errorf("normalize open %s: %w", file, err)
	}
	defer r.Close()
	limit := cfg.MaxPageBytes
	if limit <= 0 {
		limit = 16 << 20
	}
	var arts []framelens.Article
	var rejects []framelens.Reject
	var lastOffset int64
	for {
		if err := ctx.Err(); err != nil {
			return arts, rejects, err
		}
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil || rec.WarcRecord == nil {
			// A record whose header was read but whose block (or gzip
			// member) ends early is a page cut off: reject the page as
			// "truncated" when it is one, the file otherwise.
			var rej *framelens.Reject
			if rec.WarcRecord != nil {
				_, _, rej, _ = record(cfg, rec, err, file, limit)
				rec.WarcRecord.Close()
			} else if err != nil {
				rej = cutRecord(cfg, file, rec.Offset, err)
			}
			if rej == nil {
				if err == nil {
					err = errors.New("unreadable record")
				}
				rej = &framelens.Reject{Stage: "normalize", Class: "truncated_warc", Error: fmt.Sprintf("read %s: %v", file, err),
					WARCFile: file, WARCOffset: rec.Offset}
				if rej.WARCOffset == 0 {
					rej.WARCOffset = lastOffset
				}
			}
			log.WarnContext(ctx, "normalize reject", "url", rej.URL, "class", rej.Class, "error", rej.Error)
			rejects = append(rejects, *rej)
			break
		}
		lastOffset = rec.Offset
		a, ok, rej, _ := record(cfg, rec, nil, file, limit)
		rec.Close()
		switch {
		case rej != nil:
			log.WarnContext(ctx, "normalize reject", "url", rej.URL, "outlet", rej.Outlet, "class", rej.Class, "error", rej.Error)
			rejects = append(rejects, *rej)
		case ok:
			if reason := rec.WarcRecord.WarcHeader().Get(gowarc.WarcTruncated); reason != "" {
				// Kept but flagged: see record.
				log.WarnContext(ctx, "normalize article from truncated record", "url", a.URL, "outlet", a.Outlet, "reason", reason, "n", a.Words)
			} else {
				log.DebugContext(ctx, "normalize article", "url", a.URL, "outlet", a.Outlet, "n", a.Words)
			}
			arts = append(arts, a)
		}
	}
	return arts, rejects, nil
}

// record turns one WARC record into an article (ok), a reject (rej, with
// its cause err) or nothing. readErr is the error Next returned with the
// record, if any.
//
// A page cut off is rejected as "truncated" wrapping framelens.ErrTruncated:
// its block is shorter than the record's Content-Length (gowarc reports a
// ContentLengthError), its gzip member ends early (Next fails with an
// unexpected EOF after the header), or its payload is shorter than the HTTP
// Content-Length of an unencoded body. A record the crawler itself cut
// (WARC-Truncated, e.g. "length" at crawl's MaxBodySize) is whole as a
// record: its page is extracted, since the article text of a page over the
// cap comes before the cut, and kept when it passes Extract's checks (Run
// logs it at Warn as flagged). When it fails them, the reject is
// "truncated", wrapping both ErrTruncated and Extract's error, because the
// cut is the likely reason.
func record(cfg Config, rec gowarc.Record, readErr error, file string, limit int64) (a framelens.Article, ok bool, rej *framelens.Reject, err error) {
	wr := rec.WarcRecord
	if wr.Type() != gowarc.Response {
		return a, false, nil, nil
	}
	h := wr.WarcHeader()
	target := strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")
	captured, _ := time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate))
	rej = &framelens.Reject{Stage: "normalize", URL: target, WARCFile: file, WARCOffset: rec.Offset, CapturedAt: captured.UTC()}
	fail := func(class string, err error) (framelens.Article, bool, *framelens.Reject, error) {
		rej.Class, rej.Error = class, err.Error()
		return framelens.Article{}, false, rej, err
	}
	if readErr != nil {
		if !errors.Is(readErr, io.ErrUnexpectedEOF) && !errors.Is(readErr, io.EOF) {
			return a, false, nil, nil // damage, not a cut: the file's reject
		}
		if u, perr := url.Parse(target); perr == nil {
			if outlet, known := cfg.Study.OutletForHost(u.Host); known {
				rej.Outlet = outlet.ID
			}
		}
		return fail("truncated", &framelens.PageError{Stage: "normalize", Outlet: rej.Outlet, URL: target,
			Err: fmt.Errorf("read record: %v: %w", readErr, framelens.ErrTruncated)})
	}
	hb, isHTTP := wr.Block().(gowarc.HttpResponseBlock)
	if !isHTTP {
		return a, false, nil, nil // not an HTTP response (dns:, whois:)
	}
	if hb.HttpStatusCode() != 200 || skipURL(target) {
		return a, false, nil, nil
	}
	ct := ""
	if hh := hb.HttpHeader(); hh != nil {
		ct = hh.Get("Content-Type")
	}
	mt, _, _ := mime.ParseMediaType(ct)
	if skipMediaType(mt) {
		return a, false, nil, nil
	}
	u, err := url.Parse(target)
	if err != nil {
		return fail("bad_url", err)
	}
	outlet, known := cfg.Study.OutletForHost(u.Host)
	if !known {
		return fail("no_outlet", fmt.Errorf("host %s: no outlet of the study", u.Host))
	}
	rej.Outlet = outlet.ID
	if mt != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		return fail("not_html", fmt.Errorf("content type %s: %w", mt, framelens.ErrNotHTML))
	}
	pageErr := func(err error) error {
		return &framelens.PageError{Stage: "normalize", Outlet: outlet.ID, URL: target, Err: err}
	}
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			return fail("truncated", pageErr(fmt.Errorf("block %d of %d bytes: %w", cl.Actual, cl.Expected, framelens.ErrTruncated)))
		}
	}
	pr, err := hb.PayloadBytes()
	if err != nil {
		return fail("truncated", fmt.Errorf("read payload: %v: %w", err, framelens.ErrTruncated))
	}
	page, err := io.ReadAll(io.LimitReader(pr, limit+1))
	if err != nil {
		return fail("truncated", fmt.Errorf("read payload: %v: %w", err, framelens.ErrTruncated))
	}
	if int64(len(page)) > limit {
		return fail("too_large", fmt.Errorf("payload over %d bytes", limit))
	}
	if hh := hb.HttpHeader(); hh != nil {
		// gowarc parses the header with http.ReadResponse, which drops
		// Transfer-Encoding: a body without Content-Length that opens
		// with a chunk-size line is taken as chunked.
		chunked := hh.Get("Transfer-Encoding") != "" || hh.Get("Content-Length") == ""
		dec, err := undoCodings(page, chunked, hh.Get("Content-Encoding"), limit)
		switch {
		case errors.Is(err, errTooLarge):
			return fail("too_large", fmt.Errorf("decoded payload over %d bytes", limit))
		case errors.Is(err, io.ErrUnexpectedEOF):
			return fail("truncated", pageErr(fmt.Errorf("decode payload: %v: %w", err, framelens.ErrTruncated)))
		case err != nil:
			return fail("undecodable", pageErr(fmt.Errorf("decode payload: %v: %w", err, framelens.ErrUndecodable)))
		}
		page = dec
	}
	cutReason := h.Get(gowarc.WarcTruncated)
	if hh := hb.HttpHeader(); cutReason == "" && hh != nil && hh.Get("Content-Encoding") == "" && hh.Get("Transfer-Encoding") == "" {
		if n, err := strconv.ParseInt(hh.Get("Content-Length"), 10, 64); err == nil && int64(len(page)) < n {
			return fail("truncated", pageErr(fmt.Errorf("payload %d of %d bytes: %w", len(page), n, framelens.ErrTruncated)))
		}
	}
	digest := h.Get(gowarc.WarcPayloadDigest)
	if digest == "" {
		sum := sha1.Sum(page)
		digest = "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
	}
	var agencies []string
	if outlet.Agency != "" {
		agencies = []string{outlet.Agency}
	}
	a, err = extract(page, ct, target, outlet.Hints, agencies)
	a.ID = framelens.ArticleID(target, digest)
	a.Outlet = outlet.ID
	a.CapturedAt = captured.UTC()
	a.WARCFile, a.WARCOffset, a.PayloadDigest = file, rec.Offset, digest
	if err != nil && cutReason != "" {
		return fail("truncated", pageErr(fmt.Errorf("record cut by the crawler (WARC-Truncated: %s): %w: %w", cutReason, framelens.ErrTruncated, err)))
	}
	if err != nil {
		return fail(RejectClass(err), pageErr(err))
	}
	return a, true, nil, nil
}

var errTooLarge = errors.New("payload too large")

// undoCodings undoes the HTTP transfer coding (chunked, when chunked may
// apply) and content coding (gzip, deflate) of a payload stored as sent, as wget and Heritrix store
// it; crawl stores decoded bodies, so its records pass unchanged. A body
// that does not look coded as declared (a crawler that decoded it but kept
// the header) is returned as it is. The result is capped at limit bytes.
func undoCodings(page []byte, chunked bool, content string, limit int64) ([]byte, error) {
	if chunked && looksChunked(page) {
		dec, err := io.ReadAll(io.LimitReader(httputil.NewChunkedReader(bytes.NewReader(page)), limit+1))
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, err // the record was cut mid-chunk
		case err == nil:
			page = dec
		}
		// Any other error: not chunked after all; keep the body.
	}
	var zr io.Reader
	switch strings.ToLower(strings.TrimSpace(content)) {
	case "gzip", "x-gzip":
		if len(page) < 2 || page[0] != 0x1f || page[1] != 0x8b {
			return page, nil
		}
		r, err := gzip.NewReader(bytes.NewReader(page))
		if err != nil {
			return nil, err
		}
		zr = r
	case "deflate":
		if len(page) < 2 || page[0]&0x0f != 8 || (uint16(page[0])<<8|uint16(page[1]))%31 != 0 {
			return page, nil
		}
		r, err := zlib.NewReader(bytes.NewReader(page))
		if err != nil {
			return nil, err
		}
		zr = r
	default:
		return checkSize(page, limit)
	}
	dec, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, err
	}
	return checkSize(dec, limit)
}

func checkSize(page []byte, limit int64) ([]byte, error) {
	if int64(len(page)) > limit {
		return nil, errTooLarge
	}
	return page, nil
}

// looksChunked reports whether page starts with a chunk-size line.
func looksChunked(page []byte) bool {
	line, _, ok := bytes.Cut(page[:min(len(page), 64)], []byte("\r\n"))
	if !ok || len(line) == 0 {
		return false
	}
	size, _, _ := bytes.Cut(line, []byte(";"))
	size = bytes.TrimSpace(size)
	if len(size) == 0 {
		return false
	}
	for _, c := range size {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// RejectClass maps an extraction error to the Reject.Class vocabulary.
func RejectClass(err error) string {
	switch {
	case errors.Is(err, framelens.ErrNotHTML):
		return "not_html"
	case errors.Is(err, framelens.ErrNotArticle):
		return "not_article"
	case errors.Is(err, framelens.ErrTooShort):
		return "too_short"
	case errors.Is(err, framelens.ErrPaywalled):
		return "paywall"
	case errors.Is(err, framelens.ErrUndecodable):
		return "undecodable"
	case errors.Is(err, framelens.ErrEmptyBody):
		return "empty"
	case errors.Is(err, framelens.ErrTruncated):
		return "truncated"
	}
	return "error"
}

// Failed reports whether r is a page normalize could not read (a damaged,
// oversized or undecodable capture, a bad URL, an unexpected extraction
// error) rather than a page that is
// simply not an article; such rejects count against a run's failure ratio.
func Failed(r framelens.Reject) bool {
	switch r.Class {
	case "undecodable", "truncated", "truncated_warc", "too_large", "bad_url", "error":
		return true
	}
	return false
}

// skipURL reports URLs that are crawl infrastructure, not pages: robots.txt,
// sitemaps and feeds.
func skipURL(target string) bool {
	u, err := url.Parse(target)
	if err != nil {
		return false
	}
	p := strings.ToLower(u.Path)
	base := path.Base(p)
	switch {
	case base == "robots.txt", strings.Contains(base, "sitemap"), strings.HasSuffix(p, ".xml"), strings.HasSuffix(p, ".xml.gz"),
		strings.HasSuffix(p, ".rss"), strings.HasSuffix(p, ".atom"), base == "feed", base == "rss", strings.HasSuffix(p, "/feed/"):
		return true
	}
	return false
}

func skipMediaType(mt string) bool {
	switch mt {
	case "text/xml", "application/xml", "application/rss+xml", "application/atom+xml", "application/json",
		"application/feed+json", "text/plain", "application/x-gzip", "application/gzip", "text/css",
		"application/javascript", "text/javascript":
		return true
	}
	return false
}

// cutRecord returns the "truncated" reject of a response record of an
// outlet whose block ends early (gowarc returns no record then, only its
// offset), or nil when the damage is not such a cut. It reads the record's
// WARC header itself, from the gzip member or the plain file at offset.
func cutRecord(cfg Config, file string, offset int64, readErr error) *framelens.Reject {
	if !errors.Is(readErr, io.ErrUnexpectedEOF) && !errors.Is(readErr, io.EOF) {
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	br := bufio.NewReader(io.NewSectionReader(f, offset, 1<<62))
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil
		}
		r = zr
	}
	tp := textproto.NewReader(bufio.NewReader(io.LimitReader(r, 64<<10)))
	if v, err := tp.ReadLine(); err != nil || !strings.HasPrefix(v, "WARC/") {
		return nil
	}
	h, err := tp.ReadMIMEHeader()
	if err != nil || !strings.EqualFold(h.Get("WARC-Type"), "response") {
		return nil
	}
	target := strings.Trim(h.Get("WARC-Target-URI"), "<>")
	u, err := url.Parse(target)
	if err != nil || skipURL(target) {
		return nil
	}
	outlet, known := cfg.Study.OutletForHost(u.Host)
	if !known {
		return nil
	}
	captured, _ := time.Parse(time.RFC3339Nano, h.Get("WARC-Date"))
	err = &framelens.PageError{Stage: "normalize", Outlet: outlet.ID, URL: target,
		Err: fmt.Errorf("read record: %v: %w", readErr, framelens.ErrTruncated)}
	return &framelens.Reject{Stage: "normalize", Outlet: outlet.ID, URL: target, Class: "truncated", Error: err.Error(),
		WARCFile: file, WARCOffset: offset, CapturedAt: captured.UTC()}
}
