package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/framelens/framelens"

	"github.com/framelens/framelens/datasets"
)

var runCrawl crawlFlags

var cmdRun = &command{
	Name:  "run",
	Short: "crawl, normalize, analyze and publish: the whole pipeline",
	Long: `
run is crawl, normalize, analyze and datasets publish in one process, on one
data root. It is safe to rerun (for example from cron): the crawl resumes and
refetches nothing already archived, unchanged WARC files are not normalized
again, and the datasets are published as a new snapshot only when complete,
so a run killed at any point leaves the previously published datasets intact.
A second run on the same data root while one is going exits with code 3.

With no flags it runs on the bundled sample web, offline.`,
	Flags: func(fs *flag.FlagSet, m *Main) { runCrawl.register(fs) },
	Run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) > 0 {
			return usagef("run takes no arguments")
		}
		study, err := m.lockStudy()
		if err != nil {
			return err
		}
		res, err := m.crawl(ctx, study, runCrawl)
		if err != nil {
			return err
		}
		if err := m.checkCrawlFailures(res.Log); err != nil {
			return err
		}
		arts, rejects, err := m.normalize(ctx, study, res.WARCFiles)
		if err != nil {
			return err
		}
		if err := m.checkNormalizeFailures(arts, rejects); err != nil {
			return err
		}
		fp := fingerprint(study, arts, rejects, res.Log)
		if m.unchanged(fp) {
			m.Logger.InfoContext(ctx, "no new work: the published datasets are up to date", "stage", "datasets")
			fmt.Fprintf(m.Stdout, "no new pages since the last run; %s is up to date\n", filepath.Join(m.datasetsDir(), datasets.CurrentName))
			return nil
		}
		tables := []datasets.Table{datasets.Articles(arts), datasets.Rejects(rejects), datasets.CrawlLog(res.Log)}
		found, err := m.analyze(ctx, study, arts)
		if err != nil {
			return err
		}
		tables = append(tables, found...)
		if err := m.writeStage(study, tables...); err != nil {
			return err
		}
		if err := m.publish(ctx, study, tables); err != nil {
			return err
		}
		return m.recordFingerprint(fp)
	},
}

// fingerprint identifies everything a run would publish: the study, the
// tool version and every article, reject and crawl-log entry. Two runs with
// the same fingerprint publish the same datasets.
func fingerprint(study *framelens.Study, arts []framelens.Article, rejects []framelens.Reject, log []framelens.CrawlEntry) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", study.Hash, version)
	for _, a := range arts {
		fmt.Fprintf(h, "a\x00%s\x00%s\x00%s\x00", a.ID, a.WARCFile, a.DuplicateOf)
	}
	for _, r := range rejects {
		fmt.Fprintf(h, "r\x00%s\x00%s\x00%s\x00%d\x00", r.URL, r.Class, r.WARCFile, r.WARCOffset)
	}
	for _, e := range log {
		fmt.Fprintf(h, "c\x00%s\x00%s\x00%d\x00%s\x00%d\x00", e.URL, e.Outcome, e.Attempts, e.WARCFile, e.WARCOffset)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fingerprintPath records the fingerprint of the last published run.
func (m *Main) fingerprintPath() string { return filepath.Join(m.stageDir(), "published.sha256") }

// unchanged reports whether fp is what the current snapshot was published
// from, and that snapshot is still there and complete.
func (m *Main) unchanged(fp string) bool {
	b, err := os.ReadFile(m.fingerprintPath())
	if err != nil || strings.TrimSpace(string(b)) != fp {
		return false
	}
	_, err = datasets.Open(m.datasetsDir())
	return err == nil
}

// recordFingerprint notes what the current snapshot was published from.
// It is written after the snapshot is current; a crash in between only costs
// the next run a republication.
func (m *Main) recordFingerprint(fp string) error {
	tmp := m.fingerprintPath() + ".tmp"
	if err := os.WriteFile(tmp, []byte(fp+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, m.fingerprintPath())
}
