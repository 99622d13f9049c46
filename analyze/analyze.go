// Package analyze holds the batch analyzers: pure functions from articles and
// a study to tables of findings. Analyzers do no I/O and read no clocks or
// globals, so the same input always gives the same output and a notebook can
// reproduce any number.
//
// Each analyzer is a value in its own file, in the shape of golang.org/x/tools
// go/analysis: a Name, a Doc, the analyzers it Requires and a Run function.
// All lists them; Run executes a list in dependency order.
package analyze

import (
	"fmt"

	"github.com/framelens/framelens"
)

// An Analyzer is one analysis over a batch of articles.
type Analyzer struct {
	// Name is a short identifier, also the stem of the tables it writes.
	Name string
	// Doc says what the analyzer finds and which codebook rules it follows.
	Doc string
	// Requires lists analyzers whose results Run reads from Pass.ResultOf.
	Requires []*Analyzer
	// Run computes the analyzer's result. It must not modify the pass.
	Run func(*Pass) (any, error)
}

// A Pass is the input of one analyzer run.
type Pass struct {
	Study *framelens.Study
	// Articles are the articles to analyse, duplicates included (analyzers
	// that count coverage skip those with DuplicateOf set).
	Articles []framelens.Article
	// ResultOf holds the results of the analyzers in Requires.
	ResultOf map[*Analyzer]any
}

// Run runs the analyzers and everything they require, each once, in
// dependency order, and returns their results by analyzer.
func Run(study *framelens.Study, articles []framelens.Article, analyzers []*Analyzer) (map[*Analyzer]any, error) {
	results := make(map[*Analyzer]any)
	state := make(map[*Analyzer]int) // 1 running, 2 done
	var visit func(a *Analyzer) error
	visit = func(a *Analyzer) error {
		switch state[a] {
		case 1:
			return fmt.Errorf("analyzer %s: dependency cycle", a.Name)
		case 2:
			return nil
		}
		state[a] = 1
		deps := make(map[*Analyzer]any, len(a.Requires))
		for _, r := range a.Requires {
			if err := visit(r); err != nil {
				return err
			}
			deps[r] = results[r]
		}
		res, err := a.Run(&Pass{Study: study, Articles: articles, ResultOf: deps})
		if err != nil {
			return fmt.Errorf("analyzer %s: %w", a.Name, err)
		}
		results[a] = res
		state[a] = 2
		return nil
	}
	for _, a := range analyzers {
		if err := visit(a); err != nil {
			return results, err
		}
	}
	return results, nil
}
