package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Sentence is one sentence of a text as a half-open range [Start, End) of
// BYTE offsets. Leading and trailing white space is excluded; a sentence
// never crosses a line break, so a headline or a paragraph without final
// punctuation is a sentence of its own. Use framelens.RuneIndex to turn the
// offsets into character spans.
type Sentence struct {
	Start int
	End   int
}

// Sentences splits text into sentences. It is a rule-based splitter tuned to
// news English (shared/notes/wording.md §5): a full stop, question mark,
// exclamation mark or ellipsis, optionally followed by closing quotation
// marks or brackets, ends a sentence when white space and a sentence opener
// follow. A full stop does not end a sentence after a title or month
// abbreviation ("Sen.", "Gen.", "Dec. 4"), a single initial ("Donald J.
// Trump") or a number label ("No. 5"); after a dotted abbreviation ("U.S.",
// "a.m.") it does only when a common sentence-starting word follows. An
// agency dateline opening a paragraph ("MOSCOW, January 25. /TASS/.",
// "BRUSSELS (Reuters) -") is a sentence of its own.
func Sentences(text string) []Sentence {
	return AppendSentences(nil, text)
}

// AppendSentences appends the sentences of text to dst and returns the
// extended slice, so a caller can reuse one buffer over many articles.
func AppendSentences(dst []Sentence, text string) []Sentence {
	start := -1 // start of the current sentence, -1 before its first byte
	emit := func(end int) {
		if start < 0 {
			return
		}
		for end > start && isSpaceByte(text[end-1]) {
			end--
		}
		if end > start {
			dst = append(dst, Sentence{start, end})
		}
		start = -1
	}
	lineStart := true
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' {
			emit(i)
			lineStart = true
			i++
			continue
		}
		if start < 0 {
			if isSpaceByte(c) {
				i++
				continue
			}
			start = i
			if lineStart {
				lineStart = false
				if n := datelineEnd(text[i:]); n > 0 {
					i += n
					emit(i)
					continue
				}
			}
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch r {
		case '.', '!', '?', '…':
			j := i + size
			// A run of terminators ("?!", "...") counts as one.
			for j < len(text) && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
				j++
			}
			for j < len(text) {
				cr, cs := utf8.DecodeRuneInString(text[j:])
				if !isCloser(cr) {
					break
				}
				j += cs
			}
			if breaksAfter(text, start, i, j, r) {
				emit(j)
			}
			i = j
			continue
		}
		i += size
	}
	emit(len(text))
	return dst
}

// breaksAfter decides whether the terminator at text[dot] (the run ending at
// end, closing marks included) ends the sentence that began at start.
func breaksAfter(text string, start, dot, end int, term rune) bool {
	if end >= len(text) || text[end] == '\n' {
		return true
	}
	if !isSpaceByte(text[end]) {
		return false
	}
	k := end
	for k < len(text) && text[k] != '\n' && isSpaceByte(text[k]) {
		k++
	}
	if k >= len(text) || text[k] == '\n' {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[k:])
	if !isOpener(next) {
		return false
	}
	if term != '.' || end > dot+1 && text[dot+1] == '.' {
		return true // "!", "?" and ellipses break before an opener
	}
	if end > dot+1 {
		// Closing marks after the full stop ('."', '.)') leave no doubt.
		return true
	}
	word := wordBefore(text, start, dot)
	if word == "" {
		return true
	}
	lw := strings.ToLower(word)
	nextWord := wordAt(text, k)
	switch {
	case strings.Contains(word, "."):
		// Dotted abbreviation: U.S., a.m., D.C.
		return sentenceStarters[nextWord]
	case len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z':
		return false // an initial
	case monthAbbrevs[lw]:
		return !isDigitByte(text[k]) && sentenceStarters[nextWord]
	case numberLabels[lw]:
		return !isDigitByte(text[k])
	case titleAbbrevs[lw]:
		return false
	}
	return true
}

// wordBefore returns the word (letters, digits and inner dots) that ends at
// text[end], not looking before start.
func wordBefore(text string, start, end int) string {
	i := end
	for i > start {
		r, size := utf8.DecodeLastRuneInString(text[start:i])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
			break
		}
		i -= size
	}
	return strings.TrimLeft(text[i:end], ".")
}

// wordAt returns the run of letters that starts at text[i].
func wordAt(text string, i int) string {
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += size
	}
	return text[i:j]
}

// datelineEnd returns the length of an agency dateline that opens s
// ("MOSCOW, January 25. /TASS/. ", "BRUSSELS (Reuters) - "), or 0.
func datelineEnd(s string) int {
	// The place: upper-case letters, spaces, commas, dots, hyphens.
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '-' || s[i] == '\'') {
		i++
	}
	if i < 3 {
		return 0
	}
	rest := s[i:]
	// "(Reuters) -", "(AP) —"
	if strings.HasPrefix(rest, "(") {
		j := strings.IndexByte(rest, ')')
		if j < 2 || j > 30 {
			return 0
		}
		k := j + 1
		for k < len(rest) && rest[k] == ' ' {
			k++
		}
		for _, d := range []string{"-", "—", "–"} {
			if strings.HasPrefix(rest[k:], d) {
				n := i + k + len(d)
				for n < len(s) && s[n] == ' ' {
					n++
				}
				return n
			}
		}
		return 0
	}
	// "MOSCOW, January 25. /TASS/. "
	j := strings.Index(rest, "/.")
	if j < 0 || j > 40 || !strings.Contains(rest[:j], " /") {
		return 0
	}
	n := i + j + 2
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' }

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isCloser reports whether r may follow a terminator inside the sentence it
// ends: closing quotation marks and brackets.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '›':
		return true
	}
	return false
}

// isOpener reports whether r may begin a sentence.
func isOpener(r rune) bool {
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	switch r {
	case '"', '\'', '“', '‘', '«', '„', '(', '[', '‹', '—', '–', '-':
		return true
	}
	return false
}

// titleAbbrevs are abbreviations that precede a name or number and never end
// a sentence in news copy (lower case, without the dot).
var titleAbbrevs = setOf("mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj",
	"capt", "cmdr", "adm", "sgt", "pres", "amb", "rev", "hon", "st", "mt", "ft", "vs", "approx", "est",
	"dept", "fig", "vol", "art", "pp", "p", "inc", "corp", "co", "ltd", "jr", "sr", "messrs", "gens")

var monthAbbrevs = setOf("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

var numberLabels = setOf("no", "nos", "nr")

// sentenceStarters are words that, after a dotted abbreviation such as
// "U.S.", show that a new sentence has begun.
var sentenceStarters = setOf("The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That",
	"These", "Those", "But", "However", "In", "On", "At", "As", "And", "Yet", "So", "Meanwhile", "Earlier",
	"Later", "There", "His", "Her", "Its", "Their", "Our", "After",
	"Before", "While", "When", "If", "According", "Also", "Still", "Now", "Since", "For", "What")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
