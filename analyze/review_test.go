package analyze

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/framelens/framelens"
)

// multibyteArticles returns synthetic articles whose paragraphs start with
// curly quotes, guillemets, Cyrillic and emoji, so that any byte offset
// published as a character offset points at the wrong text.
func multibyteArticles(tb testing.TB, study *framelens.Study, n int) []framelens.Article {
	tb.Helper()
	arts := Synthesize(study, SynthConfig{N: n, Seed: 11})
	prefixes := []string{"«Это» тест 🚀 — ", "“Ёлка” 😀😀 ", "Привет, мир. ", ""}
	for i := range arts {
		a := &arts[i]
		a.Title = "“Заголовок” 🌍 " + a.Title
		for k := range a.Paragraphs {
			a.Paragraphs[k] = prefixes[(i+k)%len(prefixes)] + a.Paragraphs[k]
		}
		a.Text = a.Title + "\n\n" + strings.Join(a.Paragraphs, "\n\n")
	}
	return arts
}

// TestSpansAreCharacterOffsets checks that every published span, read as
// character offsets into Article.Text, gives back the text the row says
// it covers.
func TestSpansAreCharacterOffsets(t *testing.T) {
	study := mustStudy(t)
	arts := multibyteArticles(t, study, 120)
	res, err := Run(study, arts, All)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*framelens.RuneIndex{}
	for i := range arts {
		byID[arts[i].ID] = framelens.NewRuneIndex(arts[i].Text)
	}
	check := func(what, id string, s framelens.Span, want string) {
		t.Helper()
		if !s.Valid() {
			return
		}
		if got := byID[id].Slice(s); got != want {
			t.Errorf("%s %s span %v = %q, want %q", what, id, s, got, want)
		}
	}
	ar := res[Attributions].(*AttributionResult)
	if len(ar.Attributions) == 0 {
		t.Fatal("no attributions")
	}
	for _, a := range ar.Attributions {
		check("attribution cue", a.ArticleID, a.Cue, a.CueText)
		check("attribution speaker", a.ArticleID, a.Speaker, a.SpeakerText)
		check("attribution content", a.ArticleID, a.Content, a.ContentText)
	}
	lex := res[Lexical].(*LexicalResult)
	if len(lex.Hits) == 0 {
		t.Fatal("no lexical hits")
	}
	for _, h := range lex.Hits {
		check("lexical hit", h.ArticleID, h.Span, h.Text)
	}
	conc := res[Concordance].(*ConcordanceResult)
	for _, l := range conc.Lines {
		check("concordance "+l.Source, l.ArticleID, l.Span, l.Match)
	}
	rr := res[Reuse].(*ReuseResult)
	for _, p := range rr.Pairs {
		for _, s := range p.Spans {
			src, dst := byID[p.SrcID].Slice(s.Src), byID[p.DstID].Slice(s.Dst)
			if s.Src.End > byID[p.SrcID].Len() || s.Dst.End > byID[p.DstID].Len() {
				t.Errorf("reuse span %v out of range", s)
			}
			_, _ = src, dst
		}
	}
}

// TestRunDeterministic runs every analyzer many times on the same input and
// requires identical results: no map order may leak into rows or ties.
func TestRunDeterministic(t *testing.T) {
	study := mustStudy(t)
	arts := multibyteArticles(t, study, 150)
	arts[3].DuplicateOf = arts[2].ID
	first, err := Run(study, arts, All)
	if err != nil {
		t.Fatal(err)
	}
	for run := range 8 {
		again, err := Run(study, arts, All)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range All {
			if !reflect.DeepEqual(first[a], again[a]) {
				t.Fatalf("run %d: analyzer %s gave a different result", run, a.Name)
			}
		}
	}
}

// TestRunEdgeArticles runs every analyzer on degenerate articles: it must
// not panic.
func TestRunEdgeArticles(t *testing.T) {
	study := mustStudy(t)
	long := strings.Repeat("Lavrov said the treaty, which “was signed in 1987, ", 400) + "is dead."
	arts := []framelens.Article{
		{ID: "empty", Outlet: "tass"},
		{ID: "title", Outlet: "tass", Title: "Lavrov: treaty is dead", Text: "Lavrov: treaty is dead"},
		{ID: "title2", Outlet: "tass", Title: "Lavrov", Text: "Lavrov\n\n"},
		{ID: "unbalanced", Outlet: "reuters", Text: "T\n\n“Pompeo said «the treaty „is dead. \"He\" said» «\n\n”", Published: time.Date(2018, 12, 5, 0, 0, 0, 0, time.UTC)},
		{ID: "long", Outlet: "reuters", Text: "Long\n\n" + long},
		{ID: "quotes", Outlet: "tass", Text: "\"\"\"\"\"“”«»", DuplicateOf: "empty"},
		{ID: "emoji", Outlet: "tass", Text: "🚀🚀🚀 said 🚀. «»", Published: time.Date(2019, 2, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, only := range [][]framelens.Article{arts, arts[:1], arts[1:2], nil} {
		if _, err := Run(study, only, All); err != nil {
			t.Fatal(err)
		}
	}
}

// TestVariantSharesSingleVariantZeta: when one variant holds every pooled
// hit of its variable there is nothing to contrast, and zeta must be a
// number (0), not NaN.
func TestVariantSharesSingleVariantZeta(t *testing.T) {
	study := &framelens.Study{Lexicons: framelens.Lexicons{
		Variables: []framelens.Variable{{ID: "missile", Variants: []framelens.Variant{{ID: "name", Patterns: []string{"9m729"}}}}},
		Hedges:    []framelens.Hedge{{ID: "according_to", Kind: "evidential", Patterns: []string{"according to"}}},
	}}
	var hits []framelens.LexicalHit
	for i, o := range []string{"a", "a", "b"} {
		hits = append(hits,
			framelens.LexicalHit{ArticleID: string(rune('x' + i)), Outlet: o, Lexicon: LexiconVariable, Variable: "missile", Variant: "name", Voice: framelens.VoiceAuthorial},
			framelens.LexicalHit{ArticleID: string(rune('x' + i)), Outlet: o, Lexicon: LexiconHedge, Variable: "evidential", Variant: "according_to", Voice: framelens.VoiceAuthorial})
	}
	for _, s := range variantShares(study, hits, 10) {
		if math.IsNaN(s.Zeta) || math.IsInf(s.Zeta, 0) || s.Zeta != 0 {
			t.Errorf("variantShares %s/%s/%s: Zeta = %v, want 0", s.Outlet, s.Variable, s.Variant, s.Zeta)
		}
	}
}

// TestDuplicatesNotCounted: an article with DuplicateOf set adds nothing to
// coverage figures (analyze.Pass): variant shares and the summary's hedge
// counts must be those of the corpus without it.
func TestDuplicatesNotCounted(t *testing.T) {
	study := mustStudy(t)
	arts := Synthesize(study, SynthConfig{N: 80, Seed: 5})
	withDup := slices.Clone(arts)
	for i := range arts {
		d := arts[i]
		d.ID += "-dup"
		d.URL += "?amp"
		d.DuplicateOf = arts[i].ID
		withDup = append(withDup, d)
	}
	want, err := Run(study, arts, []*Analyzer{Summary})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Run(study, withDup, []*Analyzer{Summary})
	if err != nil {
		t.Fatal(err)
	}
	if w, g := want[Lexical].(*LexicalResult).Shares, got[Lexical].(*LexicalResult).Shares; !reflect.DeepEqual(w, g) {
		t.Errorf("Lexical.Shares with duplicates differ from those without (%d vs %d rows)", len(g), len(w))
	}
	w, g := want[Summary].(*SummaryResult).Rows, got[Summary].(*SummaryResult).Rows
	if len(w) != len(g) {
		t.Fatalf("summary has %d rows with duplicates, %d without", len(g), len(w))
	}
	for i := range w {
		if !reflect.DeepEqual(w[i], g[i]) {
			t.Errorf("summary %s/%s with duplicates:\n%+v\nwant\n%+v", w[i].Outlet, w[i].EventID, g[i], w[i])
		}
	}
}

// TestVoiceEmptyCueClassCountedOnce: an attribution without a verb class
// (a study built in code may leave it empty) belongs to the all-classes
// row once; it must not be counted again under class "".
func TestVoiceEmptyCueClassCountedOnce(t *testing.T) {
	arts := []framelens.Article{{ID: "a", Outlet: "o1"}}
	attrs := []framelens.Attribution{
		{ArticleID: "a", Side: "us", CueClass: "", ContentText: "one two"},
		{ArticleID: "a", Side: "russia", CueClass: framelens.Neutral, ContentText: "three"},
	}
	for _, r := range Voice(arts, attrs, nil) {
		if r.CueClass != "" {
			continue
		}
		if r.Attributions != 1 || r.Total != 2 || r.Share != 0.5 {
			t.Errorf("Voice row %s/%s: Attributions %d of Total %d (share %v), want 1 of 2", r.Outlet, r.Side, r.Attributions, r.Total, r.Share)
		}
	}
}

// TestSummaryMatchesRows checks that every summary figure equals what the
// rows it summarises give: attributions and voices against the voice table,
// variant shares against the lexical hits.
func TestSummaryMatchesRows(t *testing.T) {
	study := mustStudy(t)
	arts := multibyteArticles(t, study, 150)
	arts[7].DuplicateOf = arts[6].ID
	res, err := Run(study, arts, All)
	if err != nil {
		t.Fatal(err)
	}
	ar := res[Attributions].(*AttributionResult)
	lex := res[Lexical].(*LexicalResult)
	sum := res[Summary].(*SummaryResult)
	type sk struct{ outlet, event string }
	voiceTotal := map[sk]int{}
	voiceSide := map[sk]map[framelens.Side]int{}
	for _, v := range ar.Voice {
		if v.CueClass != "" {
			continue
		}
		k := sk{v.Outlet, v.Event}
		voiceTotal[k] = v.Total
		if voiceSide[k] == nil {
			voiceSide[k] = map[framelens.Side]int{}
		}
		voiceSide[k][v.Side] = v.Attributions
	}
	dup := duplicateIDs(arts)
	hitCount := map[string]int{}
	for _, h := range lex.Hits {
		if h.Lexicon != LexiconVariable || dup[h.ArticleID] {
			continue
		}
		for _, ev := range append([]string{""}, h.Events...) {
			hitCount[h.Outlet+"|"+ev+"|"+h.Variable+"/"+h.Variant]++
			hitCount[h.Outlet+"|"+ev+"|"+h.Variable]++
		}
	}
	for _, r := range sum.Rows {
		k := sk{r.Outlet, r.EventID}
		if r.Attributions != voiceTotal[k] {
			t.Errorf("summary %s/%s: Attributions %d, voice table total %d", r.Outlet, r.EventID, r.Attributions, voiceTotal[k])
		}
		for _, v := range r.Voices {
			if v.Count != voiceSide[k][v.Side] {
				t.Errorf("summary %s/%s: voice %s = %d, voice table %d", r.Outlet, r.EventID, v.Side, v.Count, voiceSide[k][v.Side])
			}
		}
		for i, v := range r.Variants {
			variable, _, _ := strings.Cut(v, "/")
			n, tot := hitCount[r.Outlet+"|"+r.EventID+"|"+v], hitCount[r.Outlet+"|"+r.EventID+"|"+variable]
			if tot == 0 || r.VariantShares[i] != float64(n)/float64(tot) {
				t.Errorf("summary %s/%s: variant %s share %v, hits give %d/%d", r.Outlet, r.EventID, v, r.VariantShares[i], n, tot)
			}
		}
	}
	// Shares agree with the hits.
	for _, s := range lex.Shares {
		if s.Lexicon != LexiconVariable {
			continue
		}
		n, tot := hitCount[s.Outlet+"|"+s.EventID+"|"+s.Variable+"/"+s.Variant], hitCount[s.Outlet+"|"+s.EventID+"|"+s.Variable]
		if s.Count != n || s.Total != tot {
			t.Errorf("share %s/%s/%s/%s: %d of %d, hits give %d of %d", s.Outlet, s.EventID, s.Variable, s.Variant, s.Count, s.Total, n, tot)
		}
		if s.Low < 0 || s.High > 1 || s.Low > s.Proportion || s.Proportion > s.High {
			t.Errorf("share %s/%s/%s/%s: interval [%v, %v] around %v", s.Outlet, s.EventID, s.Variable, s.Variant, s.Low, s.High, s.Proportion)
		}
	}
	// Keyness: q-values within [p, 1] and monotone in p.
	kr := res[Keyness].(*KeynessResult)
	for _, r := range kr.Rows {
		if math.IsNaN(r.Zeta) || r.Q < r.P-1e-15 || r.Q > 1 || r.P < 0 || r.P > 1 {
			t.Errorf("keyness %s %q: zeta %v p %v q %v", r.ComparisonID, r.Term, r.Zeta, r.P, r.Q)
		}
	}
}

// FuzzExtract: the attribution extractor never panics, and every span it
// publishes lies in the text and gives back the text it reports.
func FuzzExtract(f *testing.F) {
	study := mustStudy(f)
	for _, a := range multibyteArticles(f, study, 20) {
		f.Add(a.Text)
	}
	f.Add("Lavrov: «treaty» is dead")
	f.Add("T\n\n“Pompeo said «the treaty „is dead. \"He\" said» «\n\n”")
	x := NewAttributionExtractor(study)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		ix := framelens.NewRuneIndex(text)
		for _, a := range x.Extract(nil, "id", text) {
			for _, c := range []struct {
				what string
				s    framelens.Span
				want string
			}{{"cue", a.Cue, a.CueText}, {"speaker", a.Speaker, a.SpeakerText}, {"content", a.Content, a.ContentText}} {
				if !c.s.Valid() {
					continue
				}
				if c.s.End > ix.Len() {
					t.Fatalf("%s span %v past the text's %d characters", c.what, c.s, ix.Len())
				}
				if got := ix.Slice(c.s); got != c.want {
					t.Fatalf("%s span %v = %q, want %q", c.what, c.s, got, c.want)
				}
			}
		}
	})
}

// TestTopTermsAreDistinctiveOfTheOutlet: a summary's top terms are terms
// relatively more frequent in the outlet than in the rest (zeta > 0), even
// when a scope has fewer tested terms than KeynessConfig.Top.
func TestTopTermsAreDistinctiveOfTheOutlet(t *testing.T) {
	study := mustStudy(t)
	arts := multibyteArticles(t, study, 150)
	res, err := Run(study, arts, []*Analyzer{Summary})
	if err != nil {
		t.Fatal(err)
	}
	kr := res[Keyness].(*KeynessResult)
	zeta := map[string]float64{}
	for _, r := range kr.Rows {
		if r.GroupB == "rest" {
			zeta[r.GroupA+"|"+r.EventID+"|"+r.Term] = r.Zeta
		}
	}
	for _, r := range res[Summary].(*SummaryResult).Rows {
		for _, term := range r.TopTerms {
			if z := zeta[r.Outlet+"|"+r.EventID+"|"+term]; !(z > 0) {
				t.Errorf("summary %s/%s: top term %q has zeta %v, want > 0", r.Outlet, r.EventID, term, z)
			}
		}
	}
}

// TestTopTermsSmallScope: with fewer tested terms than 2×Top, a term more
// frequent in B must not get a positive rank (nor be a top term of A).
func TestTopTermsSmallScope(t *testing.T) {
	study := mustStudy(t)
	texts := map[string][]string{
		"a": {"T\n\nThe treaty is dead and the missile is banned.", "T\n\nThe treaty is dead and the missile is banned."},
		"b": {"T\n\nThe treaty lives on, the treaty holds, the treaty stays.", "T\n\nThe treaty lives on, the treaty holds, the treaty stays."},
	}
	var arts []framelens.Article
	for _, o := range []string{"a", "b"} {
		for i, s := range texts[o] {
			arts = append(arts, framelens.Article{ID: o + string(rune('0'+i)), Outlet: o, Title: "T", Text: s})
		}
	}
	res, err := Run(study, arts, []*Analyzer{Summary})
	if err != nil {
		t.Fatal(err)
	}
	kr := res[Keyness].(*KeynessResult)
	for _, r := range kr.Rows {
		if r.Rank > 0 && r.Zeta <= 0 || r.Rank < 0 && r.Zeta >= 0 {
			t.Errorf("keyness %s %q: rank %d with zeta %v", r.ComparisonID, r.Term, r.Rank, r.Zeta)
		}
	}
	for _, r := range res[Summary].(*SummaryResult).Rows {
		if r.Outlet == "a" && slices.Contains(r.TopTerms, "treaty") || r.Outlet == "b" && slices.Contains(r.TopTerms, "dead") {
			t.Errorf("summary %s/%s: top terms %v hold the other outlet's word", r.Outlet, r.EventID, r.TopTerms)
		}
	}
}

// FuzzRunAll: every analyzer survives any article text, and lexical hits
// and concordance lines point at their text.
func FuzzRunAll(f *testing.F) {
	study := mustStudy(f)
	for _, a := range multibyteArticles(f, study, 10) {
		f.Add(a.Title, a.Text)
	}
	f.Add("", "")
	f.Add("Lavrov", "Lavrov\n\n«alleged violations» of the so-called 9M729 🚀")
	f.Fuzz(func(t *testing.T, title, body string) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) {
			return
		}
		pub := time.Date(2018, 12, 5, 12, 0, 0, 0, time.UTC)
		text := title + "\n\n" + body
		arts := []framelens.Article{
			{ID: "x", Outlet: "tass", Title: title, Text: text, Published: pub},
			{ID: "y", Outlet: "reuters", Title: title, Text: text, Published: pub.Add(time.Hour)},
		}
		res, err := Run(study, arts, All)
		if err != nil {
			t.Fatal(err)
		}
		ix := framelens.NewRuneIndex(text)
		for _, h := range res[Lexical].(*LexicalResult).Hits {
			if ix.Slice(h.Span) != h.Text {
				t.Fatalf("hit span %v = %q, want %q", h.Span, ix.Slice(h.Span), h.Text)
			}
		}
		for _, l := range res[Concordance].(*ConcordanceResult).Lines {
			if ix.Slice(l.Span) != l.Match {
				t.Fatalf("line span %v = %q, want %q", l.Span, ix.Slice(l.Span), l.Match)
			}
		}
	})
}

// TestExtractEmptyQuoteBeforeParenthetical: an empty quotation before a
// parenthetical "C1, X said, C2" emits nothing; the extractor must neither
// panic nor rewrite the content of an earlier attribution.
func TestExtractEmptyQuoteBeforeParenthetical(t *testing.T) {
	x := NewAttributionExtractor(mustStudy(t))
	for _, s := range []string{
		"«»—L,»,said,e",
		"T\n\n“” — Lavrov, ”, said, the minister.",
		"T\n\n«» — Lavrov, », said, the minister.",
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("Extract(%q) panics: %v", s, r)
				}
			}()
			x.Extract(nil, "id", s)
		}()
	}
	s := "T\n\n“We will respond,” Lavrov said. “” — Pompeo, ”, said, he added."
	for _, a := range x.Extract(nil, "id", s) {
		if a.SpeakerText == "Lavrov" && a.ContentText != "We will respond" {
			t.Errorf("Extract(%q): Lavrov's content = %q, want %q", s, a.ContentText, "We will respond")
		}
	}
}

// TestExtractAgentlessEmptyQuote: "it was stressed" followed by an empty
// quotation emits nothing; it must neither panic nor relabel an earlier
// attribution as agentless.
func TestExtractAgentlessEmptyQuote(t *testing.T) {
	x := NewAttributionExtractor(mustStudy(t))
	func() {
		s := "„“it was stressed“\""
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("Extract(%q) panics: %v", s, r)
			}
		}()
		x.Extract(nil, "id", s)
	}()
	s := "T\n\nLavrov said the treaty was dead. It was stressed: “”"
	for _, a := range x.Extract(nil, "id", s) {
		if a.SpeakerText == "Lavrov" && a.Kind != framelens.Indirect {
			t.Errorf("Extract(%q): Lavrov's attribution is %s, want %s", s, a.Kind, framelens.Indirect)
		}
	}
}

// TestSummaryWordsAreBodyWords: CoverageSummary.Words counts body words;
// when Article.Words is unset the title must not be counted.
func TestSummaryWordsAreBodyWords(t *testing.T) {
	study := mustStudy(t)
	arts := []framelens.Article{
		{ID: "t", Outlet: "tass", Title: "Lavrov says the treaty is dead", Text: "Lavrov says the treaty is dead"},
		{ID: "p", Outlet: "reuters", Title: "Treaty dead", Paragraphs: []string{"Russia left the pact."}, Text: "Treaty dead\n\nRussia left the pact."},
	}
	res, err := Run(study, arts, []*Analyzer{Summary})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"tass": 0, "reuters": 4}
	for _, r := range res[Summary].(*SummaryResult).Rows {
		if r.EventID == "" && r.Words != want[r.Outlet] {
			t.Errorf("summary %s: Words = %d, want %d", r.Outlet, r.Words, want[r.Outlet])
		}
	}
}

// TestStatsEdges checks the statistics at their edges: Wilson bounds stay
// in [0, 1] and hold the estimate for k = 0 and k = n; BH q-values are at
// least p, at most 1 and monotone in p; G2 and LogRatio are finite with
// zero counts.
func TestStatsEdges(t *testing.T) {
	for _, n := range []int{1, 2, 5, 100} {
		for _, k := range []int{0, n} {
			lo, hi := Wilson(k, n, Z95)
			p := float64(k) / float64(n)
			if lo < 0 || hi > 1 || lo > p || p > hi {
				t.Errorf("Wilson(%d, %d) = [%v, %v], want within [0, 1] around %v", k, n, lo, hi, p)
			}
		}
	}
	p := []float64{0.04, 0.001, 1, 0.04, 0.5, 0, 0.03, 0.9}
	q := BH(p)
	for i := range p {
		if q[i] < p[i] || q[i] > 1 {
			t.Errorf("BH: q[%d] = %v for p = %v", i, q[i], p[i])
		}
		for j := range p {
			if p[i] < p[j] && q[i] > q[j] || p[i] == p[j] && q[i] != q[j] {
				t.Errorf("BH: p %v -> q %v, p %v -> q %v: not monotone", p[i], q[i], p[j], q[j])
			}
		}
	}
	for _, c := range [][4]float64{{0, 10, 0, 10}, {0, 10, 5, 10}, {5, 10, 0, 10}, {10, 10, 10, 10}} {
		if g := G2(c[0], c[1], c[2], c[3]); math.IsNaN(g) || math.IsInf(g, 0) {
			t.Errorf("G2%v = %v", c, g)
		}
		if r := LogRatio(c[0], c[1], c[2], c[3]); math.IsNaN(r) || math.IsInf(r, 0) {
			t.Errorf("LogRatio%v = %v", c, r)
		}
	}
}

func TestCountFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b\tc\n", "«Это» тест 🚀 — x", "a\u00a0b\u2003c", "\xff \xfe"} {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
	}
}

// BenchmarkVoiceLongQuote: one long paragraph with a quotation left open,
// so that thousands of attributions share a long content.
func BenchmarkVoiceLongQuote(b *testing.B) {
	study := mustStudy(b)
	s := "T\n\n" + strings.Repeat("Lavrov said, “the treaty, which Pompeo claimed was dead, according to TASS, ", 2000) + "."
	attrs := NewAttributionExtractor(study).Extract(nil, "a", s)
	arts := []framelens.Article{{ID: "a", Outlet: "tass", Text: s}}
	b.ReportAllocs()
	for b.Loop() {
		Voice(arts, attrs, nil)
	}
}
