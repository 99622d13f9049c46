package crawl

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

// TestCancelDuringRobotsBackoff checks that a crawl stops when its context
// ends while a robots.txt fetch waits to be tried again, and keeps the URL
// queued. colly fetches robots.txt with a request of its own that carries
// no context, so the run's context must reach the layers below another way.
func TestCancelDuringRobotsBackoff(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("<html><body><p>INF</p></body></html>"))
	}))
	defer srv.Close()
	study := studyFor(srv.URL)
	article := srv.URL + "/world/1"
	study.Outlets[0].Discovery = framelens.Discovery{URLs: []string{article}}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	cfg := testConfig(t, study)
	cfg.Backoff, cfg.MaxBackoff = time.Minute, time.Hour
	waits := 0
	cfg.Sleep = func(sctx context.Context, d time.Duration) error {
		waits++
		if sctx.Done() == nil {
			t.Errorf("wait %d of %v cannot be cut short: its context never ends", waits, d)
			return nil
		}
		cancel() // SIGINT during the backoff
		<-sctx.Done()
		return sctx.Err()
	}
	res, err := Run(ctx, cfg)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if e, ok := byURL(res.Log)[article]; ok {
		t.Errorf("interrupted URL logged as %s (%s), want it still queued", e.Outcome, e.Error)
	}
}

// TestRobotsServerErrorRetried checks that a host whose robots.txt answers
// 5xx is not crawled (RFC 9309 §2.3.1.4: assume complete disallow) and that
// its URLs are tried again by the next run, the error being temporary.
// robotstxt's "disallow all" for a 5xx has no groups, and colly's
// FindGroup-then-Test on it allows every path.
func TestRobotsServerErrorRetried(t *testing.T) {
	var robotsDown atomic.Bool
	robotsDown.Store(true)
	var articleHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			if robotsDown.Load() {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
			return
		}
		articleHits.Add(1)
		w.Write([]byte("<html><head><title>INF</title></head><body><p>INF</p></body></html>"))
	}))
	defer srv.Close()
	study := studyFor(srv.URL)
	article := srv.URL + "/world/1"
	study.Outlets[0].Discovery = framelens.Discovery{URLs: []string{article}}
	cfg := testConfig(t, study)
	cfg.Retries = -1

	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if e := byURL(res.Log)[article]; e.Outcome != framelens.OutcomeFailed {
		t.Errorf("with robots.txt answering 503, %s logged %s (%s), want failed", article, e.Outcome, e.Error)
	}
	robotsDown.Store(false)
	res, err = Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("second Run: %v", err)
	}
	if e := byURL(res.Log)[article]; e.Outcome != framelens.OutcomeArchived || articleHits.Load() != 1 {
		t.Errorf("next run: %s logged %s, fetched %d times; want archived, fetched once", article, e.Outcome, articleHits.Load())
	}
}
