package main

import (
	"fmt"
	"os"
	"time"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/datasets"
	"github.com/framelens/framelens/normalize"
)

// lock takes the data root's lock for the rest of the run.
func (m *Main) lock() error {
	l, err := lockDataRoot(m.DataDir)
	if err != nil {
		return err
	}
	m.closers = append(m.closers, l)
	return nil
}

// lockStudy takes the data root's lock, then loads the study: what every
// stage that writes to the root does first.
func (m *Main) lockStudy() (*framelens.Study, error) {
	if err := m.lock(); err != nil {
		return nil, err
	}
	return m.study()
}

// meta returns the provenance written into every file of this run.
func (m *Main) meta(study *framelens.Study) datasets.Meta {
	if m.runID == "" {
		m.started = time.Now().UTC()
		m.runID = newRunID(m.started)
	}
	return datasets.Meta{
		RunID:       m.runID,
		ToolVersion: version,
		StudyID:     study.ID,
		StudyHash:   study.Hash,
		CreatedAt:   m.started,
	}
}

// writeStage writes tables to DATA/stage, each atomically.
func (m *Main) writeStage(study *framelens.Study, tables ...datasets.Table) error {
	if err := os.MkdirAll(m.stageDir(), 0o755); err != nil {
		return err
	}
	meta := m.meta(study)
	for _, t := range tables {
		if err := datasets.WriteTable(m.stagePath(t.Name()), meta, t); err != nil {
			return fmt.Errorf("write stage table %s: %w", t.Name(), err)
		}
	}
	return nil
}

// checkCrawlFailures fails the stage when more fetches failed than
// -max-fail-ratio allows. Robots exclusions and out-of-scope URLs are
// choices, not failures. The log holds every run of the data root, so each
// URL counts once, by its latest entry: a page that failed in an outage
// and was fetched by a later run is no longer a failure, and a source
// fetched fine yesterday but failing today is one.
func (m *Main) checkCrawlFailures(log []framelens.CrawlEntry) error {
	latest := make(map[string]framelens.CrawlOutcome, len(log))
	for _, e := range log {
		latest[e.URL] = e.Outcome
	}
	var fetched, failed int
	for _, out := range latest {
		switch out {
		case framelens.OutcomeFailed:
			failed++
			fetched++
		case framelens.OutcomeArchived, framelens.OutcomeTruncated:
			fetched++
		}
	}
	return m.checkRatio("crawl", failed, fetched)
}

// checkNormalizeFailures counts the pages normalize could not read
// (normalize.Failed); pages that are simply not articles are not failures.
func (m *Main) checkNormalizeFailures(articles []framelens.Article, rejects []framelens.Reject) error {
	failed := 0
	for _, r := range rejects {
		if normalize.Failed(r) {
			failed++
		}
	}
	return m.checkRatio("normalize", failed, len(articles)+len(rejects))
}

func (m *Main) checkRatio(stage string, failed, total int) error {
	if total == 0 || failed == 0 {
		return nil
	}
	if r := float64(failed) / float64(total); r > m.MaxFailRatio {
		return fmt.Errorf("%s: %d of %d pages failed (%.2f > -max-fail-ratio %.2f): %w",
			stage, failed, total, r, m.MaxFailRatio, framelens.ErrTooManyFailures)
	}
	return nil
}
