package main

import (
	"context"
	"flag"

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
		if err := m.lock(); err != nil {
			return err
		}
		study, err := m.study()
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
		tables := []datasets.Table{datasets.Articles(arts), datasets.Rejects(rejects), datasets.CrawlLog(res.Log)}
		found, err := m.analyze(ctx, study, arts)
		if err != nil {
			return err
		}
		tables = append(tables, found...)
		if err := m.writeStage(study, tables...); err != nil {
			return err
		}
		return m.publish(ctx, study, tables)
	},
}
