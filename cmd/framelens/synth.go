package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/framelens/framelens/analyze"
	"github.com/framelens/framelens/datasets"
)

var synthOpts struct {
	n    int
	seed uint64
	out  string
}

var cmdSynth = &command{
	Name:  "synth",
	Short: "write a synthetic articles table, for benchmarks at scale",
	Long: `
synth writes N synthetic articles about the study's events (built from the
templates in analyze/synth, filled with the study's actors, keywords and
variants) as an articles table, so that the analyze stage can be measured at
scale:

	framelens synth -n 100000 -out data/synth/articles.parquet
	framelens analyze -data data/synth -articles data/synth/articles.parquet

The articles are not a sample of any coverage; their statistics mean nothing.`,
	Flags: func(fs *flag.FlagSet, m *Main) {
		fs.IntVar(&synthOpts.n, "n", 10000, "number of articles")
		fs.Uint64Var(&synthOpts.seed, "seed", 1, "random seed (same seed, same articles)")
		fs.StringVar(&synthOpts.out, "out", "", "output `file`; empty means DATA/synth/articles.parquet")
	},
	Run: func(ctx context.Context, m *Main, args []string) error {
		study, err := m.study()
		if err != nil {
			return err
		}
		out := synthOpts.out
		if out == "" {
			out = filepath.Join(m.DataDir, "synth", "articles.parquet")
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		arts := analyze.Synthesize(study, analyze.SynthConfig{N: synthOpts.n, Seed: synthOpts.seed})
		if err := datasets.WriteTable(out, m.meta(study), datasets.Articles(arts)); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "wrote %d synthetic articles to %s\n", len(arts), out)
		return nil
	},
}
