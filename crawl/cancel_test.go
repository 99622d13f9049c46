package crawl

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
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
