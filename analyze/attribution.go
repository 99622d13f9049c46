package analyze

import (
	"sort"
	"strings"

	"github.com/framelens/framelens"
)

// Attributions finds who is quoted or paraphrased, with which reporting verb,
// in every article: one framelens.Attribution per (speaker, cue, content)
// triple as CODEBOOK.md §2-3 defines it, and the share of voice per outlet,
// side and verb class (voice.go). Its result is an *AttributionResult.
var Attributions = &Analyzer{
	Name: "attributions",
	Doc: "attributions: direct, indirect, mixed, according-to, headline and agentless reported speech with " +
		"speaker, side, reporting verb and class (CODEBOOK.md §2-3); voice: share of attributions and content " +
		"words per outlet, side and verb class",
	Requires: []*Analyzer{Events},
	Run:      runAttributions,
}

// An AttributionResult is the result of the Attributions analyzer.
type AttributionResult struct {
	// Attributions are ordered by article (input order) and content start.
	Attributions []framelens.Attribution
	// Voice summarises the attributions per outlet (see Voice).
	Voice []framelens.VoiceShare
}

func runAttributions(pass *Pass) (any, error) {
	x := NewAttributionExtractor(pass.Study)
	res := &AttributionResult{}
	for i := range pass.Articles {
		a := &pass.Articles[i]
		res.Attributions = x.Extract(res.Attributions, a.ID, a.Text)
	}
	events, _ := pass.ResultOf[Events].(*EventAlignment)
	res.Voice = Voice(pass.Articles, res.Attributions, events)
	return res, nil
}

// An AttributionExtractor finds attributions in article texts for one study.
// It keeps buffers between calls, so it is not safe for concurrent use; make
// one per goroutine.
type AttributionExtractor struct {
	cues *cueLexicon
	spk  *speakerIndex

	// Per-article state, reused between articles.
	text     string
	sents    []Sentence
	toks     []atTok
	sentTok  []int // first token of each sentence; len(sents)+1 entries
	quotes   []quotePiece
	mentions []mention
	raw      []rawAttr
	hist     []histEntry
	usedCue  map[int]bool // token index of cues already consumed
	// titleEnd is the byte offset where the title line ends; titleCase is
	// set when the title capitalises most words ("Gorbachev Says ...").
	titleEnd  int
	titleCase bool
	// curClass is the class of the cue being attached.
	curClass framelens.VerbClass
}

type histEntry struct {
	pos int
	ref speakerRef
}

// rawAttr is an attribution with byte spans, before conversion.
type rawAttr struct {
	sent    int
	kind    framelens.AttributionKind
	cue     [2]int
	cueText string
	lemma   string
	class   framelens.VerbClass
	negated bool
	spk     speakerRef
	via     string
	content [2]int
	conf    float64
}

// NewAttributionExtractor compiles the study's reporting verbs and actors.
func NewAttributionExtractor(study *framelens.Study) *AttributionExtractor {
	var verbs []framelens.ReportingVerb
	if study != nil {
		verbs = study.Lexicons.ReportingVerbs
	}
	return &AttributionExtractor{cues: newCueLexicon(verbs), spk: newSpeakerIndex(study), usedCue: make(map[int]bool)}
}

// Extract appends the attributions found in text (an Article.Text: title, a
// blank line, paragraphs separated by blank lines) to dst, with articleID set
// and spans in characters, ordered by content start.
func (x *AttributionExtractor) Extract(dst []framelens.Attribution, articleID, text string) []framelens.Attribution {
	x.prepare(text)
	for s := range x.sents {
		for i := x.sentTok[s]; i < x.sentTok[s+1]; i++ {
			if x.usedCue[i] {
				continue
			}
			// Reporting verbs are lower-case except at the start of a
			// sentence ("According to ...", "Says ...").
			if x.toks[i].upper && i != x.sentTok[s] && !(x.titleCase && x.toks[i].end <= x.titleEnd) {
				continue
			}
			if f, n, ok := x.cues.match(x.toks, i); ok {
				if x.cue(i, n, f) {
					for k := i; k < i+n; k++ {
						x.usedCue[k] = true
					}
				}
				i += n - 1
			}
		}
	}
	x.headline()
	x.colonTurns()
	x.continuations()
	sort.SliceStable(x.raw, func(i, j int) bool { return x.raw[i].content[0] < x.raw[j].content[0] })
	ix := framelens.NewRuneIndex(text)
	for _, r := range x.raw {
		a := framelens.Attribution{
			ArticleID:   articleID,
			Sentence:    r.sent,
			Kind:        r.kind,
			Cue:         framelens.NoSpan,
			CueText:     r.cueText,
			CueLemma:    r.lemma,
			CueClass:    r.class,
			Negated:     r.negated,
			Speaker:     framelens.NoSpan,
			SpeakerText: r.spk.text,
			SpeakerKind: r.spk.kind,
			Side:        r.spk.side,
			Via:         r.via,
			Content:     ix.Span(r.content[0], r.content[1]),
			ContentText: text[r.content[0]:r.content[1]],
			Confidence:  r.conf,
		}
		if r.cue[1] > r.cue[0] {
			a.Cue = ix.Span(r.cue[0], r.cue[1])
		}
		if r.spk.span[0] >= 0 && r.spk.span[1] > r.spk.span[0] {
			a.Speaker = ix.Span(r.spk.span[0], r.spk.span[1])
		}
		if r.spk.actor >= 0 {
			act := x.spk.actors[r.spk.actor]
			a.ActorID, a.SpeakerName = act.ID, act.Name
		}
		if a.Side == "" {
			a.Side = framelens.SideUnknown
		}
		dst = append(dst, a)
	}
	return dst
}

func (x *AttributionExtractor) prepare(text string) {
	x.text = text
	x.sents = AppendSentences(x.sents[:0], text)
	x.toks = x.toks[:0]
	x.sentTok = x.sentTok[:0]
	for i, s := range x.sents {
		x.sentTok = append(x.sentTok, len(x.toks))
		x.toks = atTokenize(x.toks, text, s.Start, s.End, i)
	}
	x.sentTok = append(x.sentTok, len(x.toks))
	x.quotes = findQuotes(x.quotes[:0], text)
	// Mark the quotation marks among the tokens (both lists are sorted).
	q := 0
	for i := range x.toks {
		t := &x.toks[i]
		if t.kind != atPunct {
			continue
		}
		for q < len(x.quotes) && x.quotes[q].close < t.start && x.quotes[q].open < t.start {
			q++
		}
		for k := q; k < len(x.quotes) && x.quotes[k].open <= t.start; k++ {
			switch {
			case x.quotes[k].open == t.start:
				t.kind, t.quote = atQuoteOpen, k
			case x.quotes[k].closed && x.quotes[k].close == t.start:
				t.kind, t.quote = atQuoteClose, k
			}
		}
	}
	x.titleEnd = strings.IndexByte(text, '\n')
	if x.titleEnd < 0 {
		x.titleEnd = len(text)
	}
	words, upper := 0, 0
	for _, t := range x.toks {
		if t.end > x.titleEnd {
			break
		}
		if t.kind == atWord {
			words++
			if t.upper {
				upper++
			}
		}
	}
	x.titleCase = words >= 4 && upper*10 >= words*7
	x.mentions = x.spk.findMentions(x.mentions[:0], text, x.toks)
	x.raw = x.raw[:0]
	x.hist = x.hist[:0]
	clear(x.usedCue)
}

// sentRange returns the token range of the sentence holding token i.
func (x *AttributionExtractor) sentRange(i int) (int, int) {
	s := x.toks[i].sent
	return x.sentTok[s], x.sentTok[s+1]
}

func (x *AttributionExtractor) word(i int) string {
	if i < 0 || i >= len(x.toks) || x.toks[i].kind != atWord {
		return ""
	}
	return x.toks[i].lower
}

// emit records an attribution and remembers its speaker for pronouns.
func (x *AttributionExtractor) emit(r rawAttr) {
	if r.content[1] <= r.content[0] {
		return
	}
	if r.lemma == "" && r.kind != framelens.Headline {
		r.lemma = strings.ToLower(r.cueText)
	}
	x.raw = append(x.raw, r)
	if r.spk.kind != framelens.SpeakerImplicit && r.spk.kind != framelens.SpeakerDocument {
		x.hist = append(x.hist, histEntry{r.cue[0], r.spk})
	}
}

// quoteGroup returns the pieces of the quotation that piece q belongs to.
func (x *AttributionExtractor) quoteGroup(q int) []int {
	g := x.quotes[q].group
	var out []int
	for k := g; k < len(x.quotes); k++ {
		if x.quotes[k].group == g {
			out = append(out, k)
		} else if k > q {
			break
		}
	}
	return out
}

// emitDirect records one direct attribution per piece of the quotation
// holding piece q.
func (x *AttributionExtractor) emitDirect(base rawAttr, q int) {
	for _, k := range x.quoteGroup(q) {
		p := &x.quotes[k]
		if p.used {
			continue
		}
		p.used = true
		r := base
		r.kind = framelens.Direct
		r.content = trimSpan(x.text, p.contentStart(x.text), p.contentEnd())
		// A comma before the closing mark belongs to the sentence, not the
		// quotation ('"We will respond," he said').
		for r.content[1] > r.content[0] && (x.text[r.content[1]-1] == ',' || isSpaceByte(x.text[r.content[1]-1])) {
			r.content[1]--
		}
		x.emit(r)
	}
}

// trimSpan trims white space from both ends of text[start:end].
func trimSpan(text string, start, end int) [2]int {
	for start < end && isSpaceByte(text[start]) {
		start++
	}
	for end > start && isSpaceByte(text[end-1]) {
		end--
	}
	return [2]int{start, end}
}
