package normalize

import (
	"cmp"
	"hash/fnv"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/framelens/framelens"
)

// NearDuplicate is the Jaccard similarity of word 5-shingle sets at or above
// which two bodies count as the same text republished.
const NearDuplicate = 0.9

// Dedupe links duplicates in place: an article whose canonical URL (AMP and
// mobile editions folded together) or whose body (word 5-shingle Jaccard
// >= NearDuplicate) matches an earlier one gets DuplicateOf set to the ID
// of the earliest (by Published, or CapturedAt when the page states no
// date, then CapturedAt, then ID). Nothing is removed; an
// article identical to itself (same ID) is not its own duplicate.
//
// Bodies are not compared pairwise. Each kept body is indexed by the prefix
// of its shingle hashes in ascending order: the first n - floor(0.9 n) + 1
// of its n shingles. Two sets with Jaccard >= 0.9 share a shingle in those
// prefixes (the prefix filter of Chaudhuri et al., 2006), so a body is
// checked exactly only against the bodies its own prefix meets, and the
// earliest one that passes wins, as in a pairwise scan.
func Dedupe(arts []framelens.Article) {
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	// The original is the text published first; the capture order only
	// reflects the crawler's (outlet-by-outlet) schedule. An article whose
	// page states no date counts from its capture.
	origin := func(a *framelens.Article) time.Time {
		if !a.Published.IsZero() {
			return a.Published
		}
		return a.CapturedAt
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := origin(&arts[a]).Compare(origin(&arts[b])); c != 0 {
			return c
		}
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
	index := make(map[uint64][]int32) // prefix shingle -> positions in bodies
	var cands []int32
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
		set := shingleSet(a.Paragraphs)
		prefix := shinglePrefix(set)
		cands = cands[:0]
		for _, h := range prefix {
			cands = append(cands, index[h]...)
		}
		slices.Sort(cands)
		cands = slices.Compact(cands)
		for _, j := range cands {
			if b := bodies[j]; b.id != a.ID && jaccard(set, b.set) >= NearDuplicate {
				a.DuplicateOf = b.id
				break
			}
		}
		// Later editions of this URL are duplicates of the original this
		// one copies, if any: DuplicateOf always names an original.
		if key != "" {
			byKey[key] = cmp.Or(a.DuplicateOf, a.ID)
		}
		if a.DuplicateOf == "" && len(set) > 0 {
			for _, h := range prefix {
				index[h] = append(index[h], int32(len(bodies)))
			}
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

// shinglePrefix returns the smallest shingle hashes of set, as many as the
// prefix filter for NearDuplicate needs: n - floor(NearDuplicate*n) + 1 of
// n (one more than the bound where floating point could round it down).
func shinglePrefix(set map[uint64]struct{}) []uint64 {
	n := len(set)
	if n == 0 {
		return nil
	}
	hs := slices.Sorted(maps.Keys(set))
	p := min(n, n-int(math.Floor(NearDuplicate*float64(n)))+1)
	return hs[:p]
}
