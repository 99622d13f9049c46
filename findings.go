package framelens

import "time"

// This file holds the findings of the wording analyzers (analyze/events.go,
// terms.go, keyness.go, lexical.go, concordance.go, reuse.go, summary.go):
// plain rows, so that datasets can turn each slice into a table. Every row
// carries the keys that tie it to the articles and to the concordance.

// An EventMatch says that an article covers a study event, with the score
// and the evidence behind the decision.
type EventMatch struct {
	ArticleID string
	Outlet    string
	EventID   string
	// Score is the alignment score; matches below the analyzer's threshold
	// are not reported. Higher is surer; it is not a probability.
	Score float64
	// DaysAfter is the number of calendar days from the event's day to the
	// article's publication day, both in the event's time zone (negative
	// for an article published before the event).
	DaysAfter int
	// Evidence lists what was found, each as "kind:value": "date:+1",
	// "title:ultimatum", "keyword:60 days", "alias:the 60-day deadline",
	// "actor:pompeo".
	Evidence []string
}

// A TermCount is the frequency of one n-gram in one group of articles: an
// outlet's coverage of one event, or (EventID "") all of its articles.
type TermCount struct {
	Outlet  string
	EventID string
	// N is the n-gram order (1 to 3); Term is the n-gram's tokens in their
	// matching form, joined by single spaces.
	N    int
	Term string
	// TF is the number of occurrences, DF the number of articles with at
	// least one.
	TF int
	DF int
	// Tokens and Docs are the group's totals of countable tokens (at the
	// same n-gram order: the number of n-grams) and of articles.
	Tokens int
	Docs   int
}

// A KeyTerm is one row of a keyness comparison between group A (an outlet)
// and group B (another outlet, or "rest" for all other outlets together),
// within one event or (EventID "") over all articles. It stores the raw
// counts and the prior, so that every statistic can be recomputed
// (shared/notes/wording.md §6, "comparisons").
type KeyTerm struct {
	// ComparisonID is "EVENT/A/B" with "all" for the overall comparison.
	ComparisonID string
	EventID      string
	GroupA       string
	GroupB       string
	Term         string
	N            int
	// TFA, TFB: occurrences; NA, NB: tokens (n-grams of order N) in each
	// group; DFA, DFB: articles with the term; DocsA, DocsB: articles.
	TFA, TFB     int
	NA, NB       int
	DFA, DFB     int
	DocsA, DocsB int
	// PriorAlpha is the term's Dirichlet pseudo-count αw, PriorAlpha0 the
	// prior's total α0, PriorSource how it was built ("pooled").
	PriorAlpha  float64
	PriorAlpha0 float64
	PriorSource string
	// Delta, Var and Zeta are Monroe, Colaresi & Quinn's (2008) weighted
	// log-odds, its variance and z-score, positive when the term is
	// relatively more frequent in A.
	Delta float64
	Var   float64
	Zeta  float64
	// G2 is the signed 4-term log-likelihood, P its chi-square(1) p-value,
	// Q the Benjamini–Hochberg q-value over the comparison's vocabulary, and
	// LogRatio Hardie's log2 ratio of relative frequencies.
	G2       float64
	P        float64
	Q        float64
	LogRatio float64
	// Rank is the term's rank by Zeta within the comparison, 1 the most
	// distinctive of A; negative ranks count from the B end (-1 the most
	// distinctive of B). Positive ranks go only to terms with Zeta > 0,
	// negative ones only to terms with Zeta < 0.
	Rank int
	// MethodVersion and TokenizerVersion name the rules used.
	MethodVersion    string
	TokenizerVersion string
}

// Voices of a lexical hit.
const (
	VoiceQuoted    = "quoted"    // inside the content of an attribution
	VoiceAuthorial = "authorial" // in the outlet's own voice
)

// A LexicalHit is one match of the study's lexicons in an article: a
// variant of a lexical variable, or a hedge.
type LexicalHit struct {
	ArticleID string
	Outlet    string
	// Events are the IDs of the events the article covers (EventMatch).
	Events []string
	// Lexicon is "variable" or "hedge". Variable is the variable's ID (for a
	// hedge, the hedge's kind); Variant is the variant's (or hedge's) ID;
	// Pattern the lexicon pattern that matched.
	Lexicon  string
	Variable string
	Variant  string
	Pattern  string
	// Span is where the match lies in Article.Text; Text is the matched
	// text as written.
	Span Span
	Text string
	// Sentence is the 0-based index of the sentence holding the match.
	Sentence int
	// Voice is VoiceQuoted or VoiceAuthorial. For a quoted hit, Speaker,
	// ActorID and Side describe who is quoted and AttributionKind how
	// (direct, indirect, ...); QuoteMarks is set when the hit lies inside
	// quotation marks.
	Voice           string
	Speaker         string
	ActorID         string
	Side            Side
	AttributionKind AttributionKind
	QuoteMarks      bool
	// ConcordanceID is the ID of the concordance line that shows the hit.
	ConcordanceID string
}

// A VariantShare is the use of one variant of a lexical variable (or one
// hedge) by one outlet, in one event's coverage or (EventID "") overall.
type VariantShare struct {
	Outlet   string
	EventID  string
	Lexicon  string
	Variable string
	Variant  string
	// Count is the number of hits of the variant; Total the outlet's hits
	// of any variant of the variable; Docs the number of articles with the
	// variant. Authorial counts the hits in the outlet's own voice.
	Count     int
	Total     int
	Docs      int
	Authorial int
	// Proportion = Count/Total with its 95 % Wilson interval.
	Proportion float64
	Low, High  float64
	// Zeta is the weighted log-odds z-score of the variant for this outlet
	// against all other outlets within the variable (informative prior from
	// the pooled variant counts, size Alpha0); 0 when there is nothing to
	// contrast (a single outlet, or a variant with every pooled hit).
	Zeta   float64
	Alpha0 float64
}

// A ConcordanceLine is one KWIC line: a match with its left and right
// context, so that a figure can be read back in its sentences.
type ConcordanceLine struct {
	// ID is "SOURCE:ARTICLE:START-END" with character offsets: stable
	// across runs, and equal to LexicalHit.ConcordanceID for lexicon hits.
	ID        string
	ArticleID string
	Outlet    string
	Events    []string
	// Source is "term", "variable" or "hedge"; Key is the term, the
	// "variable/variant" or the hedge ID. (Source, Key, Outlet, an event in
	// Events) selects the lines behind a summary figure.
	Source string
	Key    string
	Span   Span
	Left   string
	Match  string
	Right  string
	// Sentence is the 0-based sentence index of the match.
	Sentence int
}

// Reuse classes (METER: Clough et al. 2002).
const (
	ReuseWholly    = "wholly_derived"
	ReusePartially = "partially_derived"
)

// A ReusePair says that article Dst (published later) shares text with
// article Src of another outlet.
type ReusePair struct {
	SrcID, DstID         string
	SrcOutlet, DstOutlet string
	// Lag is Dst's publication time minus Src's.
	Lag time.Duration
	// Shared is the number of word shingles the two have in common;
	// ContainmentDst = Shared/|S(Dst)| (how much of Dst comes from Src),
	// ContainmentSrc = Shared/|S(Src)|, Jaccard over both shingle sets.
	Shared         int
	ContainmentDst float64
	ContainmentSrc float64
	Jaccard        float64
	// Spans are the aligned passages; AlignedChars is their total length in
	// Dst and Coverage the share of Dst's compared text they cover.
	Spans        []ReuseSpan
	AlignedChars int
	Coverage     float64
	// Class is ReuseWholly or ReusePartially.
	Class string
	// Agency is the agency credit found in Dst ("Reuters", "TASS"), if any.
	Agency string
	// Cluster is the ID of the ReuseCluster holding both articles.
	Cluster int
}

// A ReuseSpan is one aligned passage: Src and Dst are character spans in
// each article's Text.
type ReuseSpan struct {
	Src Span
	Dst Span
}

// A ReuseCluster is a connected group of articles linked by reuse; Source
// is the earliest member.
type ReuseCluster struct {
	ID      int
	Size    int
	Source  string
	Members []string
}

// A SideShare is the share of attributions whose speaker is on one side.
type SideShare struct {
	Side  Side
	Count int
	Share float64
}

// A CoverageSummary describes one outlet's coverage of one event: how much,
// how soon, whose voices and which words. Every figure can be traced to the
// concordance: TopTerms are selected by (Source "term", Key, Outlet, EventID)
// and Variants by (Source "variable", Key "variable/variant", ...).
type CoverageSummary struct {
	Outlet  string
	EventID string
	// Articles and Words count the outlet's articles of the event
	// (duplicates excluded) and their body words.
	Articles int
	Words    int
	// FirstReport is the earliest publication time; FirstLag the time from
	// the event's start to it (negative if the outlet reported before).
	FirstReport time.Time
	FirstLag    time.Duration
	// Attributions is the number of attributions in those articles and
	// Voices their shares by the speaker's side, largest first.
	Attributions int
	Voices       []SideShare
	// TopTerms are the outlet's most distinctive terms for the event (by
	// zeta against the other outlets), best first.
	TopTerms []string
	// Variants are the outlet's most used variant of each lexical variable
	// it used, as "variable/variant", in the study's variable order, with
	// VariantShares the proportions (same order).
	Variants      []string
	VariantShares []float64
	// Hedges is the number of hedge hits, HedgesAuthorial those in the
	// outlet's own voice.
	Hedges          int
	HedgesAuthorial int
}
