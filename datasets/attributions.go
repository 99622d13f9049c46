package datasets

import (
	"time"

	"github.com/framelens/framelens"
)

// An AttributionRow is one row of the attributions table: one act of
// reported speech. Spans are character (code point) offsets into the text
// column of the articles row with the same article_id, so in Python
// text[cue_start:cue_end] == cue_text.
type AttributionRow struct {
	ArticleID    string     `parquet:"article_id" doc:"Article the attribution is in (articles.article_id)."`
	Outlet       string     `parquet:"outlet,dict" doc:"Outlet of the article (copied from articles for convenience)."`
	PublishedAt  *time.Time `parquet:"published_at,optional,timestamp(microsecond:utc)" doc:"Publication time of the article, UTC (copied from articles); NULL when unknown."`
	Sentence     int64      `parquet:"sentence" doc:"0-based index of the sentence that holds the cue."`
	Kind         string     `parquet:"kind,dict" doc:"Grammatical form: direct, indirect, mixed, according_to, headline, agentless."`
	CueStart     int64      `parquet:"cue_start" doc:"Start of the reporting expression (character offset into articles.text)."`
	CueEnd       int64      `parquet:"cue_end" doc:"End (exclusive) of the reporting expression."`
	CueText      string     `parquet:"cue_text" doc:"Reporting expression as written (said, according to)."`
	CueLemma     string     `parquet:"cue_lemma,dict" doc:"Lemma of the reporting verb (say, claim)."`
	CueClass     string     `parquet:"cue_class,dict" doc:"Verb class (codebook §4.1): neutral, emphatic, distancing, endorsing, concessive, denial, conflictual, directive, commissive, belief, discourse, mediated."`
	Negated      bool       `parquet:"negated" doc:"True when the cue is negated (did not deny)."`
	SpeakerStart *int64     `parquet:"speaker_start,optional" doc:"Start of the speaker expression; NULL when the speaker is implicit."`
	SpeakerEnd   *int64     `parquet:"speaker_end,optional" doc:"End (exclusive) of the speaker expression; NULL when implicit."`
	SpeakerText  string     `parquet:"speaker_text" doc:"Speaker expression as written; empty when implicit."`
	SpeakerKind  string     `parquet:"speaker_kind,dict" doc:"What names the speaker: person, organization, place, pronoun, epithet, anonymous, document, implicit."`
	ActorID      string     `parquet:"actor_id,dict" doc:"Resolved actor (study actor id); empty when unresolved."`
	SpeakerName  string     `parquet:"speaker_name,dict" doc:"Canonical name of the resolved actor; empty when unresolved."`
	Side         string     `parquet:"side,dict" doc:"Side of the resolved speaker: russia, us, nato, europe, china, other, unknown."`
	Via          string     `parquet:"via,dict" doc:"Mediating outlet or person (Sputnik in told Sputnik); empty when none."`
	ContentStart *int64     `parquet:"content_start,optional" doc:"Start of the attributed content (quotation marks excluded for direct speech); NULL when absent."`
	ContentEnd   *int64     `parquet:"content_end,optional" doc:"End (exclusive) of the attributed content; NULL when absent."`
	ContentText  string     `parquet:"content_text" doc:"The attributed content as written."`
	Confidence   float64    `parquet:"confidence" doc:"The analyzer's confidence in [0, 1]."`
}

var attributionsTable = define[AttributionRow](spec{
	Name: "attributions",
	Doc: "One row per act of reported speech (codebook §4), sorted by article, sentence and cue. " +
		"Join to articles on article_id; spans index articles.text.",
	Key: []string{"article_id", "sentence", "cue_start"},
})

// Attributions returns the attributions table of as. The articles supply
// each row's outlet and published_at; an attribution whose article is not
// among them gets an empty outlet and a NULL published_at.
func Attributions(as []framelens.Attribution, articles []framelens.Article) Table {
	byID := make(map[string]*framelens.Article, len(articles))
	for i := range articles {
		byID[articles[i].ID] = &articles[i]
	}
	return attributionsTable.table(convert(as, func(a framelens.Attribution) AttributionRow {
		r := attributionRow(a)
		if art := byID[a.ArticleID]; art != nil {
			r.Outlet = art.Outlet
			r.PublishedAt = timePtr(art.Published)
		}
		return r
	}))
}

// ReadAttributions reads an attributions table (see ReadArticles for what
// path may be).
func ReadAttributions(path string) ([]framelens.Attribution, error) {
	rows, err := readRows[AttributionRow](path, attributionsTable.def)
	if err != nil {
		return nil, err
	}
	return convert(rows, AttributionRow.attribution), nil
}

func attributionRow(a framelens.Attribution) AttributionRow {
	r := AttributionRow{
		ArticleID:   a.ArticleID,
		Sentence:    int64(a.Sentence),
		Kind:        string(a.Kind),
		CueText:     a.CueText,
		CueLemma:    a.CueLemma,
		CueClass:    string(a.CueClass),
		Negated:     a.Negated,
		SpeakerText: a.SpeakerText,
		SpeakerKind: string(a.SpeakerKind),
		ActorID:     a.ActorID,
		SpeakerName: a.SpeakerName,
		Side:        string(a.Side),
		Via:         a.Via,
		ContentText: a.ContentText,
		Confidence:  a.Confidence,
	}
	r.CueStart, r.CueEnd = int64(a.Cue.Start), int64(a.Cue.End)
	r.SpeakerStart, r.SpeakerEnd = spanPtrs(a.Speaker)
	r.ContentStart, r.ContentEnd = spanPtrs(a.Content)
	return r
}

func (r AttributionRow) attribution() framelens.Attribution {
	return framelens.Attribution{
		ArticleID:   r.ArticleID,
		Sentence:    int(r.Sentence),
		Kind:        framelens.AttributionKind(r.Kind),
		Cue:         framelens.Span{Start: int(r.CueStart), End: int(r.CueEnd)},
		CueText:     r.CueText,
		CueLemma:    r.CueLemma,
		CueClass:    framelens.VerbClass(r.CueClass),
		Negated:     r.Negated,
		Speaker:     spanOf(r.SpeakerStart, r.SpeakerEnd),
		SpeakerText: r.SpeakerText,
		SpeakerKind: framelens.SpeakerKind(r.SpeakerKind),
		ActorID:     r.ActorID,
		SpeakerName: r.SpeakerName,
		Side:        framelens.Side(r.Side),
		Via:         r.Via,
		Content:     spanOf(r.ContentStart, r.ContentEnd),
		ContentText: r.ContentText,
		Confidence:  r.Confidence,
	}
}

// spanPtrs maps an absent span (framelens.NoSpan, or any invalid span) to
// two NULLs.
func spanPtrs(s framelens.Span) (start, end *int64) {
	if !s.Valid() {
		return nil, nil
	}
	a, b := int64(s.Start), int64(s.End)
	return &a, &b
}

// spanOf is the inverse of spanPtrs.
func spanOf(start, end *int64) framelens.Span {
	if start == nil || end == nil {
		return framelens.NoSpan
	}
	return framelens.Span{Start: int(*start), End: int(*end)}
}
