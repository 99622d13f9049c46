package analyze

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/framelens/framelens"
)

// ReuseConfig tunes text-reuse detection. The zero value uses the defaults.
type ReuseConfig struct {
	// Shingle is the number of words in a shingle (default 6; wording.md §4
	// recommends 5-8 for news).
	Shingle int
	// MaxDF: a shingle found in more articles is boilerplate or a stock
	// phrase and does not make candidates (default 50).
	MaxDF int
	// MinShared is the number of shared shingles that makes a candidate pair
	// (default 3).
	MinShared int
	// MaxLag bounds the time between source and copy (default 14 days).
	MaxLag time.Duration
	// Wholly is the share of the later article's words covered by aligned
	// passages from which it counts as wholly derived (default 0.7);
	// MinCoverage the share below which a pair is incidental overlap and not
	// reported (default 0.1).
	Wholly      float64
	MinCoverage float64
}

func (c ReuseConfig) withDefaults() ReuseConfig {
	if c.Shingle <= 0 {
		c.Shingle = 6
	}
	if c.MaxDF <= 0 {
		c.MaxDF = 50
	}
	if c.MinShared <= 0 {
		c.MinShared = 3
	}
	if c.MaxLag <= 0 {
		c.MaxLag = 14 * 24 * time.Hour
	}
	if c.Wholly <= 0 {
		c.Wholly = 0.7
	}
	if c.MinCoverage <= 0 {
		c.MinCoverage = 0.1
	}
	return c
}

// Reuse finds text reuse between outlets with the default configuration.
var Reuse = NewReuse(ReuseConfig{})

// NewReuse returns the text-reuse analyzer; its result is a *ReuseResult.
//
// Following wording.md §4: agency credits and datelines ("(Reuters) -",
// "/TASS/.", "Reporting by ..." lines) are removed, the rest is cut into
// word shingles in matching form, candidate pairs come from an inverted
// index that ignores shingles in more than MaxDF articles, and each
// candidate is scored exactly: containment both ways, Jaccard and the
// aligned passages (maximal runs of shared shingles). Only pairs of
// different outlets within MaxLag are compared (same-outlet overlap is
// boilerplate); the earlier article is the source. Classes follow METER:
// wholly or partially derived by the share of the later article covered.
// Connected pairs form clusters whose earliest member is the source.
func NewReuse(cfg ReuseConfig) *Analyzer {
	cfg = cfg.withDefaults()
	return &Analyzer{
		Name: "reuse",
		Doc:  "text reuse between outlets: word-shingle containment, aligned passages, wholly/partially derived, clusters",
		Run: func(pass *Pass) (any, error) {
			return findReuse(pass.Articles, cfg), nil
		},
	}
}

// A ReuseResult is the result of the Reuse analyzer.
type ReuseResult struct {
	// Pairs are ordered by the later article (pass order), then the source.
	Pairs []framelens.ReusePair
	// Clusters are ordered by their source's publication time.
	Clusters []framelens.ReuseCluster
}

// creditRE matches agency credits inside a paragraph and datelineRE a
// dateline opening one; the groups name the agency. Paragraph-level credits
// ("Reporting by ...") are in creditLineRE. The expressions only run on
// paragraphs that a byte check shows may hold a match.
var creditRE = regexp.MustCompile(`\((Reuters|AP|AFP|Xinhua|TASS|dpa|DW|Sputnik|RIA Novosti)\)\s*(?:[-—–]+\s*)?|/(TASS)/\.?`)

var datelineRE = regexp.MustCompile(`^[A-Z][A-Z .,'-]{2,}, [A-Z][a-z]+ \d{1,2}\.?\s*(?:/(TASS|Xinhua)/\.?\s*)?`)

var creditLineRE = regexp.MustCompile(`^(?:\(?(?:Reporting|Writing|Editing|Additional reporting|Compiled) by\b|.{0,40}contributed (?:to )?this report)`)

// reuseDoc is one article prepared for comparison.
type reuseDoc struct {
	// words are the token indexes of the compared words.
	words  []int32
	hashes []uint64 // shingle hashes by start word
	agency string
}

// prepareReuse tokenizes a's text, drops credits and returns its words and
// shingle hashes.
func prepareReuse(d *tokText, a *framelens.Article, k int, rd *reuseDoc) {
	d.reset(a.Text)
	rd.words, rd.hashes, rd.agency = rd.words[:0], rd.hashes[:0], ""
	// Byte ranges to skip: credits and credit lines, per paragraph.
	var skip [][2]int
	off := 0
	for _, para := range strings.SplitAfter(a.Text, "\n") {
		line := strings.TrimSpace(para)
		var ms [][]int
		if strings.Contains(line, " by ") || strings.Contains(line, "contributed") {
			if creditLineRE.MatchString(line) {
				skip = append(skip, [2]int{off, off + len(para)})
				off += len(para)
				continue
			}
		}
		if len(para) > 1 && para[0] >= 'A' && para[0] <= 'Z' && para[1] >= 'A' && para[1] <= 'Z' {
			ms = append(ms, datelineRE.FindAllStringSubmatchIndex(para, 1)...)
		}
		if strings.ContainsAny(para, "(/") {
			ms = append(ms, creditRE.FindAllStringSubmatchIndex(para, -1)...)
		}
		{
			for _, m := range ms {
				skip = append(skip, [2]int{off + m[0], off + m[1]})
				for g := 2; g+1 < len(m); g += 2 {
					if m[g] >= 0 && rd.agency == "" {
						rd.agency = para[m[g]:m[g+1]]
					}
				}
			}
		}
		off += len(para)
	}
	slices.SortFunc(skip, func(x, y [2]int) int { return cmp.Compare(x[0], y[0]) })
	s := 0
	for i, t := range d.toks {
		if !t.isCountable() {
			continue
		}
		for s < len(skip) && skip[s][1] <= int(t.Start) {
			s++
		}
		if s < len(skip) && int(t.Start) >= skip[s][0] {
			continue
		}
		rd.words = append(rd.words, int32(i))
	}
	for p := 0; p+k <= len(rd.words); p++ {
		h := uint64(14695981039346656037)
		for _, w := range rd.words[p : p+k] {
			for _, c := range d.normOf(int(w)) {
				h ^= uint64(c)
				h *= 1099511628211
			}
			h ^= ' '
			h *= 1099511628211
		}
		rd.hashes = append(rd.hashes, h)
	}
}

func findReuse(articles []framelens.Article, cfg ReuseConfig) *ReuseResult {
	const docBits = 24
	res := &ReuseResult{}
	if len(articles) >= 1<<docBits {
		return res // beyond the packed index; callers batch by period first
	}
	// Pass 1: postings (shingle hash, article), packed in one uint64 each.
	var post []uint64
	var d tokText
	var rd reuseDoc
	nShingles := make([]int32, len(articles)) // distinct shingles per article
	for i := range articles {
		a := &articles[i]
		if a.DuplicateOf != "" {
			continue
		}
		prepareReuse(&d, a, cfg.Shingle, &rd)
		start := len(post)
		for _, h := range rd.hashes {
			post = append(post, h>>docBits<<docBits|uint64(i))
		}
		mine := post[start:]
		slices.Sort(mine)
		post = post[:start+len(slices.CompactFunc(mine, func(x, y uint64) bool { return x>>docBits == y>>docBits }))]
		nShingles[i] = int32(len(post) - start)
	}
	slices.Sort(post)
	// Pass 2: count shared shingles of candidate pairs.
	type pairKey uint64 // earlier<<32 | later
	shared := map[pairKey]int32{}
	mask := uint64(1)<<docBits - 1
	// Shingles in more than MaxDF articles are boilerplate: they make no
	// candidates and are not counted as shared in the alignment either.
	boiler := map[uint64]bool{}
	for k := 0; k < len(post); {
		j := k + 1
		for j < len(post) && post[j]>>docBits == post[k]>>docBits {
			j++
		}
		if j-k > cfg.MaxDF {
			boiler[post[k]>>docBits] = true
		}
		if n := j - k; n >= 2 && n <= cfg.MaxDF {
			for x := k; x < j; x++ {
				for y := x + 1; y < j; y++ {
					s, t := int(post[x]&mask), int(post[y]&mask)
					if src, dst, ok := direct(articles, s, t, cfg.MaxLag); ok {
						shared[pairKey(uint64(src)<<32|uint64(dst))]++
					}
				}
			}
		}
		k = j
	}
	post = nil
	// Candidates need MinShared shared shingles and at least half of
	// MinCoverage of the copy's shingles: a pair below that is incidental
	// overlap (a shared quote), and exact alignment would rarely keep it.
	var cands []pairKey
	for p, n := range shared {
		dst := uint32(p)
		if int(n) >= cfg.MinShared && float64(n) >= cfg.MinCoverage*float64(nShingles[dst])/2 {
			cands = append(cands, p)
		}
	}
	shared = nil
	// Order by the later article, then the source.
	slices.SortFunc(cands, func(x, y pairKey) int {
		return cmp.Or(cmp.Compare(uint32(x), uint32(y)), cmp.Compare(x>>32, y>>32))
	})
	// Pass 3: exact scores and alignments.
	// Sources recur across consecutive copies: keep the last few prepared.
	type prepared struct {
		d  tokText
		rd reuseDoc
	}
	const cacheSize = 256
	cache := map[int]*prepared{}
	var fifo []int
	get := func(i int) *prepared {
		if p, ok := cache[i]; ok {
			return p
		}
		var p *prepared
		if len(fifo) == cacheSize {
			p = cache[fifo[0]]
			delete(cache, fifo[0])
			fifo = fifo[1:]
		} else {
			p = &prepared{}
		}
		prepareReuse(&p.d, &articles[i], cfg.Shingle, &p.rd)
		dropBoiler(&p.rd, boiler)
		cache[i] = p
		fifo = append(fifo, i)
		return p
	}
	var dd tokText
	var rdd reuseDoc
	lastDst := -1
	for _, p := range cands {
		src, dst := int(p>>32), int(uint32(p))
		if dst != lastDst {
			prepareReuse(&dd, &articles[dst], cfg.Shingle, &rdd)
			dropBoiler(&rdd, boiler)
			lastDst = dst
		}
		ps := get(src)
		if pr, ok := alignPair(&articles[src], &articles[dst], &ps.d, &dd, &ps.rd, &rdd, cfg); ok {
			res.Pairs = append(res.Pairs, pr)
		}
	}
	res.Clusters = clusterReuse(articles, res.Pairs)
	return res
}

// dropBoiler marks the boilerplate shingles of rd so that alignment skips
// them; the hash 0 stands for "no shingle".
func dropBoiler(rd *reuseDoc, boiler map[uint64]bool) {
	for p, h := range rd.hashes {
		if boiler[h>>24] {
			rd.hashes[p] = 0
		}
	}
}

// direct orders two articles as (source, copy) when they may be compared:
// different outlets, publication times within maxLag; the earlier one (then
// the smaller ID) is the source.
func direct(articles []framelens.Article, s, t int, maxLag time.Duration) (int, int, bool) {
	a, b := &articles[s], &articles[t]
	if a.Outlet == b.Outlet {
		return 0, 0, false
	}
	if b.Published.Before(a.Published) || b.Published.Equal(a.Published) && b.ID < a.ID {
		s, t, a, b = t, s, b, a
	}
	if b.Published.Sub(a.Published) > maxLag {
		return 0, 0, false
	}
	return s, t, true
}

// alignPair scores one candidate pair exactly.
func alignPair(src, dst *framelens.Article, ds, dd *tokText, rs, rd *reuseDoc, cfg ReuseConfig) (framelens.ReusePair, bool) {
	k := cfg.Shingle
	first := make(map[uint64]int32, len(rs.hashes))
	for p, h := range rs.hashes {
		if h == 0 {
			continue
		}
		if _, ok := first[h]; !ok {
			first[h] = int32(p)
		}
	}
	srcSet := len(first)
	dstSeen := make(map[uint64]bool, len(rd.hashes))
	shared := 0
	covered := make([]bool, len(rd.words))
	// srcAt[p] is the source word where dst shingle p's copy starts, or -1.
	srcAt := make([]int32, len(rd.hashes))
	for p, h := range rd.hashes {
		srcAt[p] = -1
		if h == 0 {
			continue
		}
		sp, ok := first[h]
		if !dstSeen[h] {
			dstSeen[h] = true
			if ok {
				shared++
			}
		}
		if ok {
			srcAt[p] = sp
			for w := p; w < p+k; w++ {
				covered[w] = true
			}
		}
	}
	nCovered := 0
	for _, c := range covered {
		if c {
			nCovered++
		}
	}
	if len(rd.words) == 0 || shared == 0 {
		return framelens.ReusePair{}, false
	}
	coverage := float64(nCovered) / float64(len(rd.words))
	if coverage < cfg.MinCoverage {
		return framelens.ReusePair{}, false
	}
	pr := framelens.ReusePair{
		SrcID: src.ID, DstID: dst.ID, SrcOutlet: src.Outlet, DstOutlet: dst.Outlet,
		Lag: dst.Published.Sub(src.Published), Shared: shared,
		ContainmentDst: float64(shared) / float64(len(dstSeen)),
		ContainmentSrc: float64(shared) / float64(srcSet),
		Jaccard:        float64(shared) / float64(srcSet+len(dstSeen)-shared),
		Coverage:       coverage, Class: framelens.ReusePartially, Agency: rd.agency,
	}
	if coverage >= cfg.Wholly {
		pr.Class = framelens.ReuseWholly
	}
	// Aligned passages: maximal runs of consecutive dst shingles found in
	// the source, each mapped to the source words of its first and last
	// shingle.
	sx, dx := framelens.NewRuneIndex(src.Text), framelens.NewRuneIndex(dst.Text)
	for p := 0; p < len(srcAt); {
		if srcAt[p] < 0 {
			p++
			continue
		}
		q := p
		for q+1 < len(srcAt) && srcAt[q+1] >= 0 {
			q++
		}
		dStart, dEnd := dd.toks[rd.words[p]].Start, dd.toks[rd.words[q+k-1]].End
		sStart, sEnd := ds.toks[rs.words[srcAt[p]]].Start, ds.toks[rs.words[int(srcAt[q])+k-1]].End
		if sEnd < sStart {
			sEnd = ds.toks[rs.words[int(srcAt[p])+k-1]].End
		}
		span := framelens.ReuseSpan{Src: sx.Span(int(sStart), int(sEnd)), Dst: dx.Span(int(dStart), int(dEnd))}
		pr.Spans = append(pr.Spans, span)
		pr.AlignedChars += span.Dst.Len()
		p = q + 1
	}
	return pr, true
}

// clusterReuse groups the articles linked by pairs into connected clusters
// and sets each pair's Cluster.
func clusterReuse(articles []framelens.Article, pairs []framelens.ReusePair) []framelens.ReuseCluster {
	if len(pairs) == 0 {
		return nil
	}
	index := make(map[string]int, len(articles))
	for i := range articles {
		if _, ok := index[articles[i].ID]; !ok {
			index[articles[i].ID] = i
		}
	}
	parent := map[int]int{}
	var find func(int) int
	find = func(x int) int {
		p, ok := parent[x]
		if !ok || p == x {
			parent[x] = x
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	for _, p := range pairs {
		a, b := find(index[p.SrcID]), find(index[p.DstID])
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	members := map[int][]int{}
	for x := range parent {
		r := find(x)
		members[r] = append(members[r], x)
	}
	earlier := func(x, y int) int {
		return cmp.Or(articles[x].Published.Compare(articles[y].Published), cmp.Compare(articles[x].ID, articles[y].ID))
	}
	var roots []int
	for r, ms := range members {
		slices.SortFunc(ms, earlier)
		roots = append(roots, r)
	}
	slices.SortFunc(roots, func(x, y int) int { return earlier(members[x][0], members[y][0]) })
	out := make([]framelens.ReuseCluster, len(roots))
	id := map[int]int{}
	for c, r := range roots {
		ms := members[r]
		ids := make([]string, len(ms))
		for k, m := range ms {
			ids[k] = articles[m].ID
		}
		out[c] = framelens.ReuseCluster{ID: c + 1, Size: len(ms), Source: ids[0], Members: ids}
		id[r] = c + 1
	}
	for k := range pairs {
		pairs[k].Cluster = id[find(index[pairs[k].SrcID])]
	}
	return out
}
