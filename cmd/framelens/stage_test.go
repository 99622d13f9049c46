package main

import (
	"errors"
	"io"
	"testing"

	"github.com/framelens/framelens"
)

// TestCheckCrawlFailures checks that the crawl's failure ratio is taken
// over each URL's latest outcome: the crawl log keeps every run of a data
// root, so a page that failed during an outage and was fetched by a later
// run must not fail every scheduled run after it.
func TestCheckCrawlFailures(t *testing.T) {
	const (
		a = "https://example.org/a"
		b = "https://example.org/b"
		c = "https://example.org/c"
	)
	failed := func(u string) framelens.CrawlEntry {
		return framelens.CrawlEntry{URL: u, Outcome: framelens.OutcomeFailed, Status: 503}
	}
	archived := func(u string) framelens.CrawlEntry {
		return framelens.CrawlEntry{URL: u, Outcome: framelens.OutcomeArchived, Status: 200}
	}
	tests := []struct {
		name    string
		log     []framelens.CrawlEntry
		tooMany bool
	}{
		{"AllArchived", []framelens.CrawlEntry{archived(a), archived(b)}, false},
		{"MostFailed", []framelens.CrawlEntry{failed(a), failed(b), archived(c)}, true},
		{"FailedThenArchivedByLaterRuns", []framelens.CrawlEntry{failed(a), archived(b), failed(a), failed(a), archived(a)}, false},
		{"ArchivedSourceFailingNow", []framelens.CrawlEntry{archived(a), archived(b), failed(a), failed(b), archived(c)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain(io.Discard, io.Discard)
			err := m.checkCrawlFailures(tt.log)
			if got := errors.Is(err, framelens.ErrTooManyFailures); got != tt.tooMany {
				t.Errorf("checkCrawlFailures = %v, want too many failures: %v", err, tt.tooMany)
			}
		})
	}
}
