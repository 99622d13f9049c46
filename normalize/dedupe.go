package normalize

import (
	"hash/fnv"
	"slices"
	"strings"
	"unicode"

	"github.com/framelens/framelens"
)

// NearDuplicate is the Jaccard similarity of word 5-shingle sets at or above
// which two bodies count as the same text republished.
const NearDuplicate = 0.9

// Dedupe links duplicates in place: an article whose canonical URL (AMP and
// mobile editions folded together) or whose body (word 5-shingle Jaccard
// >= NearDuplicate) matches an earlier one gets DuplicateOf set to the ID
// of the earliest (by CapturedAt, then ID). Nothing is removed; an
// article identical to itself (same ID) is not its own duplicate.
//
// Bodies are compared with every earlier distinct body; a bound on the
// shingle-set sizes skips most pairs without counting.
func Dedupe(arts []framelens.Article) {
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := arts[a].CapturedAt.Compare(arts[b].CapturedAt); c != 0 {
			return c
		}
		return strings.Compare(arts[a].ID, arts[b].ID)
	})
	byKey := make(map[string]string)
	type seen struct {
		id  string
		set map[uint64]struct{}
	}
	var bodies []seen
	for _, i := range order {
		a := &arts[i]
		a.DuplicateOf = ""
		key := dedupeKey(a.CanonicalURL)
		if key == "" {
			key = dedupeKey(CleanURL("", a.URL))
		}
		if first, ok := byKey[key]; ok && key != "" && first != a.ID {
			a.DuplicateOf = first
			continue
		}
		if key != "" {
			byKey[key] = a.ID
		}
		set := shingleSet(a.Paragraphs)
		for _, b := range bodies {
			if b.id != a.ID && jaccard(set, b.set) >= NearDuplicate {
				a.DuplicateOf = b.id
				break
			}
		}
		if a.DuplicateOf == "" && len(set) > 0 {
			bodies = append(bodies, seen{a.ID, set})
		}
	}
}

func shingleSet(paras []string) map[uint64]struct{} {
	var words []string
	for _, p := range paras {
		words = append(words, strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsNumber(r)
		})...)
	}
	set := make(map[uint64]struct{})
	const n = 5
	for i := 0; i+n <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+n] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		set[h.Sum64()] = struct{}{}
	}
	if len(words) > 0 && len(words) < n {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(words, " ")))
		set[h.Sum64()] = struct{}{}
	}
	return set
}

func jaccard(a, b map[uint64]struct{}) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	// Sizes alone bound the similarity: skip hopeless pairs cheaply.
	if float64(len(a))/float64(len(b)) < NearDuplicate {
		return 0
	}
	inter := 0
	for k := range a {
		if _, ok := b[k]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
