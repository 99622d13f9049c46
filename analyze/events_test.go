package analyze

import (
	"testing"
	"time"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/internal/sample"
	"github.com/framelens/framelens/internal/studyfile"
)

func mustStudy(tb testing.TB) *framelens.Study {
	tb.Helper()
	s, err := studyfile.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// mustWordingSample returns the sample's article pages (no AMP or tracking
// variants) as articles built from their gold text, with their gold.
func mustWordingSample(tb testing.TB) ([]framelens.Article, []sample.GoldArticle) {
	tb.Helper()
	gold, err := sample.Gold()
	if err != nil {
		tb.Fatalf("sample.Gold: %v", err)
	}
	var arts []framelens.Article
	var golds []sample.GoldArticle
	for _, g := range gold {
		if !g.Article || g.Variant != "" {
			continue
		}
		words := 0
		for _, p := range g.Paragraphs {
			words += countWordTokens(p)
		}
		arts = append(arts, framelens.Article{
			ID: framelens.ArticleID(g.URL, ""), Outlet: g.Outlet, URL: g.URL, CanonicalURL: g.Canonical,
			Title: g.Title, Published: g.Published.UTC(), Paragraphs: g.Paragraphs, Text: g.Text,
			Agencies: g.Agencies, Words: words,
		})
		golds = append(golds, g)
	}
	return arts, golds
}

func countWordTokens(s string) int {
	n := 0
	for _, t := range Tokens(s) {
		if t.isCountable() {
			n++
		}
	}
	return n
}

func eventGold(golds []sample.GoldArticle) []EventGold {
	out := make([]EventGold, len(golds))
	for i, g := range golds {
		out[i] = EventGold{URL: g.URL, Outlet: g.Outlet, Events: g.Events}
	}
	return out
}

func TestEventsSampleGold(t *testing.T) {
	study := mustStudy(t)
	arts, golds := mustWordingSample(t)
	if len(arts) == 0 {
		t.Skip("sample has no articles yet")
	}
	res, err := Run(study, arts, []*Analyzer{Events})
	if err != nil {
		t.Fatal(err)
	}
	scores := EvaluateEvents(arts, res[Events].(*EventAlignment), eventGold(golds))
	for _, s := range scores {
		t.Logf("%-10s n=%3d acc=%.3f P=%.3f R=%.3f", s.Outlet, s.Articles, s.Accuracy, s.Precision, s.Recall)
	}
	for _, e := range scores[0].Errors {
		t.Log(e)
	}
	if scores[0].Accuracy < 0.9 {
		t.Errorf("event alignment accuracy = %.3f, want >= 0.9", scores[0].Accuracy)
	}
}

func TestEventsRules(t *testing.T) {
	study := mustStudy(t)
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, c := range []struct {
		name string
		a    framelens.Article
		want []string
	}{
		{"UltimatumSameDay", framelens.Article{Title: "Pompeo gives Russia 60 days",
			Text:      "Pompeo gives Russia 60 days\n\nThe ultimatum was issued at a meeting of NATO foreign ministers.",
			Published: at("2018-12-04T18:00:00Z")}, []string{"pompeo-ultimatum"}},
		{"SameWordsMonthLater", framelens.Article{Title: "Pompeo gives Russia 60 days",
			Text:      "Pompeo gives Russia 60 days\n\nThe ultimatum was issued at a meeting of NATO foreign ministers.",
			Published: at("2019-01-10T18:00:00Z")}, nil},
		{"BackgroundNeverAligned", framelens.Article{Title: "Reagan and Gorbachev signed the treaty",
			Text: "Reagan and Gorbachev signed the treaty\n\nGorbachev recalled the signing in 1987.", Published: at("1987-12-08T18:00:00Z")}, nil},
		{"NoDate", framelens.Article{Title: "Pompeo gives Russia 60 days", Text: "Pompeo gives Russia 60 days ultimatum"}, nil},
		{"BothSuspensions", framelens.Article{Title: "US and Russia suspend INF Treaty",
			Text:      "US and Russia suspend INF Treaty\n\nA day after Pompeo announced the US suspension, Putin announced a mirror response and said Lavrov and Shoigu would prepare it.",
			Published: at("2019-02-02T12:00:00Z")}, []string{"russia-suspension", "us-suspension"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.a.ID = c.name
			al := alignEvents(study, []framelens.Article{c.a}, EventsConfig{}.withDefaults())
			got := al.EventIDs(0)
			if len(got) != len(c.want) {
				t.Fatalf("EventIDs = %v (%+v), want %v", got, al.Matches, c.want)
			}
			for _, w := range c.want {
				found := false
				for _, g := range got {
					found = found || g == w
				}
				if !found {
					t.Errorf("EventIDs = %v, want %v", got, c.want)
				}
			}
		})
	}
}
