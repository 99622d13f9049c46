package normalize

import (
	"context"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/url"
	"path"
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
// study is a "no_outlet" reject. A truncated or corrupt WARC file yields
// the records before the damage plus a "truncated_warc" reject; Run itself
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

func runFile(ctx context.Context, cfg Config, log *slog.Logger, file string) ([]framelens.Article, []framelens.Reject, error) {
	r, err := gowarc.NewWarcFileReader(file, 0,
		// ErrWarn, not ErrIgnore: findings are collected, not fatal, and the
		// block is cached while it is validated. With ErrIgnore gowarc streams
		// the block and the payload read after the HTTP header loses the
		// bytes its header parser had buffered (TestRunLargePage).
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore))
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
			if err == nil {
				err = errors.New("unreadable record")
			}
			rej := framelens.Reject{Stage: "normalize", Class: "truncated_warc", Error: fmt.Sprintf("read %s: %v", file, err),
				WARCFile: file, WARCOffset: rec.Offset}
			if rej.WARCOffset == 0 {
				rej.WARCOffset = lastOffset
			}
			log.WarnContext(ctx, "normalize reject", "url", "", "class", rej.Class, "error", rej.Error)
			rejects = append(rejects, rej)
			break
		}
		lastOffset = rec.Offset
		a, rej, ok := record(cfg, rec, file, limit)
		rec.Close()
		switch {
		case rej != nil:
			log.WarnContext(ctx, "normalize reject", "url", rej.URL, "outlet", rej.Outlet, "class", rej.Class, "error", rej.Error)
			rejects = append(rejects, *rej)
		case ok:
			log.DebugContext(ctx, "normalize article", "url", a.URL, "outlet", a.Outlet, "n", a.Words)
			arts = append(arts, a)
		}
	}
	return arts, rejects, nil
}

// record turns one WARC record into an article, a reject or nothing.
func record(cfg Config, rec gowarc.Record, file string, limit int64) (framelens.Article, *framelens.Reject, bool) {
	wr := rec.WarcRecord
	if wr.Type() != gowarc.Response {
		return framelens.Article{}, nil, false
	}
	h := wr.WarcHeader()
	target := strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")
	captured, _ := time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate))
	rej := &framelens.Reject{Stage: "normalize", URL: target, WARCFile: file, WARCOffset: rec.Offset, CapturedAt: captured.UTC()}
	fail := func(class string, err error) (framelens.Article, *framelens.Reject, bool) {
		rej.Class, rej.Error = class, err.Error()
		return framelens.Article{}, rej, false
	}
	hb, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return framelens.Article{}, nil, false // not an HTTP response (dns:, whois:)
	}
	if hb.HttpStatusCode() != 200 || skipURL(target) {
		return framelens.Article{}, nil, false
	}
	ct := ""
	if hh := hb.HttpHeader(); hh != nil {
		ct = hh.Get("Content-Type")
	}
	mt, _, _ := mime.ParseMediaType(ct)
	if skipMediaType(mt) {
		return framelens.Article{}, nil, false
	}
	u, err := url.Parse(target)
	if err != nil {
		return fail("bad_url", err)
	}
	outlet, ok := cfg.Study.OutletForHost(u.Host)
	if !ok {
		return fail("no_outlet", fmt.Errorf("host %s: no outlet of the study", u.Host))
	}
	rej.Outlet = outlet.ID
	if mt != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		return fail("not_html", fmt.Errorf("content type %s: %w", mt, framelens.ErrNotHTML))
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
	digest := h.Get(gowarc.WarcPayloadDigest)
	if digest == "" {
		sum := sha1.Sum(page)
		digest = "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
	}
	var agencies []string
	if outlet.Agency != "" {
		agencies = []string{outlet.Agency}
	}
	a, err := extract(page, ct, target, outlet.Hints, agencies)
	a.ID = framelens.ArticleID(target, digest)
	a.Outlet = outlet.ID
	a.CapturedAt = captured.UTC()
	a.WARCFile, a.WARCOffset, a.PayloadDigest = file, rec.Offset, digest
	if err != nil {
		return fail(RejectClass(err), &framelens.PageError{Stage: "normalize", Outlet: outlet.ID, URL: target, Err: err})
	}
	return a, nil, true
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
