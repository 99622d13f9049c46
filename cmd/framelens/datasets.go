package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/datasets"
)

var cmdDatasets = &command{
	Name:  "datasets",
	Args:  "publish | validate | describe FILE... | schema | export-arrow DIR",
	Short: "publish, check and describe the Parquet datasets",
	Long: `
datasets publish
	publishes the stage tables of DATA/stage (articles, rejects, crawl log)
	and the analysis tables recomputed from those articles as a new snapshot
	DATA/datasets/snapshots/<run>, then switches DATA/datasets/current to it.
	The manifest is written last; a crash at any point leaves the previous
	snapshot complete and current.
datasets validate
	reads every table of DATA/datasets/current through Arrow's Parquet
	reader (independent of the writer) and checks it against the contract and
	the manifest: schema version, columns and types, rows, sha256.
datasets describe FILE...
	prints the schema, metadata and row groups of Parquet files via Arrow.
datasets schema
	prints the schema document (every table and column) as Markdown.
datasets export-arrow DIR
	writes each table of the current snapshot as an Arrow IPC file in DIR.`,
	Run: func(ctx context.Context, m *Main, args []string) error {
		if len(args) == 0 {
			return usagef("datasets: want publish, validate, describe, schema or export-arrow")
		}
		switch args[0] {
		case "schema":
			return datasets.WriteSchema(m.Stdout)
		case "describe":
			if len(args) < 2 {
				return usagef("datasets describe: want one or more Parquet files")
			}
			for _, f := range args[1:] {
				if err := datasets.Describe(m.Stdout, f); err != nil {
					return err
				}
			}
			return nil
		case "validate":
			root := m.datasetsDir()
			if err := datasets.Validate(root); err != nil {
				return err
			}
			man, err := datasets.ReadManifest(root)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "%s: valid (run %s, schema v%d, %d tables)\n",
				filepath.Join(root, datasets.CurrentName), man.RunID, man.SchemaVersion, len(man.Tables))
			return nil
		case "export-arrow":
			if len(args) != 2 {
				return usagef("datasets export-arrow: want an output directory")
			}
			return datasets.ExportArrow(m.datasetsDir(), args[1])
		case "publish":
			return m.publishStage(ctx)
		}
		return usagef("datasets: unknown subcommand %q", args[0])
	},
}

// publishStage publishes what the stages left in DATA/stage.
func (m *Main) publishStage(ctx context.Context) error {
	study, err := m.lockStudy()
	if err != nil {
		return err
	}
	arts, err := datasets.ReadArticles(m.stagePath("articles"))
	if err != nil {
		return fmt.Errorf("read articles (run framelens normalize first): %w", err)
	}
	rejects, err := datasets.ReadRejects(m.stagePath("rejects"))
	if err != nil {
		return err
	}
	log, err := datasets.ReadCrawlLog(m.stagePath("crawl_log"))
	if err != nil {
		return fmt.Errorf("read crawl log (run framelens crawl first): %w", err)
	}
	// The analysis tables are recomputed from the articles being published
	// (the analyzers are pure and deterministic), so a snapshot can never
	// pair articles with findings from other articles.
	found, err := m.analyze(ctx, study, arts)
	if err != nil {
		return err
	}
	tables := append([]datasets.Table{datasets.Articles(arts), datasets.Rejects(rejects), datasets.CrawlLog(log)}, found...)
	return m.publish(ctx, study, tables)
}

// publish writes tables as a new snapshot, switches current to it and
// lists what it holds on stdout.
func (m *Main) publish(ctx context.Context, study *framelens.Study, tables []datasets.Table) error {
	p := &datasets.Publisher{Root: m.datasetsDir(), Keep: m.Keep, Logger: m.Logger}
	man, err := p.Publish(m.meta(study), tables...)
	if err != nil {
		return err
	}
	m.Logger.InfoContext(ctx, "published", "stage", "datasets", "run_id", man.RunID, "tables", len(man.Tables))
	fmt.Fprintf(m.Stdout, "published %s (run %s):\n", filepath.Join(m.datasetsDir(), datasets.CurrentName), man.RunID)
	for _, t := range man.Tables {
		fmt.Fprintf(m.Stdout, "  %-18s %8d rows\n", t.Name, t.Rows)
	}
	return nil
}
