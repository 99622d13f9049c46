package analyze

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/framelens/framelens"
)

// synthTemplates is the template set of Synthesize (see its header for the
// format). It is data, embedded so that the binary can generate without
// files.
//
//go:embed synth/templates.txt
var synthTemplates string

// SynthConfig says what Synthesize generates.
type SynthConfig struct {
	// N is the number of articles.
	N int
	// Seed makes the output reproducible: the same study, N and Seed give
	// the same articles.
	Seed uint64
	// ReuseRate is the share of articles that copy an earlier agency
	// article (wire or state news agency) of another outlet on the same
	// event, wholly or in part (default 0.15).
	ReuseRate float64
}

// Synthesize returns N synthetic articles about the study's events, for
// benchmarks and load tests: every article is built from the template set
// in synth/templates.txt, filled with the study's actors, event keywords
// and the lexicon's variants, dated within three days after its event (one
// in ten is dated weeks later and covers no event), spread over the study's
// outlets, and a share of them copy an earlier article of another outlet.
// The articles are not a sample of any real coverage; their statistics mean
// nothing beyond exercising the pipeline at scale.
func Synthesize(study *framelens.Study, cfg SynthConfig) []framelens.Article {
	if cfg.ReuseRate == 0 {
		cfg.ReuseRate = 0.15
	}
	tpl := parseSynthTemplates(synthTemplates)
	var events []framelens.Event
	for _, e := range study.Events {
		if !e.Background {
			events = append(events, e)
		}
	}
	if len(events) == 0 || len(study.Outlets) == 0 || cfg.N <= 0 {
		return nil
	}
	var actors []string
	for _, a := range study.Actors {
		actors = append(actors, a.Name)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	zipf := rand.NewZipf(rng, 1.1, 1000, 1<<20)
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	out := make([]framelens.Article, 0, cfg.N)
	lastOf := make(map[string][]int) // event -> recent article indexes
	for k := range cfg.N {
		ev := events[rng.IntN(len(events))]
		outlet := study.Outlets[rng.IntN(len(study.Outlets))].ID
		day := eventStart(framelens.Event{Date: ev.Date, TZ: ev.TZ})
		pub := day.Add(time.Duration(8+rng.IntN(72)) * time.Hour).Add(time.Duration(rng.IntN(60)) * time.Minute)
		if rng.IntN(10) == 0 {
			pub = pub.Add(time.Duration(20+rng.IntN(20)) * 24 * time.Hour)
		}
		evActors := actors
		if len(ev.Actors) > 0 {
			evActors = nil
			for _, id := range ev.Actors {
				if a, ok := study.Actor(id); ok {
					evActors = append(evActors, a.Name)
				}
			}
		}
		keywords := append(append([]string{}, ev.Keywords...), ev.Aliases...)
		fill := func(s string) string {
			var b strings.Builder
			for {
				i := strings.IndexByte(s, '{')
				j := strings.IndexByte(s[i+1:], '}')
				if i < 0 || j < 0 {
					b.WriteString(s)
					return b.String()
				}
				b.WriteString(s[:i])
				name := s[i+1 : i+1+j]
				switch name {
				case "ACTOR":
					b.WriteString(pick(evActors))
				case "ACTOR2":
					b.WriteString(pick(actors))
				case "KEYWORD", "KEYWORD2":
					b.WriteString(pick(keywords))
				case "PLACE":
					b.WriteString(ev.Place)
				case "WEEKDAY":
					b.WriteString(pub.Weekday().String())
				case "NUMBER":
					b.WriteString(strconv.Itoa(400 + rng.IntN(200)))
				default:
					if f := tpl.slots[name]; len(f) > 0 {
						s = pick(f) + s[i+2+j:] // fillers may hold slots
						continue
					}
				}
				s = s[i+2+j:]
			}
		}
		a := framelens.Article{
			ID:     fmt.Sprintf("synth-%07d", k),
			Outlet: outlet, Published: pub.UTC(), Language: "en",
			URL: fmt.Sprintf("https://synth.invalid/%s/%d", outlet, k),
		}
		copied := false
		if prev := lastOf[ev.ID]; len(prev) > 0 && rng.Float64() < cfg.ReuseRate {
			src := &out[prev[rng.IntN(len(prev))]]
			if src.Outlet != outlet {
				a.Published = src.Published.Add(time.Duration(1+rng.IntN(5)) * time.Hour)
				a.Title = fill(pick(tpl.titles))
				keep := len(src.Paragraphs)
				if rng.IntN(2) == 0 {
					keep = keep/2 + 1 // partial copy, own paragraphs after
				}
				a.Paragraphs = append(a.Paragraphs, src.Paragraphs[:keep]...)
				copied = true
			}
		}
		if a.Title == "" {
			a.Title = fill(pick(tpl.titles))
		}
		for n := 5 + rng.IntN(6); len(a.Paragraphs) < n; {
			a.Paragraphs = append(a.Paragraphs, perturb(fill(pick(tpl.paras)), rng, zipf))
		}
		a.Text = a.Title + "\n\n" + strings.Join(a.Paragraphs, "\n\n")
		a.CanonicalURL = a.URL
		for _, p := range a.Paragraphs {
			a.Words += wordCount(p)
		}
		out = append(out, a)
		// Only original agency copy is copied, as wire copy is in practice.
		if o, _ := study.Outlet(outlet); len(a.Paragraphs) > 0 && a.Paragraphs[0] != "" && !copied &&
			(o.Kind == framelens.Wire || o.Kind == framelens.StateNewsAgency) {
			l := append(lastOf[ev.ID], len(out)-1)
			if len(l) > 20 {
				l = l[1:]
			}
			lastOf[ev.ID] = l
		}
	}
	return out
}

// perturb replaces about one in five lower-case words of s by a
// pseudo-word drawn from a Zipf distribution, so that independent articles
// built from the same templates share stock phrases but not long passages,
// as real coverage does, and the vocabulary grows with N.
func perturb(s string, rng *rand.Rand, zipf *rand.Zipf) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if len(w) >= 4 && w[0] >= 'a' && w[0] <= 'z' && rng.IntN(5) == 0 {
			words[i] = pseudoWord(zipf.Uint64())
		}
	}
	return strings.Join(words, " ")
}

// pseudoWord spells the number n as a pronounceable word.
func pseudoWord(n uint64) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var b []byte
	for {
		b = append(b, cons[n%14], vows[n/14%5])
		n /= 70
		if n == 0 {
			return string(b)
		}
	}
}

type synthTemplateSet struct {
	slots  map[string][]string
	titles []string
	paras  []string
}

func parseSynthTemplates(src string) synthTemplateSet {
	t := synthTemplateSet{slots: map[string][]string{}}
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "slot "):
			name, fillers, ok := strings.Cut(strings.TrimPrefix(line, "slot "), ":")
			if !ok {
				continue
			}
			for _, f := range strings.Split(fillers, "|") {
				t.slots[strings.TrimSpace(name)] = append(t.slots[strings.TrimSpace(name)], strings.TrimSpace(f))
			}
		case strings.HasPrefix(line, "title:"):
			t.titles = append(t.titles, strings.TrimSpace(strings.TrimPrefix(line, "title:")))
		case strings.HasPrefix(line, "para:"):
			t.paras = append(t.paras, strings.TrimSpace(strings.TrimPrefix(line, "para:")))
		}
	}
	return t
}
