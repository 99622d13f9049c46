package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/analyze"
	"github.com/framelens/framelens/datasets"
)

var analyzeArticles string

var cmdAnalyze = &command{
	Name:  "analyze",
	Short: "run the analyzers over an articles table",
	Long: `
analyze reads an articles table (by default DATA/stage/articles.parquet, or
any table named with -articles, e.g. the articles of a published snapshot)
and runs every analyzer: attribution (who is quoted, with which verb, for
which side), event alignment, term counts, distinctive terms, lexical
variables and hedges, concordance, text reuse and the outlet x event summary.
Each result table is written to DATA/stage/<table>.parquet.`,
	Flags: func(fs *flag.FlagSet, m *Main) {
		fs.StringVar(&analyzeArticles, "articles", "", "articles table (file or directory); empty means DATA/stage/articles.parquet")
	},
	Run: func(ctx context.Context, m *Main, args []string) error {
		study, err := m.lockStudy()
		if err != nil {
			return err
		}
		path := analyzeArticles
		if path == "" {
			path = m.stagePath("articles")
		}
		arts, err := datasets.ReadArticles(path)
		if err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		tables, err := m.analyze(ctx, study, arts)
		if err != nil {
			return err
		}
		return m.writeStage(study, tables...)
	},
}

// analyze runs analyze.All over articles and returns the result tables.
func (m *Main) analyze(ctx context.Context, study *framelens.Study, arts []framelens.Article) ([]datasets.Table, error) {
	log := m.Logger.With("stage", "analyze")
	// Only the study's articles enter the comparison; relevance is judged
	// again here from the study, so an articles table from elsewhere (or
	// one written under another study) is judged by this study's terms.
	rel := framelens.NewRelevance(study)
	var in []framelens.Article
	for _, a := range arts {
		if rel.Article(a) {
			in = append(in, a)
		}
	}
	log.InfoContext(ctx, "analyze start", "n", len(in), "off_study", len(arts)-len(in), "analyzers", len(analyze.All))
	arts = in
	results, err := analyze.Run(study, arts, analyze.All)
	if err != nil {
		return nil, err
	}
	// The analyzers are pure and take no context: an interrupt during them
	// is honoured here, before anything is written or published.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var tables []datasets.Table
	for _, a := range analyze.All {
		ts, err := resultTables(results[a], arts)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", a.Name, err)
		}
		for _, t := range ts {
			log.InfoContext(ctx, "analyze table", "table", t.Name(), "n", t.Len())
		}
		tables = append(tables, ts...)
		// The table holds its own copy of the rows: let the result go, so
		// the peak at 100k articles is one copy, not two.
		delete(results, a)
	}
	log.InfoContext(ctx, "analyze end", "tables", len(tables))
	return tables, nil
}

// resultTables turns one analyzer's result into the tables it publishes.
// The datasets package owns each table's schema; this is only the wiring.
func resultTables(res any, arts []framelens.Article) ([]datasets.Table, error) {
	switch r := res.(type) {
	case *analyze.AttributionResult:
		return []datasets.Table{datasets.Attributions(r.Attributions, arts), datasets.Voice(r.Voice)}, nil
	case *analyze.EventAlignment:
		return []datasets.Table{datasets.EventMatches(r.Matches)}, nil
	case *analyze.TermTable:
		return []datasets.Table{datasets.TermCounts(r.Counts)}, nil
	case *analyze.KeynessResult:
		return []datasets.Table{datasets.Comparisons(r.Rows)}, nil
	case *analyze.LexicalResult:
		return []datasets.Table{datasets.VariantHits(r.Hits), datasets.VariantTable(r.Shares)}, nil
	case *analyze.ConcordanceResult:
		return []datasets.Table{datasets.Concordance(r.Lines)}, nil
	case *analyze.ReuseResult:
		return []datasets.Table{datasets.ReusePairs(r.Pairs), datasets.ReuseClusters(r.Clusters)}, nil
	case *analyze.SummaryResult:
		return []datasets.Table{datasets.CoverageSummary(r.Rows)}, nil
	}
	return nil, fmt.Errorf("no table for result type %T", res)
}
