package framelens_test

import (
	"testing"
	"time"

	"github.com/framelens/framelens"
)

func TestRelevanceArticle(t *testing.T) {
	s := &framelens.Study{
		Window:   framelens.Window{Start: "2018-10-01", End: "2019-08-31"},
		Keywords: []string{"INF", "9M729"},
	}
	r := framelens.NewRelevance(s)
	in := time.Date(2019, 2, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		a    framelens.Article
		want bool
	}{
		{"KeywordInTitle", framelens.Article{Title: "US suspends INF Treaty", Published: in}, true},
		{"KeywordInText", framelens.Article{Title: "Missile row", Text: "the 9M729 missile", Published: in}, true},
		{"CaseInsensitive", framelens.Article{Title: "the inf treaty", Published: in}, true},
		{"WordBoundary", framelens.Article{Title: "INFORMATION and INFLATION", Published: in}, false},
		{"OffTopic", framelens.Article{Title: "Oil steadies", Text: "Brent rose.", Published: in}, false},
		{"OutsideWindow", framelens.Article{Title: "INF Treaty", Published: in.AddDate(2, 0, 0)}, false},
		{"KeywordInTags", framelens.Article{Title: "Meeting", Tags: []string{"INF Treaty"}, Published: in}, true},
		{"DateUnknown", framelens.Article{Title: "INF Treaty"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Article(tt.a); got != tt.want {
				t.Errorf("Relevance.Article(%q) = %v, want %v", tt.a.Title, got, tt.want)
			}
		})
	}
}
