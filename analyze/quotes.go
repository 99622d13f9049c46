package analyze

import (
	"unicode"
	"unicode/utf8"
)

// A quotePiece is the part of a top-level quotation that lies in one
// paragraph. A quotation that runs over several paragraphs, its mark
// re-opened at the start of each (CODEBOOK.md §3), is several pieces of one
// group.
type quotePiece struct {
	open, close int // byte offsets of the marks; close = end of paragraph when the quote runs on
	closed      bool
	group       int // index of the first piece of the quotation
	used        bool
}

// contentStart and contentEnd bound the quoted words, marks excluded.
func (q quotePiece) contentStart(text string) int {
	_, size := utf8.DecodeRuneInString(text[q.open:])
	return q.open + size
}

func (q quotePiece) contentEnd() int { return q.close }

// closerFor maps an opening mark to the closing marks it pairs with. Marks are
// paired by type (textacy's QUOTATION_MARK_PAIRS idea), not in sequence, so a
// stray apostrophe or mixed styles do not shift every later pair.
func closerFor(open rune) (string, bool) {
	switch open {
	case '"':
		return "\"”", true
	case '“':
		return "”\"", true
	case '„':
		return "“”", true
	case '«':
		return "»", true
	case '‹':
		return "›", true
	case '‘':
		return "’'", true
	case '\'':
		return "'’", true
	}
	return "", false
}

func isSingleMark(r rune) bool {
	return r == '\'' || r == '‘' || r == '’' || r == '‹' || r == '›'
}

// findQuotes returns the top-level quotation pieces of text, in order. Each
// line (paragraph) is scanned with a small stack; a double quotation left
// open at the end of a paragraph becomes a piece that ends there and, if the
// next paragraph re-opens with a mark of the same type, continues in it.
func findQuotes(dst []quotePiece, text string) []quotePiece {
	type open struct {
		r   rune
		pos int
	}
	var stack [4]open
	depth := 0
	groupOpen := -1 // piece index of a quotation running into the next paragraph
	lineStart := 0
	for lineStart <= len(text) {
		lineEnd := lineStart
		for lineEnd < len(text) && text[lineEnd] != '\n' {
			lineEnd++
		}
		depth = 0
		for i := lineStart; i < lineEnd; {
			r, size := utf8.DecodeRuneInString(text[i:lineEnd])
			if _, isOpen := closerFor(r); !isOpen && r != '”' && r != '’' && r != '»' && r != '›' {
				i += size
				continue
			}
			prev, _ := utf8.DecodeLastRuneInString(text[lineStart:i])
			next, _ := utf8.DecodeRuneInString(text[i+size : lineEnd])
			atStart := i == lineStart
			atEnd := i+size >= lineEnd
			prevSpace := atStart || unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '—' || prev == '–' || prev == '-' || prev == '/'
			nextSpace := atEnd || unicode.IsSpace(next)
			nextWordy := unicode.IsLetter(next) || unicode.IsDigit(next)
			prevWordy := unicode.IsLetter(prev) || unicode.IsDigit(prev)
			// Close the innermost matching quotation.
			closed := false
			if !prevSpace || !nextWordy {
				for d := depth - 1; d >= 0; d-- {
					cl, _ := closerFor(stack[d].r)
					if !runeIn(r, cl) {
						continue
					}
					// An apostrophe inside a word ("Russia's") closes nothing.
					if isSingleMark(r) && prevWordy && nextWordy {
						break
					}
					if d == 0 {
						dst = append(dst, quotePiece{open: stack[0].pos, close: i, closed: true, group: len(dst)})
						if groupOpen >= 0 && stack[0].pos == lineStart {
							dst[len(dst)-1].group = dst[groupOpen].group
						}
						groupOpen = -1
					}
					depth = d
					closed = true
					break
				}
			}
			if !closed {
				_, canOpen := closerFor(r)
				if r == '"' || r == '\'' {
					canOpen = prevSpace && !nextSpace
				} else if canOpen {
					canOpen = !nextSpace && !(isSingleMark(r) && prevWordy)
				}
				if canOpen && depth < len(stack) {
					stack[depth] = open{r, i}
					depth++
				}
			}
			i += size
		}
		// A double quotation still open at the end of the paragraph runs to its
		// end; it continues if the next paragraph re-opens with a double mark.
		cont := -1
		if depth > 0 && !isSingleMark(stack[0].r) {
			p := quotePiece{open: stack[0].pos, close: lineEnd, group: len(dst)}
			if groupOpen >= 0 && stack[0].pos == lineStart {
				p.group = dst[groupOpen].group
			}
			dst = append(dst, p)
			if next := nextParagraphStart(text, lineEnd); next >= 0 {
				if r, _ := utf8.DecodeRuneInString(text[next:]); r == '"' || r == '“' || r == '«' || r == '„' {
					cont = len(dst) - 1
				}
			}
		}
		if lineEnd > lineStart {
			groupOpen = cont
		}
		lineStart = lineEnd + 1
	}
	return dst
}

// nextParagraphStart returns the offset of the first non-space character
// after the line break at end, or -1.
func nextParagraphStart(text string, end int) int {
	for i := end; i < len(text); i++ {
		if !isSpaceByte(text[i]) {
			return i
		}
	}
	return -1
}

func runeIn(r rune, s string) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}
