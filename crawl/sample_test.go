package crawl

import (
	"bytes"
	"net/http/httptest"
	"testing"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/internal/sample"
	"github.com/framelens/framelens/internal/studyfile"
)

// TestReplayLargePage crawls one outlet of the bundled sample web over
// loopback and replays every archived page: the replayed body must equal the
// page as served, byte for byte. Sample pages are larger than gowarc's header
// buffer, so this guards the payload read after the HTTP header.
func TestReplayLargePage(t *testing.T) {
	study, err := studyfile.Default()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sample.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := testConfig(t, study)
	cfg.Outlets = []string{"tass"}
	cfg.Transport = srv.Transport()
	cfg.MaxBodySize = 0
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	rt, err := NewReplayTransport(res.WARCFiles...)
	if err != nil {
		t.Fatal(err)
	}
	h := sample.Handler()
	checked := 0
	for _, e := range res.Log {
		if e.Outcome != framelens.OutcomeArchived || e.Status != 200 {
			continue
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", e.URL, nil))
		_, body := mustGet(t, rt, e.URL)
		if !bytes.Equal(body, rec.Body.Bytes()) {
			t.Errorf("replay %s = %d bytes, want the %d bytes served", e.URL, len(body), rec.Body.Len())
		}
		if rec.Body.Len() > 6<<10 {
			checked++
		}
	}
	if checked == 0 {
		t.Error("no archived page over 6 KB: the test checks nothing")
	}
}
