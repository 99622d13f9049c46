package datasets

import (
	"flag"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

// discard is a logger for tests that publish.
var discard = slog.New(slog.DiscardHandler)

var update = flag.Bool("update", false, "rewrite testdata/schema.golden.md and SCHEMA.md")

// testMeta is the provenance of test files.
func testMeta(runID string) Meta {
	return Meta{RunID: runID, ToolVersion: "test", StudyID: "inf-2018", StudyHash: "abc123",
		CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)}
}

// sampleArticles returns n articles whose Text follows the normalize
// invariant, from several outlets, some without a publication time.
func sampleArticles(n int) []framelens.Article {
	outlets := []string{"tass", "state_dept", "reuters", "nato", "ria"}
	out := make([]framelens.Article, n)
	base := time.Date(2018, 10, 20, 9, 0, 0, 0, time.UTC)
	for i := range out {
		title := fmt.Sprintf("Treaty talks, day %d", i)
		paras := []string{
			fmt.Sprintf("Officials met for the %dth time to discuss the missile treaty.", i),
			"A spokesman said the sides remained «far apart» on verification.",
			"Further talks are planned — a date has not been set.",
		}
		text := title + "\n\n" + paras[0] + "\n\n" + paras[1] + "\n\n" + paras[2]
		url := fmt.Sprintf("https://example.org/%d", i)
		a := framelens.Article{
			ID: framelens.ArticleID(url, fmt.Sprint("sha1:", i)), Outlet: outlets[i%len(outlets)],
			URL: url, CanonicalURL: url, CapturedAt: base.Add(time.Duration(i) * time.Hour),
			WARCFile: "warc/x.warc.gz", WARCOffset: int64(i * 1000), PayloadDigest: fmt.Sprint("sha1:", i),
			Title: title, Lede: "Lede.", Authors: []string{"A. Writer"}, Language: "en",
			Paragraphs: paras, Text: text, Words: 30, Section: "world", Tags: []string{"inf", "russia"},
		}
		if i%4 != 0 {
			a.Published = base.Add(time.Duration(i) * time.Hour).In(time.FixedZone("MSK", 3*3600))
			a.PublishedRaw = a.Published.Format(time.RFC3339)
		}
		if i%7 == 3 {
			a.DuplicateOf = out[0].ID
			a.Agencies = []string{"TASS"}
			a.Dateline = framelens.Dateline{Raw: "MOSCOW, October 20. /TASS/.", Place: "MOSCOW", Date: "October 20", Agency: "TASS"}
		}
		out[i] = a
	}
	return out
}

func mustPublish(tb testing.TB, p *Publisher, runID string, tables ...Table) *Manifest {
	tb.Helper()
	m, err := p.Publish(testMeta(runID), tables...)
	if err != nil {
		tb.Fatalf("Publish(%s): %v", runID, err)
	}
	return m
}
