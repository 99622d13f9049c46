package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/crawl"
	"github.com/framelens/framelens/datasets"
	"github.com/framelens/framelens/internal/sample"
)

// crawlFlags are the flags of the crawl stage, shared by crawl and run.
type crawlFlags struct {
	source    string
	outlets   string
	wayback   bool
	userAgent string
	delay     time.Duration
	maxPages  int
	urls      string
	refresh   time.Duration
}

func (f *crawlFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", "sample", "where to crawl: sample (the bundled sample web, offline) or live (the web)")
	fs.StringVar(&f.outlets, "outlets", "", "comma-separated outlet `ids` to crawl; empty means all")
	fs.BoolVar(&f.wayback, "wayback", false, "also discover and fetch past captures through the Wayback Machine (live only)")
	fs.StringVar(&f.userAgent, "user-agent", "", "User-Agent with a contact; empty means framelens-research-bot/<version> (+project URL)")
	fs.DurationVar(&f.delay, "delay", 0, "minimum delay between requests to one host; 0 means the crawler's default (3s)")
	fs.IntVar(&f.maxPages, "max-pages", 0, "most pages fetched per outlet in one run (the rest stays queued); 0 means no bound")
	fs.DurationVar(&f.refresh, "refresh", 0, "refetch section pages, sitemaps and feeds older than this (0: the crawler's default, 6h; negative: never)")
	fs.StringVar(&f.urls, "urls", "", "comma-separated extra article `URLs` to fetch")
}

var crawlOpts crawlFlags

var cmdCrawl = &command{
	Name:  "crawl",
	Short: "fetch the study's outlets and archive every response as WARC",
	Long: `
crawl discovers the coverage of each outlet from its section pages, sitemaps,
feeds and (with -wayback) the Wayback Machine, fetches it politely (robots.txt,
a per-host delay, backoff on 429/503) and records every request and response
in DATA/warc as WARC files with a CDXJ index. It resumes where a killed run
stopped and refetches nothing already archived. The crawl log is also written
to DATA/stage/crawl_log.parquet.

With -source sample (the default) it crawls the bundled sample web, served
on loopback: no network is touched.`,
	Flags: func(fs *flag.FlagSet, m *Main) { crawlOpts.register(fs) },
	Run: func(ctx context.Context, m *Main, args []string) error {
		study, err := m.lockStudy()
		if err != nil {
			return err
		}
		res, err := m.crawl(ctx, study, crawlOpts)
		if err != nil {
			return err
		}
		if err := m.writeStage(study, datasets.CrawlLog(res.Log)); err != nil {
			return err
		}
		return m.checkCrawlFailures(res.Log)
	},
}

// crawl runs the crawl stage into DATA/warc.
func (m *Main) crawl(ctx context.Context, study *framelens.Study, f crawlFlags) (*crawl.Result, error) {
	cfg := crawl.Config{
		Study:       study,
		Dir:         m.warcDir(),
		UserAgent:   f.userAgent,
		Logger:      m.Logger,
		Progress:    m.progress(),
		ToolVersion: version,
		Delay:       f.delay,
		MaxPages:    f.maxPages,
		Refresh:     f.refresh,
		Wayback:     f.wayback,
	}
	if f.outlets != "" {
		cfg.Outlets = strings.Split(f.outlets, ",")
		for _, id := range cfg.Outlets {
			if _, ok := study.Outlet(id); !ok {
				return nil, usagef("-outlets: unknown outlet %q", id)
			}
		}
	}
	if f.urls != "" {
		cfg.URLs = strings.Split(f.urls, ",")
	}
	switch f.source {
	case "sample":
		if f.wayback {
			return nil, usagef("-wayback needs -source live")
		}
		srv, err := sample.Start()
		if err != nil {
			return nil, fmt.Errorf("start sample web: %w", err)
		}
		defer srv.Close()
		cfg.Transport = srv.Transport()
		// The sample web serves only some of the study's outlets; crawling the
		// others would only log refused connections.
		served, err := sampleOutlets(study)
		if err != nil {
			return nil, err
		}
		if len(cfg.Outlets) == 0 {
			cfg.Outlets = served
		}
		for _, id := range cfg.Outlets {
			if !slices.Contains(served, id) {
				return nil, usagef("-outlets: outlet %q is not in the sample web (it has %s)", id, strings.Join(served, ", "))
			}
		}
		// Loopback: politeness delays would only slow the demo down.
		cfg.Delay = -1
	case "live":
		cfg.Transport = http.DefaultTransport.(*http.Transport).Clone()
	default:
		return nil, usagef("-source %q: want sample or live", f.source)
	}
	return crawl.Run(ctx, cfg)
}

// sampleOutlets lists the IDs of the study's outlets the sample web serves.
func sampleOutlets(study *framelens.Study) ([]string, error) {
	hosts, err := sample.Hosts()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, o := range study.Outlets {
		for _, h := range hosts {
			if o.HasHost(h) {
				ids = append(ids, o.ID)
				break
			}
		}
	}
	return ids, nil
}
