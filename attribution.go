package framelens

// A Span is a half-open range [Start, End) of Unicode code points
// (characters, not bytes) in Article.Text. The zero Span is empty; a Span
// with Start == End == -1 means "absent" (see NoSpan).
type Span struct {
	Start int
	End   int
}

// NoSpan marks a part of a finding that has no place in the text, such as the
// speaker of an agentless attribution.
var NoSpan = Span{-1, -1}

// Valid reports whether s is a present, well-formed span.
func (s Span) Valid() bool { return s.Start >= 0 && s.End >= s.Start }

// Len returns the number of characters in s, or 0 if s is absent.
func (s Span) Len() int {
	if !s.Valid() {
		return 0
	}
	return s.End - s.Start
}

// Overlap returns the number of characters s and t share.
func (s Span) Overlap(t Span) int {
	if !s.Valid() || !t.Valid() {
		return 0
	}
	lo, hi := max(s.Start, t.Start), min(s.End, t.End)
	if hi <= lo {
		return 0
	}
	return hi - lo
}

// VerbClass is the class of a reporting verb in the codebook's scheme
// (shared/notes/attribution.md §4.1): what the verb says about the writer's
// stance toward the reported speech, or what speech act it reports.
type VerbClass string

// The reporting-verb classes.
const (
	Neutral     VerbClass = "neutral"     // say, tell, state, according to
	Emphatic    VerbClass = "emphatic"    // stress, underline, insist
	Distancing  VerbClass = "distancing"  // claim, allege, purport
	Endorsing   VerbClass = "endorsing"   // point out, confirm, reveal
	Concessive  VerbClass = "concessive"  // admit, concede
	Denial      VerbClass = "denial"      // deny, reject, dismiss
	Conflictual VerbClass = "conflictual" // accuse, blame, condemn, warn
	Directive   VerbClass = "directive"   // urge, call on, demand
	Commissive  VerbClass = "commissive"  // promise, vow, threaten
	Belief      VerbClass = "belief"      // believe, think, expect
	Discourse   VerbClass = "discourse"   // add, continue, recall
	Mediated    VerbClass = "mediated"    // quote as saying, cite
)

// VerbClasses lists every class in a fixed order, for reports and validation.
var VerbClasses = []VerbClass{Neutral, Emphatic, Distancing, Endorsing, Concessive,
	Denial, Conflictual, Directive, Commissive, Belief, Discourse, Mediated}

// AttributionKind is the grammatical form of an attribution.
type AttributionKind string

// The attribution kinds.
const (
	// Direct: the content is inside quotation marks.
	Direct AttributionKind = "direct"
	// Indirect: paraphrase, "X said (that) ...".
	Indirect AttributionKind = "indirect"
	// Mixed: paraphrase with a quoted fragment.
	Mixed AttributionKind = "mixed"
	// AccordingTo: "according to X, ...".
	AccordingTo AttributionKind = "according_to"
	// Headline: "Lavrov: ..." or "... — Pompeo" in a title.
	Headline AttributionKind = "headline"
	// Agentless: "it was stressed that ..." with no speaker in the text.
	Agentless AttributionKind = "agentless"
)

// SpeakerKind says what kind of expression names the speaker.
type SpeakerKind string

// The speaker kinds.
const (
	SpeakerPerson       SpeakerKind = "person"
	SpeakerOrganization SpeakerKind = "organization"
	SpeakerPlace        SpeakerKind = "place" // metonym: "Moscow said"
	SpeakerPronoun      SpeakerKind = "pronoun"
	SpeakerEpithet      SpeakerKind = "epithet" // "the diplomat said"
	SpeakerAnonymous    SpeakerKind = "anonymous"
	SpeakerDocument     SpeakerKind = "document" // "the statement said"
	SpeakerImplicit     SpeakerKind = "implicit" // no speaker in the text
)

// An Attribution is one act of reported speech found in an article.
// All spans are character offsets in the article's Text.
type Attribution struct {
	ArticleID string
	// Sentence is the 0-based index of the sentence that holds the cue.
	Sentence int
	Kind     AttributionKind

	// Cue is the reporting expression as written ("said", "according to").
	Cue      Span
	CueText  string
	CueLemma string
	CueClass VerbClass
	// Negated is set when the cue is negated ("did not deny").
	Negated bool

	// Speaker is the span of the speaker expression, NoSpan when implicit.
	Speaker     Span
	SpeakerText string
	SpeakerKind SpeakerKind
	// ActorID and SpeakerName are the resolved actor, empty when unresolved.
	ActorID     string
	SpeakerName string
	// Side is the resolved speaker's side; SideUnknown when unresolved.
	Side Side
	// Via is the mediating outlet or person ("Sputnik" in "told Sputnik").
	Via string

	// Content is the span of what is attributed; for direct speech it
	// excludes the quotation marks.
	Content     Span
	ContentText string
	// Confidence is the analyzer's confidence in [0, 1].
	Confidence float64
}

// A VoiceShare is one row of the voice table: how much voice one side gets in
// one outlet's coverage (of one event, when Event is set), overall or with one
// class of reporting verb (shared/notes/attribution.md §8).
type VoiceShare struct {
	Outlet string
	// Event is the study event id, or "" for all of the outlet's articles.
	Event string
	Side  Side
	// CueClass is the verb class, or "" for all classes together.
	CueClass VerbClass
	// Attributions is the number of attributions; Direct the number of them
	// in quotation marks.
	Attributions int
	Direct       int
	// ContentWords is the number of words of attributed content.
	ContentWords int
	// Total and TotalWords are the outlet's (and event's) attributions and
	// content words over all sides, the denominators of the shares.
	Total      int
	TotalWords int
	// Share is Attributions/Total, with its 95 % Wilson score interval
	// [ShareLow, ShareHigh]; WordShare is ContentWords/TotalWords.
	Share     float64
	ShareLow  float64
	ShareHigh float64
	WordShare float64
}
