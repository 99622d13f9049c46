package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/framelens/framelens"
)

// This file holds the word-level view of a text that the attribution rules
// read: tokens with byte offsets, and the reporting-verb matcher compiled from
// the study's lexicon (Lexicons.ReportingVerbs). Nothing here names a study's
// actors; the fixed word lists are general English grammar.

type atKind uint8

const (
	atWord atKind = iota
	atPunct
	atQuoteOpen
	atQuoteClose
)

// An atTok is one token of an article: a word or a punctuation character.
type atTok struct {
	start, end int // byte offsets in the text
	kind       atKind
	upper      bool   // begins with an upper-case letter
	lower      string // lower-cased text (words) or the character (punctuation)
	sent       int    // sentence index
	quote      int    // index of the quote piece for quote marks, else -1
}

// atTokenize appends the tokens of text[start:end] to dst. Words are runs of
// letters and digits joined by inner hyphens, apostrophes, dots and
// ampersands ("so-called", "Russia's", "U.S.", "9M729").
func atTokenize(dst []atTok, text string, start, end, sent int) []atTok {
	i := start
	for i < end {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:end])
		}
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if !isWordRune(r) {
			dst = append(dst, atTok{start: i, end: i + size, kind: atPunct, lower: text[i : i+size], sent: sent, quote: -1})
			i += size
			continue
		}
		j := i + size
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r2) {
				j += s2
				continue
			}
			if r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' || r2 == '&' {
				if r3, s3 := utf8.DecodeRuneInString(text[j+s2 : end]); j+s2 < end && isWordRune(r3) {
					j += s2 + s3
					continue
				}
				// Keep the final dot of a dotted abbreviation ("U.S.").
				if r2 == '.' && strings.IndexByte(text[i:j], '.') >= 0 {
					j += s2
				}
			}
			break
		}
		w := text[i:j]
		dst = append(dst, atTok{start: i, end: j, kind: atWord, upper: unicode.IsUpper(r), lower: strings.ToLower(w), sent: sent, quote: -1})
		i = j
	}
	return dst
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// A cueForm is one surface form of a reporting verb, as lower-case words.
type cueForm struct {
	words []string
	lemma string
	class framelens.VerbClass
	// ing marks participles ("saying", "adding"); docOnly marks cues that
	// only documents take ("the declaration reads").
	ing, docOnly bool
}

// A cueLexicon finds reporting-verb forms in a token stream.
type cueLexicon struct {
	byFirst map[string][]cueForm // longest forms first
}

// Extra cues every study gets: documents "read", and "according to" when a
// lexicon lacks it. They are grammar, not study vocabulary.
var builtinCues = []framelens.ReportingVerb{
	{Lemma: "according to", Forms: []string{"according to"}, Class: framelens.Neutral},
	{Lemma: "read", Forms: []string{"reads", "read"}, Class: framelens.Neutral},
	// CODEBOOK.md §2: "called the decision a mistake" is an attribution.
	{Lemma: "call", Forms: []string{"call", "calls", "called", "calling"}, Class: framelens.Neutral},
}

func newCueLexicon(verbs []framelens.ReportingVerb) *cueLexicon {
	lx := &cueLexicon{byFirst: make(map[string][]cueForm)}
	seen := make(map[string]bool)
	add := func(v framelens.ReportingVerb, docOnly bool) {
		for _, f := range v.Forms {
			f = strings.ToLower(strings.TrimSpace(f))
			if f == "" || seen[f] {
				continue
			}
			seen[f] = true
			words := strings.Fields(f)
			cf := cueForm{words: words, lemma: v.Lemma, class: v.Class, docOnly: docOnly,
				ing: strings.HasSuffix(words[0], "ing")}
			list := append(lx.byFirst[words[0]], cf)
			// Longest first, so "points out" wins over "points".
			for k := len(list) - 1; k > 0 && len(list[k].words) > len(list[k-1].words); k-- {
				list[k], list[k-1] = list[k-1], list[k]
			}
			lx.byFirst[words[0]] = list
		}
	}
	for _, v := range verbs {
		add(v, false)
	}
	for _, v := range builtinCues {
		add(v, v.Lemma == "read")
	}
	return lx
}

// match returns the form starting at toks[i], if any, and its length in
// tokens.
func (lx *cueLexicon) match(toks []atTok, i int) (cueForm, int, bool) {
	if toks[i].kind != atWord {
		return cueForm{}, 0, false
	}
	for _, f := range lx.byFirst[toks[i].lower] {
		if i+len(f.words) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(f.words); k++ {
			t := toks[i+k]
			if t.kind != atWord || t.lower != f.words[k] || t.sent != toks[i].sent {
				ok = false
				break
			}
		}
		if ok {
			return f, len(f.words), true
		}
	}
	return cueForm{}, 0, false
}

// Closed word classes of English used by the rules.
var (
	atDeterminers = setOf("the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
		"our", "my", "your", "any", "no", "such", "some", "each", "every", "another")
	atIndefinite = setOf("a", "an", "some", "several", "two", "three", "many", "other", "one", "unnamed",
		"anonymous", "another")
	// atVerbGroup are the words allowed between a subject and its verb.
	atVerbGroup = setOf("has", "have", "had", "also", "did", "does", "do", "not", "never", "n't", "later",
		"again", "earlier", "once", "previously", "repeatedly", "reportedly", "further", "then", "already",
		"recently", "publicly", "openly",
		"explicitly", "flatly", "strongly", "firmly", "categorically", "immediately", "quickly", "separately",
		"yesterday", "today", "himself", "herself", "itself", "themselves", "just", "twice", "first", "there", "here", "always", "long", "since",
		"still", "even", "only", "allegedly", "apparently", "officially", "emphatically", "angrily", "bluntly")
	atNegators = setOf("not", "never", "n't", "didn't", "doesn't", "don't", "hasn't", "haven't", "won't", "refused", "declined", "failed")
	atModals   = setOf("will", "would", "could", "may", "might", "should", "can", "must", "shall", "'ll")
	// atFiniteVerbs cannot open reported content: a cue followed by one
	// was a noun ("member states did not attend").
	atFiniteVerbs = setOf("did", "does", "do", "have", "has", "had", "was", "were", "is", "are", "will", "would",
		"voted", "stayed", "can", "could", "should", "must", "may", "might")
	atNegQuant = setOf("neither", "no", "none", "nobody", "nor")
	atMonths   = setOf("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
	// atDemonstrative are verbs of showing: they report only with a marker.
	atDemonstrative = setOf("show", "demonstrate", "prove", "indicate")
	atBe            = setOf("is", "was", "were", "are", "been", "be", "being")
	atPronouns      = setOf("he", "she", "they", "it", "we", "i")
	atObjectPron    = setOf("him", "her", "them", "us", "me", "it")
	atWeekdays      = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
	// atClauseBreak are words that cannot be inside a speaker phrase.
	atClauseBreak = setOf("that", "which", "who", "whom", "whose", "and", "but", "or", "while", "as", "because",
		"when", "if", "after", "before", "since", "where", "though", "although", "than", "so", "then", "also",
		"not", "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "can", "to", "by",
		"with", "on", "in", "at", "from", "during", "about", "into", "over", "under", "against", "between")
	// atPrepositions may open an adverbial between a verb and "that".
	atPrepositions = setOf("on", "in", "at", "during", "after", "following", "before", "to", "with", "from", "by",
		"for", "ahead", "earlier", "later", "last", "this", "today", "yesterday", "also", "again", "repeatedly",
		"once", "publicly", "previously", "separately", "late", "early", "when", "while", "via", "over",
		"through", "speaking", "amid", "upon", "within", "shortly", "recently", "then", "further", "clearly",
		"in", "firmly", "strongly")
	// atSpeakerNouns are heads and modifiers that make a lower-case phrase a
	// plausible speaker: roles, institutions, documents, sources.
	atSpeakerNouns = setOf("spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "officials",
		"minister", "ministers", "ministry", "diplomat", "diplomats", "source", "sources", "envoy", "envoys",
		"ambassador", "president", "secretary", "chief", "head", "leader", "leaders", "general", "analyst",
		"analysts", "expert", "experts", "observers", "critics", "statement", "declaration", "communique",
		"communiqué", "report", "document", "letter", "agency", "department", "office", "government",
		"administration", "military", "embassy", "mission", "delegation", "side", "press", "service",
		"council", "committee", "chairman", "chairwoman", "member", "members", "lawmaker", "lawmakers",
		"senator", "senators", "deputy", "adviser", "advisor", "commander", "officer", "officers", "negotiator",
		"negotiators", "representative", "representatives", "counterpart", "colleagues", "partners", "ally",
		"allies", "alliance", "country", "countries", "nation", "nations", "senior", "top", "former", "foreign",
		"defense", "defence", "national", "security", "arms", "control", "affairs", "international", "nuclear",
		"high-ranking", "anonymous", "unnamed", "western", "european", "state", "states", "press", "release",
		"text", "note", "resolution", "memo", "briefing", "draft", "joint", "kremlin", "pentagon",
		"the", "a", "an", "of", "for", "to", "at", "in", "'s", "its", "his", "her", "their", "staff", "army",
		"navy", "forces", "scientist", "scientists", "researcher", "researchers", "specialist", "specialists",
		"person", "people", "insider", "insiders", "politician", "politicians", "parliament", "legislator",
		"legislators", "governments", "authorities", "administration's", "ministry's", "group", "think-tank",
		"institute", "organization", "organisation", "commentator", "commentators", "journalist", "speaker",
		"deputies", "aide", "aides", "adviser's", "bloc", "capital", "capitals", "residents", "citizens",
		"website", "advocates", "campaigners", "activists", "newspaper", "paper", "outlet", "channel", "broadcaster", "minister's", "fact", "sheet",
		"fact-sheet", "summary", "transcript", "announcement", "readout", "tweet", "post", "message")
	// atDocuments are speaker heads that make the speaker a document.
	atDocuments = setOf("statement", "declaration", "communique", "communiqué", "report", "document", "letter",
		"text", "note", "resolution", "memo", "release", "draft", "summary", "transcript", "announcement",
		"readout", "tweet", "post", "message", "sheet", "fact-sheet", "website", "bulletin")
	// atAnonymousHeads are speaker heads that, without a name, make the
	// speaker anonymous.
	atAnonymousHeads = setOf("official", "officials", "source", "sources", "diplomat", "diplomats", "insider",
		"insiders", "analyst", "analysts", "expert", "experts", "observers", "critics", "people", "person",
		"aide", "aides", "lawmakers", "officers", "scientists", "researchers", "specialists", "commentators")
)
