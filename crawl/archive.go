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
}

// RoundTrip implements http.RoundTripper.
func (a *archiveLayer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || req.URL.Path == "/robots.txt" {
		return a.next.RoundTrip(req)
	}
	c, ok, err := a.st.archivedCapture(req.URL.String())
	if err != nil || !ok || !reusable(c.Status) || (a.refetch != nil && a.refetch(c)) {
		return a.next.RoundTrip(req)
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
