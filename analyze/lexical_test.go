package analyze

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/framelens/framelens"
)

// hitString renders a hit for comparison: lexicon:variable/variant "text" voice [speaker].
func hitString(h framelens.LexicalHit) string {
	s := fmt.Sprintf("%s:%s/%s %q %s", h.Lexicon, h.Variable, h.Variant, h.Text, h.Voice)
	if h.Speaker != "" {
		s += " " + h.Speaker + "/" + string(h.Side)
	}
	return s
}

func TestLexicalHits(t *testing.T) {
	study := mustStudy(t)
	text := "Moscow rejects “so-called violations”\n\n" +
		"Washington decided to destroy the INF Treaty under the pretext of alleged violations by Russia. " +
		"Ryabkov said the US wanted to pull out of the treaty. What Washington says is a violation is a test of the Mk-41, reportedly. " +
		"The 9M729 (SSC-8) missile was shown to attaches. The exited guests did not exit. Exiting is fine."
	ix := framelens.NewRuneIndex(text)
	content := "the US wanted to pull out of the treaty"
	cs := strings.Index(text, content)
	attrs := []framelens.Attribution{{ArticleID: "a1", Kind: framelens.Indirect,
		Content: ix.Span(cs, cs+len(content)), SpeakerText: "Ryabkov", SpeakerName: "Sergey Ryabkov",
		ActorID: "ryabkov", Side: framelens.SideRussia}}
	arts := []framelens.Article{{ID: "a1", Outlet: "tass", Title: "Moscow rejects “so-called violations”", Text: text}}
	hits := findLexical(study, arts, nil, attrs)
	var got []string
	for _, h := range hits {
		got = append(got, hitString(h))
		if ix.Slice(h.Span) != h.Text {
			t.Errorf("hit %q: span %v slices to %q", h.Text, h.Span, ix.Slice(h.Span))
		}
		if h.ConcordanceID != fmt.Sprintf("%s:a1:%d-%d", h.Lexicon, h.Span.Start, h.Span.End) {
			t.Errorf("hit %q: ConcordanceID %q", h.Text, h.ConcordanceID)
		}
	}
	want := []string{
		`variable:violation_stance/distanced "so-called violations" authorial`,
		`variable:withdrawal/destroy "destroy the INF" authorial`,
		`variable:violation_stance/distanced "alleged violations" authorial`,
		`variable:withdrawal/pull_out "pull out" quoted Sergey Ryabkov/russia`,
		`variable:violation_stance/asserted "violation" authorial`,
		`variable:missile_name/9m729 "9M729" authorial`,
		`variable:missile_name/ssc_8 "SSC-8" authorial`,
		`variable:withdrawal/exit "exited" authorial`, // the lexicon lists the forms
		`variable:withdrawal/exit "exit" authorial`,
		`variable:withdrawal/exit "Exiting" authorial`,
		`hedge:adjective/so_called "so-called" authorial`,
		`hedge:adjective/alleged "alleged" authorial`,
		`hedge:construction/what_says "What Washington says is" authorial`,
		`hedge:adverb/reportedly "reportedly" authorial`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findLexical hits:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	if !hits[0].QuoteMarks || hits[1].QuoteMarks {
		t.Errorf("QuoteMarks = %v, %v, want true, false", hits[0].QuoteMarks, hits[1].QuoteMarks)
	}
	if hits[3].AttributionKind != framelens.Indirect || hits[3].ActorID != "ryabkov" {
		t.Errorf("quoted hit attribution = %q %q, want indirect ryabkov", hits[3].AttributionKind, hits[3].ActorID)
	}
	if hits[2].Sentence != 1 || hits[0].Sentence != 0 {
		t.Errorf("sentences = %d, %d, want 0, 1", hits[0].Sentence, hits[2].Sentence)
	}
}

func TestLexicalFallbackQuoteMarks(t *testing.T) {
	study := mustStudy(t)
	arts := []framelens.Article{{ID: "a", Outlet: "rt", Text: "T\n\nHe called it “a so-called violation” and left."}}
	hits := findLexical(study, arts, nil, nil)
	if len(hits) != 2 || hits[0].Voice != framelens.VoiceQuoted || hits[0].Side != framelens.SideUnknown {
		t.Fatalf("hits = %+v, want 2 quoted hits of unknown side", hits)
	}
}

func TestVariantShares(t *testing.T) {
	study := mustStudy(t)
	mk := func(outlet, variant string, n int) []framelens.LexicalHit {
		var hs []framelens.LexicalHit
		for i := range n {
			hs = append(hs, framelens.LexicalHit{ArticleID: fmt.Sprint(outlet, i%2), Outlet: outlet, Events: []string{"e"},
				Lexicon: LexiconVariable, Variable: "withdrawal", Variant: variant, Voice: framelens.VoiceAuthorial})
		}
		return hs
	}
	var hits []framelens.LexicalHit
	hits = append(hits, mk("tass", "destroy", 8)...)
	hits = append(hits, mk("tass", "withdraw", 2)...)
	hits = append(hits, mk("reuters", "withdraw", 9)...)
	hits = append(hits, mk("reuters", "pull_out", 1)...)
	shares := variantShares(study, hits, 10)
	var tassDestroy *framelens.VariantShare
	for i, s := range shares {
		if s.Outlet == "tass" && s.EventID == "" && s.Variant == "destroy" {
			tassDestroy = &shares[i]
		}
	}
	if tassDestroy == nil {
		t.Fatal("no share for tass/destroy")
	}
	s := *tassDestroy
	if s.Count != 8 || s.Total != 10 || s.Docs != 2 || s.Authorial != 8 || s.Proportion != 0.8 {
		t.Errorf("tass/destroy = %+v", s)
	}
	if !near(s.Low, 0.4901625, 5e-7) || !near(s.High, 0.9433178, 5e-7) {
		t.Errorf("tass/destroy Wilson = (%v, %v)", s.Low, s.High)
	}
	// zeta by hand: y=8 n=10 vs y=0 n=10; pooled 8 of 20, α = 10·0.4 = 4.
	_, _, z := LogOdds(8, 10, 0, 10, 4, 10, false)
	if !near(s.Zeta, z, 1e-12) || s.Zeta <= 1.96 {
		t.Errorf("tass/destroy zeta = %v, want %v (> 1.96)", s.Zeta, z)
	}
	// Rows come in outlet, event ("" first), study variant order.
	if shares[0].Outlet != "reuters" || shares[0].EventID != "" || shares[0].Variant != "withdraw" || shares[1].Variant != "pull_out" {
		t.Errorf("first rows = %+v, %+v", shares[0], shares[1])
	}
}
