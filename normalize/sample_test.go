package normalize

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/framelens/framelens/internal/extracteval"
	"github.com/framelens/framelens/internal/sample"
)

// TestSampleMetadata scores Extract on the sample corpus's gold: title,
// published time, authors and body. Pages are fetched from sample.Handler
// in memory, so no network is used.
func TestSampleMetadata(t *testing.T) {
	gold, err := sample.Gold()
	if err != nil {
		t.Skipf("sample gold unavailable: %v", err)
	}
	h := sample.Handler()
	var n, title, published, authors int
	var pages []extracteval.PageScore
	for _, g := range gold {
		if !g.Article || g.Variant != "" {
			continue
		}
		req := httptest.NewRequest("GET", g.URL, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Errorf("sample %s: status %d", g.URL, rec.Code)
			continue
		}
		a, err := extract(rec.Body.Bytes(), rec.Header().Get("Content-Type"), g.URL, nil, nil)
		if err != nil {
			t.Logf("Extract(%s): %v", g.URL, err)
		}
		n++
		if a.Title == g.Title {
			title++
		} else {
			t.Logf("Extract(%s).Title = %q, want %q", g.URL, a.Title, g.Title)
		}
		if a.Published.Equal(g.Published) {
			published++
		} else {
			t.Logf("Extract(%s).Published = %v, want %v", g.URL, a.Published, g.Published)
		}
		if slices.Equal(a.Authors, g.Authors) {
			authors++
		} else {
			t.Logf("Extract(%s).Authors = %q, want %q", g.URL, a.Authors, g.Authors)
		}
		pages = append(pages, extracteval.ScorePage(strings.Join(g.Paragraphs, "\n\n"), strings.Join(a.Paragraphs, "\n\n")))
	}
	if n == 0 {
		t.Skip("no sample articles")
	}
	s := extracteval.Aggregate(pages, 0)
	t.Logf("sample: %d articles; title %.2f, published %.2f, authors %.2f; body %v",
		n, float64(title)/float64(n), float64(published)/float64(n), float64(authors)/float64(n), s)
	for name, got := range map[string]float64{"title": float64(title) / float64(n), "published": float64(published) / float64(n),
		"authors": float64(authors) / float64(n), "body F1": s.F1} {
		if got < 0.9 {
			t.Errorf("sample %s accuracy = %.2f, want >= 0.90", name, got)
		}
	}
}
