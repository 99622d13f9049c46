package crawl

import (
	"net/http"
	"path/filepath"
)

// archiveLayer answers from the crawl's own WARC files when a URL is
// already archived there, so a resumed crawl never fetches it again (its
// links are still read, from the archived copy). Captures of 408, 429 and
// 5xx answers are not reused: those URLs are fetched again. robots.txt is
// always fetched fresh (RFC 9309 allows caching it for 24 h at most), and
// so is a capture refetch reports stale (a discovery source due again).
type archiveLayer struct {
	next      http.RoundTripper
	dir       string
	st        *state
	onCapture func(capture)
	refetch   func(capture) bool
	// conditional reports whether a refetch may be a conditional request
	// (sitemaps and feeds).
	conditional func() bool
}

// RoundTrip implements http.RoundTripper.
func (a *archiveLayer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || req.URL.Path == "/robots.txt" {
		return a.next.RoundTrip(req)
	}
	c, ok, err := a.st.archivedCapture(req.URL.String())
	if err != nil || !ok || !reusable(c.Status) {
		return a.next.RoundTrip(req)
	}
	if a.refetch != nil && a.refetch(c) {
		return a.revalidate(req, c)
	}
	resp, err := readResponse(req, filepath.Join(a.dir, c.File), c.Offset, c.Length)
	if err != nil {
		// The record is unreadable (a file removed by hand?): fetch again.
		return a.next.RoundTrip(req)
	}
	c.Archived = true
	if a.onCapture != nil {
		a.onCapture(c)
	}
	return resp, nil
}

func reusable(status int) bool {
	return status > 0 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests
}

// revalidate fetches a stale capture c of req's URL again. For a sitemap or
// feed whose last 200 answer carried an ETag or Last-Modified the request
// is conditional; a 304 Not Modified is archived (the recorder below has
// written it) and colly is handed the body of c, so the child sitemaps and
// links it lists are read again as if fetched.
func (a *archiveLayer) revalidate(req *http.Request, c capture) (*http.Response, error) {
	if c.Status != http.StatusOK || (c.ETag == "" && c.LastModified == "") || a.conditional == nil || !a.conditional() {
		return a.next.RoundTrip(req)
	}
	creq := req.Clone(req.Context())
	if c.ETag != "" {
		creq.Header.Set("If-None-Match", c.ETag)
	}
	if c.LastModified != "" {
		creq.Header.Set("If-Modified-Since", c.LastModified)
	}
	resp, err := a.next.RoundTrip(creq)
	if err != nil || resp.StatusCode != http.StatusNotModified {
		return resp, err
	}
	old, err := readResponse(req, filepath.Join(a.dir, c.File), c.Offset, c.Length)
	if err != nil {
		// The 304 stands, and is logged as such; nothing is read from it.
		return resp, nil
	}
	resp.Body.Close()
	return old, nil
}
