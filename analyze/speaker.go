package analyze

import (
	"strings"

	"github.com/framelens/framelens"
)

// This file resolves speaker phrases to the study's actors (names, aliases,
// transliterations, titles) and gives every speaker a side: the actor's, or
// the one a nationality or institution word in the phrase shows ("a US
// official"), else unknown. Every word list comes from the study.

type phraseKind uint8

const (
	phraseName  phraseKind = iota // a person's name or alias: case-sensitive
	phraseAlias                   // an organisation's or place's name or alias
	phraseTitle                   // a role phrase: case-insensitive
)

type actorPhrase struct {
	words []string // lower-case, determiners stripped for titles
	exact []string // as written, for case-sensitive names
	actor int
	kind  phraseKind
}

// A speakerIndex holds the study's actors as token phrases.
type speakerIndex struct {
	actors  []framelens.Actor
	byFirst map[string][]actorPhrase
	// sideWords are capitalised words that show a side ("Russian", "US"),
	// keyed in lower case;
	// weakSide ones come only from person titles and count when no strong
	// word is present.
	sideWords map[string]framelens.Side
	weakSide  map[string]framelens.Side
	// nouns are lower-case words of titles and aliases: they make a phrase
	// a plausible speaker.
	nouns map[string]bool
	// outlets are lower-cased outlet names and agency credits.
	outlets map[string]bool
}

func newSpeakerIndex(study *framelens.Study) *speakerIndex {
	ix := &speakerIndex{
		byFirst:   make(map[string][]actorPhrase),
		sideWords: make(map[string]framelens.Side),
		weakSide:  make(map[string]framelens.Side),
		nouns:     make(map[string]bool),
		outlets:   make(map[string]bool),
	}
	if study == nil {
		return ix
	}
	ix.actors = study.Actors
	ambiguous := make(map[string]bool)
	vote := func(m map[string]framelens.Side, w string, s framelens.Side) {
		if w == "" || !isUpperWord(w) || s == "" {
			return
		}
		w = strings.ToLower(w)
		if old, ok := m[w]; ok && old != s {
			ambiguous[w] = true
		}
		m[w] = s
	}
	for i, a := range study.Actors {
		names := append([]string{a.Name}, a.Aliases...)
		for _, n := range names {
			kind := phraseName
			if a.Kind != framelens.Person {
				kind = phraseAlias
			}
			ix.add(n, i, kind)
			if a.Kind != framelens.Person {
				for _, w := range atWords(n) {
					vote(ix.sideWords, w, a.Side)
					ix.addNoun(w)
				}
			}
		}
		for _, t := range a.Titles {
			ix.add(t, i, phraseTitle)
			ws := atWords(t)
			if len(ws) > 1 {
				vote(ix.weakSide, ws[0], a.Side)
			}
			for _, w := range ws {
				ix.addNoun(w)
			}
		}
	}
	for w := range ambiguous {
		delete(ix.sideWords, w)
		delete(ix.weakSide, w)
	}
	for _, o := range study.Outlets {
		for _, n := range []string{o.Name, o.Agency, o.ID} {
			if n != "" {
				ix.outlets[strings.ToLower(n)] = true
			}
		}
	}
	return ix
}

func (ix *speakerIndex) addNoun(w string) {
	if lw := strings.ToLower(w); !isUpperWord(w) && len(lw) > 2 {
		ix.nouns[lw] = true
	}
}

func (ix *speakerIndex) add(phrase string, actor int, kind phraseKind) {
	exact := atWords(phrase)
	if kind == phraseTitle && len(exact) > 1 && atDeterminers[strings.ToLower(exact[0])] {
		exact = exact[1:]
	}
	if len(exact) == 0 {
		return
	}
	words := make([]string, len(exact))
	for i, w := range exact {
		words[i] = strings.ToLower(w)
	}
	// Organisation aliases that begin with "the" also match without it.
	if kind == phraseAlias && len(words) > 1 && words[0] == "the" {
		exact, words = exact[1:], words[1:]
	}
	list := append(ix.byFirst[words[0]], actorPhrase{words: words, exact: exact, actor: actor, kind: kind})
	for k := len(list) - 1; k > 0 && len(list[k].words) > len(list[k-1].words); k-- {
		list[k], list[k-1] = list[k-1], list[k]
	}
	ix.byFirst[words[0]] = list
}

// atWords splits a lexicon phrase the way atTokenize splits text.
func atWords(s string) []string {
	toks := atTokenize(nil, s, 0, len(s), 0)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, s[t.start:t.end])
	}
	return out
}

func isUpperWord(w string) bool {
	for _, r := range w {
		return r >= 'A' && r <= 'Z' || r > 127 && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
	}
	return false
}

// matchAt returns the longest actor phrase starting at toks[i] (not past
// end), and its length in tokens.
func (ix *speakerIndex) matchAt(text string, toks []atTok, i, end int) (actorPhrase, int, bool) {
	if toks[i].kind != atWord {
		return actorPhrase{}, 0, false
	}
	for _, p := range ix.byFirst[toks[i].lower] {
		n := len(p.words)
		if i+n > end {
			continue
		}
		ok := true
		for k := 0; k < n && ok; k++ {
			t := toks[i+k]
			switch {
			case t.kind != atWord && !(t.lower == p.words[k]):
				ok = false
			case p.kind == phraseTitle:
				ok = t.lower == p.words[k] || k == n-1 && (t.lower == p.words[k]+"'s" || t.lower == p.words[k]+"’s")
			case p.kind == phraseAlias:
				// Organisation and place names match in any letter case
				// that keeps the capital ("Nato" for "NATO"), possessive
				// allowed on the last word.
				w := t.lower
				if k == n-1 {
					w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
				}
				ok = w == p.words[k] && t.upper == isUpperWord(p.exact[k])
			case k == n-1:
				// The last word may carry a possessive ("NATO's").
				w := text[t.start:t.end]
				ok = w == p.exact[k] || strings.HasPrefix(w, p.exact[k]) && (w[len(p.exact[k]):] == "'s" || w[len(p.exact[k]):] == "’s") ||
					allCaps(w) && t.lower == p.words[k]
			case allCaps(text[t.start:t.end]):
				// Transcripts set names in capitals ("SECRETARY POMPEO").
				ok = t.lower == p.words[k]
			default:
				ok = text[t.start:t.end] == p.exact[k]
			}
		}
		if ok {
			return p, n, true
		}
	}
	return actorPhrase{}, 0, false
}

// A speakerRef is a resolved speaker.
type speakerRef struct {
	span    [2]int // byte offsets of the phrase; {-1,-1} for none
	text    string
	kind    framelens.SpeakerKind
	actor   int // index into the study's actors, -1 when unresolved
	side    framelens.Side
	plural  bool
	gender  string
	trusted bool // resolved without guessing
}

// A mention is an occurrence of an actor's name in the text, kept for
// pronoun and epithet resolution.
type mention struct {
	pos   int
	actor int
}

// findMentions lists every actor name or alias in toks, in order.
func (ix *speakerIndex) findMentions(dst []mention, text string, toks []atTok) []mention {
	for i := 0; i < len(toks); i++ {
		if !toks[i].upper {
			continue
		}
		if p, n, ok := ix.matchAt(text, toks, i, len(toks)); ok && p.kind != phraseTitle {
			dst = append(dst, mention{toks[i].start, p.actor})
			i += n - 1
		}
	}
	return dst
}

// allCaps reports whether w has two or more letters, all upper case.
func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if r >= 'a' && r <= 'z' || r > 127 && strings.ToLower(string(r)) == string(r) && strings.ToUpper(string(r)) != string(r) {
			return false
		}
		if r >= 'A' && r <= 'Z' || r > 127 {
			n++
		}
	}
	return n >= 2
}
