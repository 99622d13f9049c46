package datasets

import (
	"fmt"
	"time"

	"github.com/framelens/framelens"
)

func sampleRejects() []framelens.Reject {
	t := time.Date(2018, 12, 4, 10, 0, 0, 0, time.UTC)
	return []framelens.Reject{
		{Stage: "normalize", Outlet: "tass", URL: "https://tass.example/1", Class: "too_short", Error: "too short: 12 words", WARCFile: "a.warc.gz", WARCOffset: 10, CapturedAt: t},
		{Stage: "crawl", Outlet: "ria", URL: "https://ria.example/2", Class: "not_html", Error: "not html"},
		{Stage: "normalize", Outlet: "reuters", URL: "https://reuters.example/3", Class: "paywall", Error: "paywalled", CapturedAt: t.Add(time.Hour)},
	}
}

func sampleCrawlLog() []framelens.CrawlEntry {
	t := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var out []framelens.CrawlEntry
	for i := range 9 {
		e := framelens.CrawlEntry{URL: fmt.Sprintf("https://tass.example/%d", i), Outlet: []string{"tass", "ria", "nato"}[i%3],
			DiscoveredVia: "sitemap", Outcome: framelens.OutcomeArchived, Status: 200, Attempts: 1, Relevant: i%2 == 0,
			WARCFile: "a.warc.gz", WARCOffset: int64(i * 512), FetchedAt: t.Add(time.Duration(i) * time.Second), Bytes: 4096}
		if i == 4 {
			e.Outcome, e.Status, e.Error, e.FetchedAt, e.WARCFile = framelens.OutcomeRobots, 0, "disallowed by robots.txt", time.Time{}, ""
		}
		out = append(out, e)
	}
	return out
}

// sampleAttributions returns two attributions per article whose spans index
// the article's text.
func sampleAttributions(arts []framelens.Article) []framelens.Attribution {
	var out []framelens.Attribution
	for i, a := range arts {
		ix := framelens.NewRuneIndex(a.Text)
		// "A spokesman said the sides remained «far apart» on verification."
		p := ix.Len() - len([]rune(a.Paragraphs[2])) - 2 - len([]rune(a.Paragraphs[1]))
		speaker := framelens.Span{Start: p, End: p + 11}
		cue := framelens.Span{Start: p + 12, End: p + 16}
		content := framelens.Span{Start: p + 17, End: p + 64}
		out = append(out, framelens.Attribution{
			ArticleID: a.ID, Sentence: 2, Kind: framelens.Indirect,
			Cue: cue, CueText: ix.Slice(cue), CueLemma: "say", CueClass: framelens.Neutral,
			Speaker: speaker, SpeakerText: ix.Slice(speaker), SpeakerKind: framelens.SpeakerEpithet,
			Side:    []framelens.Side{framelens.SideRussia, framelens.SideUS, framelens.SideUnknown}[i%3],
			Content: content, ContentText: ix.Slice(content), Confidence: 0.8,
		}, framelens.Attribution{
			ArticleID: a.ID, Sentence: 0, Kind: framelens.Agentless,
			Cue: framelens.Span{Start: 0, End: 6}, CueText: ix.Slice(framelens.Span{Start: 0, End: 6}), CueLemma: "treaty",
			CueClass: framelens.Discourse, Negated: i%5 == 0, Speaker: framelens.NoSpan, SpeakerKind: framelens.SpeakerImplicit,
			Side: framelens.SideUnknown, Content: framelens.NoSpan, Confidence: 0.25,
		})
	}
	return out
}
