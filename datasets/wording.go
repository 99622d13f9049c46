package datasets

import (
	"time"

	"github.com/framelens/framelens"
)

// This file holds the tables of the wording analyzers (analyze/events.go,
// terms.go, keyness.go, lexical.go, concordance.go, reuse.go, summary.go;
// shared/notes/wording.md §6). Spans are character offsets into
// articles.text, as in the attributions table.

// An EventMatchRow is one row of the event_matches table.
type EventMatchRow struct {
	ArticleID string   `parquet:"article_id" doc:"Article aligned with the event (articles.article_id)."`
	Outlet    string   `parquet:"outlet,dict" doc:"Outlet of the article."`
	EventID   string   `parquet:"event_id,dict" doc:"Study event the article covers."`
	Score     float64  `parquet:"score" doc:"Alignment score: keyword, alias and actor evidence times a date factor; higher is surer, not a probability."`
	DaysAfter int64    `parquet:"days_after" doc:"Calendar days from the event's day to the article's publication day, in the event's time zone (negative: before)."`
	Evidence  []string `parquet:"evidence,list" doc:"What was found, each as kind:value (date:+1, title-keyword:ultimatum, alias:the 60-day deadline, actor:pompeo)."`
}

var eventMatchesTable = define[EventMatchRow](spec{
	Name: "event_matches",
	Doc:  "One row per (article, event) the event alignment found; an article with no row covers no study event.",
	Key:  []string{"article_id", "event_id"},
})

// EventMatches returns the event_matches table of ms.
func EventMatches(ms []framelens.EventMatch) Table {
	return eventMatchesTable.table(convert(ms, func(m framelens.EventMatch) EventMatchRow {
		return EventMatchRow{ArticleID: m.ArticleID, Outlet: m.Outlet, EventID: m.EventID, Score: m.Score,
			DaysAfter: int64(m.DaysAfter), Evidence: m.Evidence}
	}))
}

// A TermCountRow is one row of the term_counts table.
type TermCountRow struct {
	Outlet  string `parquet:"outlet,dict" doc:"Outlet slug."`
	EventID string `parquet:"event_id,dict" doc:"Event of the group; empty for all of the outlet's articles."`
	NGram   int64  `parquet:"ngram_n" doc:"N-gram order, 1 to 3."`
	Term    string `parquet:"term" doc:"The n-gram: tokens in matching form (lower case) joined by single spaces."`
	TF      int64  `parquet:"tf" doc:"Occurrences in the group's articles."`
	DF      int64  `parquet:"df" doc:"Articles of the group with at least one occurrence."`
	Tokens  int64  `parquet:"n_tokens" doc:"The group's n-grams of the same order (the denominator of tf)."`
	Docs    int64  `parquet:"n_docs" doc:"The group's articles (the denominator of df)."`
}

var termCountsTable = define[TermCountRow](spec{
	Name: "term_counts",
	Doc:  "Token and document frequencies of 1- to 3-grams per outlet x event and per outlet (event_id empty), for terms in at least two of the group's articles.",
	Key:  []string{"outlet", "event_id", "ngram_n", "term"},
})

// TermCounts returns the term_counts table of cs.
func TermCounts(cs []framelens.TermCount) Table {
	return termCountsTable.table(convert(cs, func(c framelens.TermCount) TermCountRow {
		return TermCountRow{Outlet: c.Outlet, EventID: c.EventID, NGram: int64(c.N), Term: c.Term,
			TF: int64(c.TF), DF: int64(c.DF), Tokens: int64(c.Tokens), Docs: int64(c.Docs)}
	}))
}

// A ComparisonRow is one row of the comparisons table.
type ComparisonRow struct {
	ComparisonID     string  `parquet:"comparison_id,dict" doc:"SCOPE/A/B: scope 'all' or an event id, group A an outlet, group B an outlet or 'rest'."`
	EventID          string  `parquet:"event_id,dict" doc:"Event of the scope; empty for all articles."`
	GroupA           string  `parquet:"group_a,dict" doc:"Outlet compared."`
	GroupB           string  `parquet:"group_b,dict" doc:"Outlet compared with, or 'rest' for all other outlets together."`
	Term             string  `parquet:"term" doc:"The n-gram, as in term_counts."`
	NGram            int64   `parquet:"ngram_n" doc:"N-gram order."`
	TFA              int64   `parquet:"tf_a" doc:"Occurrences in A."`
	TFB              int64   `parquet:"tf_b" doc:"Occurrences in B."`
	NA               int64   `parquet:"n_a" doc:"N-grams of the same order in A."`
	NB               int64   `parquet:"n_b" doc:"N-grams of the same order in B."`
	DFA              int64   `parquet:"df_a" doc:"Articles of A with the term."`
	DFB              int64   `parquet:"df_b" doc:"Articles of B with the term."`
	DocsA            int64   `parquet:"docs_a" doc:"Articles in A."`
	DocsB            int64   `parquet:"docs_b" doc:"Articles in B."`
	PriorAlpha       float64 `parquet:"prior_alpha_w" doc:"Dirichlet pseudo-count of the term: prior_alpha0 x its share of the pooled counts of the scope."`
	PriorAlpha0      float64 `parquet:"prior_alpha0" doc:"Size of the prior (sum of pseudo-counts over the vocabulary)."`
	PriorSource      string  `parquet:"prior_source,dict" doc:"How the prior was built: pooled (all outlets of the scope)."`
	Delta            float64 `parquet:"delta" doc:"Weighted log-odds ratio (Monroe, Colaresi & Quinn 2008), positive when the term is relatively more frequent in A."`
	Var              float64 `parquet:"var" doc:"Approximate variance of delta: 1/(tf_a+alpha_w) + 1/(tf_b+alpha_w)."`
	Zeta             float64 `parquet:"zeta" doc:"delta / sqrt(var); |zeta| > 1.96 is the paper's model-based significance."`
	G2               float64 `parquet:"g2_signed" doc:"4-term log-likelihood G2, signed by the direction of the difference."`
	P                float64 `parquet:"p" doc:"Chi-square(1) p-value of G2."`
	Q                float64 `parquet:"q_bh" doc:"Benjamini-Hochberg q-value over all terms tested in the comparison."`
	LogRatio         float64 `parquet:"log_ratio" doc:"Hardie's Log Ratio: log2 of the ratio of relative frequencies, 0.5 for a zero count."`
	Rank             int64   `parquet:"rank" doc:"Rank by zeta: 1 the most distinctive of A; -1 the most distinctive of B. Only the top terms of each end are stored."`
	MethodVersion    string  `parquet:"method_version,dict" doc:"Name of the keyness method and its defaults."`
	TokenizerVersion string  `parquet:"tokenizer_version,dict" doc:"Name of the tokenization rules."`
}

var comparisonsTable = define[ComparisonRow](spec{
	Name: "comparisons",
	Doc:  "Distinctive terms: each outlet against the rest (per event and overall) and chosen outlet pairs, with raw counts, prior, weighted log-odds, signed G2, BH q-value and log ratio; the top terms of each end of each comparison.",
	Key:  []string{"comparison_id", "rank"},
})

// Comparisons returns the comparisons table of ks.
func Comparisons(ks []framelens.KeyTerm) Table {
	return comparisonsTable.table(convert(ks, func(k framelens.KeyTerm) ComparisonRow {
		return ComparisonRow{ComparisonID: k.ComparisonID, EventID: k.EventID, GroupA: k.GroupA, GroupB: k.GroupB,
			Term: k.Term, NGram: int64(k.N), TFA: int64(k.TFA), TFB: int64(k.TFB), NA: int64(k.NA), NB: int64(k.NB),
			DFA: int64(k.DFA), DFB: int64(k.DFB), DocsA: int64(k.DocsA), DocsB: int64(k.DocsB),
			PriorAlpha: k.PriorAlpha, PriorAlpha0: k.PriorAlpha0, PriorSource: k.PriorSource,
			Delta: k.Delta, Var: k.Var, Zeta: k.Zeta, G2: k.G2, P: k.P, Q: k.Q, LogRatio: k.LogRatio,
			Rank: int64(k.Rank), MethodVersion: k.MethodVersion, TokenizerVersion: k.TokenizerVersion}
	}))
}

// A VariantHitRow is one row of the variant_hits table.
type VariantHitRow struct {
	ArticleID       string   `parquet:"article_id" doc:"Article of the hit."`
	Outlet          string   `parquet:"outlet,dict" doc:"Outlet of the article."`
	Events          []string `parquet:"events,list" parquet-element:",dict" doc:"Events the article covers (event_matches)."`
	Lexicon         string   `parquet:"lexicon,dict" doc:"variable (a lexical variable of the study) or hedge."`
	Variable        string   `parquet:"variable,dict" doc:"Variable id; for a hedge, the hedge's kind (adjective, adverb, evidential, construction)."`
	Variant         string   `parquet:"variant,dict" doc:"Variant id, or hedge id."`
	Pattern         string   `parquet:"pattern,dict" doc:"Lexicon pattern that matched."`
	Start           int64    `parquet:"start" doc:"Start of the hit (character offset into articles.text)."`
	End             int64    `parquet:"end" doc:"End (exclusive) of the hit."`
	Text            string   `parquet:"text" doc:"The hit as written."`
	Sentence        int64    `parquet:"sentence" doc:"0-based sentence index of the hit."`
	Voice           string   `parquet:"voice,dict" doc:"quoted (inside an attribution's content) or authorial (the outlet's own voice)."`
	Speaker         string   `parquet:"speaker" doc:"Quoted speaker's canonical name or expression; empty for authorial hits."`
	ActorID         string   `parquet:"actor_id,dict" doc:"Quoted speaker's study actor id; empty when unresolved or authorial."`
	Side            string   `parquet:"side,dict" doc:"Quoted speaker's side; empty for authorial hits."`
	AttributionKind string   `parquet:"attribution_kind,dict" doc:"Form of the attribution holding a quoted hit (direct, indirect, ...); empty for authorial hits."`
	QuoteMarks      bool     `parquet:"quote_marks" doc:"True when the hit lies between quotation marks."`
	ConcordanceID   string   `parquet:"concordance_id" doc:"The concordance line showing the hit (concordance.id)."`
}

var variantHitsTable = define[VariantHitRow](spec{
	Name: "variant_hits",
	Doc:  "Every hit of the study's lexical variables and hedges, with offsets and voice (quoted with speaker and side, or authorial).",
	Key:  []string{"article_id", "lexicon", "start"},
})

// VariantHits returns the variant_hits table of hs.
func VariantHits(hs []framelens.LexicalHit) Table {
	return variantHitsTable.table(convert(hs, func(h framelens.LexicalHit) VariantHitRow {
		return VariantHitRow{ArticleID: h.ArticleID, Outlet: h.Outlet, Events: h.Events, Lexicon: h.Lexicon,
			Variable: h.Variable, Variant: h.Variant, Pattern: h.Pattern,
			Start: int64(h.Span.Start), End: int64(h.Span.End), Text: h.Text, Sentence: int64(h.Sentence),
			Voice: h.Voice, Speaker: h.Speaker, ActorID: h.ActorID, Side: string(h.Side),
			AttributionKind: string(h.AttributionKind), QuoteMarks: h.QuoteMarks, ConcordanceID: h.ConcordanceID}
	}))
}

// A VariantShareRow is one row of the variant_table table.
type VariantShareRow struct {
	Outlet     string  `parquet:"outlet,dict" doc:"Outlet slug."`
	EventID    string  `parquet:"event_id,dict" doc:"Event of the scope; empty for all of the outlet's articles."`
	Lexicon    string  `parquet:"lexicon,dict" doc:"variable or hedge."`
	Variable   string  `parquet:"variable,dict" doc:"Variable id (hedge kind for hedges)."`
	Variant    string  `parquet:"variant,dict" doc:"Variant id (hedge id for hedges)."`
	Count      int64   `parquet:"count" doc:"Hits of the variant."`
	Total      int64   `parquet:"total" doc:"The outlet's hits of any variant of the variable in the scope."`
	Docs       int64   `parquet:"docs" doc:"Articles with the variant."`
	Authorial  int64   `parquet:"authorial" doc:"Hits in the outlet's own voice."`
	Proportion float64 `parquet:"proportion" doc:"count / total."`
	Low        float64 `parquet:"wilson_low" doc:"Lower bound of the 95 % Wilson interval of proportion."`
	High       float64 `parquet:"wilson_high" doc:"Upper bound of the 95 % Wilson interval."`
	Zeta       float64 `parquet:"zeta" doc:"Weighted log-odds z-score of the variant, outlet against all others, within the variable (0 when no other outlet used the variable)."`
	Alpha0     float64 `parquet:"prior_alpha0" doc:"Size of the pooled prior used for zeta."`
}

var variantTableTable = define[VariantShareRow](spec{
	Name: "variant_table",
	Doc:  "Outlet x variable x variant counts with proportions, Wilson intervals and within-variable zeta, per event and overall.",
	Key:  []string{"outlet", "event_id", "lexicon", "variable", "variant"},
})

// VariantTable returns the variant_table table of ss.
func VariantTable(ss []framelens.VariantShare) Table {
	return variantTableTable.table(convert(ss, func(s framelens.VariantShare) VariantShareRow {
		return VariantShareRow{Outlet: s.Outlet, EventID: s.EventID, Lexicon: s.Lexicon, Variable: s.Variable,
			Variant: s.Variant, Count: int64(s.Count), Total: int64(s.Total), Docs: int64(s.Docs),
			Authorial: int64(s.Authorial), Proportion: s.Proportion, Low: s.Low, High: s.High, Zeta: s.Zeta, Alpha0: s.Alpha0}
	}))
}

// A ConcordanceRow is one row of the concordance table.
type ConcordanceRow struct {
	ID        string   `parquet:"id" doc:"SOURCE:ARTICLE:START-END; equal to variant_hits.concordance_id for lexicon hits."`
	ArticleID string   `parquet:"article_id" doc:"Article of the line."`
	Outlet    string   `parquet:"outlet,dict" doc:"Outlet of the article."`
	Events    []string `parquet:"events,list" parquet-element:",dict" doc:"Events the article covers."`
	Source    string   `parquet:"source,dict" doc:"term (a top distinctive term), variable or hedge."`
	Key       string   `parquet:"key" doc:"The term, variable/variant, or hedge id; (source, key, outlet, an event in events) selects the lines behind a figure."`
	Start     int64    `parquet:"start" doc:"Start of the match (character offset into articles.text)."`
	End       int64    `parquet:"end" doc:"End (exclusive) of the match."`
	Left      string   `parquet:"left" doc:"Context before the match, within its paragraph."`
	Match     string   `parquet:"match" doc:"The match as written."`
	Right     string   `parquet:"right" doc:"Context after the match, within its paragraph."`
	Sentence  int64    `parquet:"sentence" doc:"0-based sentence index of the match."`
}

var concordanceTable = define[ConcordanceRow](spec{
	Name: "concordance",
	Doc:  "KWIC lines for every lexicon hit and every top distinctive term, so each figure can be read back in its sentences.",
	Key:  []string{"article_id", "start", "source", "key"},
})

// Concordance returns the concordance table of ls.
func Concordance(ls []framelens.ConcordanceLine) Table {
	return concordanceTable.table(convert(ls, func(l framelens.ConcordanceLine) ConcordanceRow {
		return ConcordanceRow{ID: l.ID, ArticleID: l.ArticleID, Outlet: l.Outlet, Events: l.Events, Source: l.Source,
			Key: l.Key, Start: int64(l.Span.Start), End: int64(l.Span.End), Left: l.Left, Match: l.Match,
			Right: l.Right, Sentence: int64(l.Sentence)}
	}))
}

// A ReusePairRow is one row of the reuse_pairs table.
type ReusePairRow struct {
	SrcID          string  `parquet:"src_article_id" doc:"Earlier article (the source)."`
	DstID          string  `parquet:"dst_article_id" doc:"Later article sharing its text."`
	SrcOutlet      string  `parquet:"src_outlet,dict" doc:"Outlet of the source."`
	DstOutlet      string  `parquet:"dst_outlet,dict" doc:"Outlet of the later article."`
	LagSeconds     int64   `parquet:"lag_seconds" doc:"Publication time of dst minus that of src, in seconds."`
	Shared         int64   `parquet:"shared_shingles" doc:"Word shingles the two share (boilerplate shingles excluded)."`
	ContainmentDst float64 `parquet:"containment_dst" doc:"shared / shingles of dst: how much of dst comes from src."`
	ContainmentSrc float64 `parquet:"containment_src" doc:"shared / shingles of src."`
	Jaccard        float64 `parquet:"jaccard" doc:"Jaccard similarity of the two shingle sets."`
	SrcStarts      []int64 `parquet:"src_starts,list" doc:"Start of each aligned passage in src (character offsets)."`
	SrcEnds        []int64 `parquet:"src_ends,list" doc:"End (exclusive) of each aligned passage in src."`
	DstStarts      []int64 `parquet:"dst_starts,list" doc:"Start of each aligned passage in dst."`
	DstEnds        []int64 `parquet:"dst_ends,list" doc:"End (exclusive) of each aligned passage in dst."`
	AlignedChars   int64   `parquet:"aligned_chars" doc:"Total length of the aligned passages in dst."`
	Coverage       float64 `parquet:"coverage" doc:"Share of dst's compared words inside aligned passages."`
	Class          string  `parquet:"class,dict" doc:"wholly_derived or partially_derived (METER)."`
	Agency         string  `parquet:"agency,dict" doc:"Agency credit found in dst (Reuters, TASS); empty when none."`
	Cluster        int64   `parquet:"cluster" doc:"reuse_clusters.cluster_id of the pair."`
}

var reusePairsTable = define[ReusePairRow](spec{
	Name: "reuse_pairs",
	Doc:  "Text reuse between articles of different outlets: containment, aligned passages and class, directed from the earlier article.",
	Key:  []string{"dst_article_id", "src_article_id"},
})

// ReusePairs returns the reuse_pairs table of ps.
func ReusePairs(ps []framelens.ReusePair) Table {
	return reusePairsTable.table(convert(ps, func(p framelens.ReusePair) ReusePairRow {
		r := ReusePairRow{SrcID: p.SrcID, DstID: p.DstID, SrcOutlet: p.SrcOutlet, DstOutlet: p.DstOutlet,
			LagSeconds: int64(p.Lag / time.Second), Shared: int64(p.Shared), ContainmentDst: p.ContainmentDst,
			ContainmentSrc: p.ContainmentSrc, Jaccard: p.Jaccard, AlignedChars: int64(p.AlignedChars),
			Coverage: p.Coverage, Class: p.Class, Agency: p.Agency, Cluster: int64(p.Cluster)}
		for _, s := range p.Spans {
			r.SrcStarts = append(r.SrcStarts, int64(s.Src.Start))
			r.SrcEnds = append(r.SrcEnds, int64(s.Src.End))
			r.DstStarts = append(r.DstStarts, int64(s.Dst.Start))
			r.DstEnds = append(r.DstEnds, int64(s.Dst.End))
		}
		return r
	}))
}

// A ReuseClusterRow is one row of the reuse_clusters table.
type ReuseClusterRow struct {
	ID      int64    `parquet:"cluster_id" doc:"Cluster number, in order of the source's publication."`
	Size    int64    `parquet:"size" doc:"Articles in the cluster."`
	Source  string   `parquet:"source_article_id" doc:"Earliest member."`
	Members []string `parquet:"members,list" doc:"Member article ids, earliest first."`
}

var reuseClustersTable = define[ReuseClusterRow](spec{
	Name: "reuse_clusters",
	Doc:  "Connected groups of articles linked by reuse, with the earliest member as source.",
	Key:  []string{"cluster_id"},
})

// ReuseClusters returns the reuse_clusters table of cs.
func ReuseClusters(cs []framelens.ReuseCluster) Table {
	return reuseClustersTable.table(convert(cs, func(c framelens.ReuseCluster) ReuseClusterRow {
		return ReuseClusterRow{ID: int64(c.ID), Size: int64(c.Size), Source: c.Source, Members: c.Members}
	}))
}

// A CoverageSummaryRow is one row of the coverage_summary table.
type CoverageSummaryRow struct {
	Outlet          string     `parquet:"outlet,dict" doc:"Outlet slug."`
	EventID         string     `parquet:"event_id,dict" doc:"Event; empty for all of the outlet's articles."`
	Articles        int64      `parquet:"articles" doc:"Articles of the outlet on the event (duplicates excluded)."`
	Words           int64      `parquet:"words" doc:"Body words of those articles."`
	FirstReport     *time.Time `parquet:"first_report,optional,timestamp(microsecond:utc)" doc:"Earliest publication time, UTC; NULL for the overall row or when unknown."`
	FirstLagSeconds *int64     `parquet:"first_lag_seconds,optional" doc:"Seconds from the event's start to the first report (negative: before); NULL when unknown."`
	Attributions    int64      `parquet:"attributions" doc:"Attributions in those articles."`
	VoiceSides      []string   `parquet:"voice_sides,list" parquet-element:",dict" doc:"Speakers' sides, most attributions first."`
	VoiceCounts     []int64    `parquet:"voice_counts,list" doc:"Attributions per side (same order)."`
	VoiceShares     []float64  `parquet:"voice_shares,list" doc:"Share of attributions per side (same order)."`
	TopTerms        []string   `parquet:"top_terms,list" doc:"Most distinctive terms against the other outlets, best first; concordance rows with source term and key = the term show them."`
	Variants        []string   `parquet:"variants,list" doc:"Most used variant of each lexical variable, as variable/variant; concordance rows with source variable and that key show them."`
	VariantShares   []float64  `parquet:"variant_shares,list" doc:"Proportion of each listed variant within its variable (same order)."`
	Hedges          int64      `parquet:"hedges" doc:"Hedge hits in those articles."`
	HedgesAuthorial int64      `parquet:"hedges_authorial" doc:"Hedge hits in the outlet's own voice."`
}

var coverageSummaryTable = define[CoverageSummaryRow](spec{
	Name: "coverage_summary",
	Doc:  "Per outlet x event (and per outlet overall): coverage, first report, share of voice by side, top distinctive terms and variant choices, each traceable to concordance rows.",
	Key:  []string{"outlet", "event_id"},
})

// CoverageSummary returns the coverage_summary table of ss.
func CoverageSummary(ss []framelens.CoverageSummary) Table {
	return coverageSummaryTable.table(convert(ss, func(s framelens.CoverageSummary) CoverageSummaryRow {
		r := CoverageSummaryRow{Outlet: s.Outlet, EventID: s.EventID, Articles: int64(s.Articles), Words: int64(s.Words),
			FirstReport: timePtr(s.FirstReport), Attributions: int64(s.Attributions), TopTerms: s.TopTerms,
			Variants: s.Variants, VariantShares: s.VariantShares, Hedges: int64(s.Hedges), HedgesAuthorial: int64(s.HedgesAuthorial)}
		if !s.FirstReport.IsZero() {
			lag := int64(s.FirstLag / time.Second)
			r.FirstLagSeconds = &lag
		}
		for _, v := range s.Voices {
			r.VoiceSides = append(r.VoiceSides, string(v.Side))
			r.VoiceCounts = append(r.VoiceCounts, int64(v.Count))
			r.VoiceShares = append(r.VoiceShares, v.Share)
		}
		return r
	}))
}
