package studyfile

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/andybalholm/cascadia"
	"go.yaml.in/yaml/v3"

	"github.com/framelens/framelens"
)

// slug is the form of every id in a study: lower-case letters, digits and
// inner dashes or underscores.
var slug = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*$`)

var sides = map[framelens.Side]bool{
	framelens.SideRussia: true, framelens.SideUS: true, framelens.SideNATO: true,
	framelens.SideEurope: true, framelens.SideChina: true, framelens.SideOther: true,
}

var outletKinds = map[framelens.OutletKind]bool{
	framelens.StateNewsAgency: true, framelens.PublicBroadcaster: true, framelens.StateBroadcaster: true,
	framelens.Wire: true, framelens.Newspaper: true, framelens.Government: true,
	framelens.Alliance: true, framelens.CommercialChannel: true,
}

var hedgeKinds = map[string]bool{"adjective": true, "adverb": true, "evidential": true, "construction": true}

// validator collects semantic errors, locating each in the YAML tree.
type validator struct {
	file string
	root *yaml.Node
	errs []error
}

// at records a problem at the field named by path (keys and indexes).
func (v *validator) at(path []any, format string, args ...any) {
	v.errs = append(v.errs, &Error{
		File:  v.file,
		Line:  lineOf(v.root, path),
		Field: fieldName(path),
		Msg:   fmt.Sprintf(format, args...),
	})
}

func fieldName(path []any) string {
	var s string
	for _, p := range path {
		switch p := p.(type) {
		case string:
			if s != "" {
				s += "."
			}
			s += p
		case int:
			s += "[" + strconv.Itoa(p) + "]"
		}
	}
	return s
}

// lineOf finds the line of the deepest node along path that exists.
func lineOf(n *yaml.Node, path []any) int {
	line := n.Line
	for _, p := range path {
		var next *yaml.Node
		switch p := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == p {
						next = n.Content[i+1]
						line = n.Content[i].Line
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && p < len(n.Content) {
				next = n.Content[p]
			}
		}
		if next == nil {
			return line
		}
		n = next
		line = n.Line
	}
	return line
}

func p(path ...any) []any { return path }

func (v *validator) id(path []any, id string, seen map[string]bool) {
	switch {
	case id == "":
		v.at(path, "missing")
	case !slug.MatchString(id):
		v.at(path, "%q is not a slug (lower-case letters, digits, - or _)", id)
	case seen[id]:
		v.at(path, "duplicate id %q", id)
	}
	seen[id] = true
}

func (v *validator) date(path []any, s string, required bool) {
	if s == "" {
		if required {
			v.at(path, "missing (want YYYY-MM-DD)")
		}
		return
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		v.at(path, "%q is not a date (want YYYY-MM-DD)", s)
	}
}

func (v *validator) absURL(path []any, s string) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.at(path, "%q is not an absolute http(s) URL", s)
	}
}

func (v *validator) selector(path []any, s string) {
	if s == "" {
		return
	}
	if _, err := cascadia.ParseGroup(s); err != nil {
		v.at(path, "bad CSS selector %q: %v", s, err)
	}
}

func (v *validator) study(s *framelens.Study) {
	if s.ID == "" {
		v.at(p("id"), "missing")
	}
	if s.Title == "" {
		v.at(p("title"), "missing")
	}
	v.date(p("window", "start"), s.Window.Start, true)
	v.date(p("window", "end"), s.Window.End, true)
	if s.Window.Start != "" && s.Window.End != "" && s.Window.End < s.Window.Start {
		v.at(p("window", "end"), "%s is before start %s", s.Window.End, s.Window.Start)
	}

	actors := map[string]bool{}
	for i, a := range s.Actors {
		v.id(p("actors", i, "id"), a.ID, actors)
		if a.Name == "" {
			v.at(p("actors", i, "name"), "missing")
		}
		switch a.Kind {
		case framelens.Person, framelens.Organization, framelens.Place:
		default:
			v.at(p("actors", i, "kind"), "%q is not person, organization or place", a.Kind)
		}
		if !sides[a.Side] {
			v.at(p("actors", i, "side"), "%q is not a side (russia, us, nato, europe, china, other)", a.Side)
		}
		if a.Gender != "" && a.Gender != "f" && a.Gender != "m" {
			v.at(p("actors", i, "gender"), "%q is not f, m or empty", a.Gender)
		}
	}

	events := map[string]bool{}
	if len(s.Events) == 0 {
		v.at(p("events"), "a study needs at least one event")
	}
	for i, e := range s.Events {
		v.id(p("events", i, "id"), e.ID, events)
		v.date(p("events", i, "date"), e.Date, true)
		if e.Time != "" {
			if _, err := time.Parse("15:04", e.Time); err != nil {
				v.at(p("events", i, "time"), "%q is not a clock time (want HH:MM)", e.Time)
			}
		}
		if e.TZ != "" {
			if _, err := time.LoadLocation(e.TZ); err != nil {
				v.at(p("events", i, "tz"), "unknown time zone %q", e.TZ)
			}
		}
		if e.Title == "" {
			v.at(p("events", i, "title"), "missing")
		}
		if len(e.Keywords) == 0 && !e.Background {
			v.at(p("events", i, "keywords"), "an event needs keywords to be aligned")
		}
		for j, a := range e.Actors {
			if !actors[a] {
				v.at(p("events", i, "actors", j), "unknown actor %q", a)
			}
		}
	}

	outlets := map[string]bool{}
	if len(s.Outlets) == 0 {
		v.at(p("outlets"), "a study needs at least one outlet")
	}
	for i, o := range s.Outlets {
		v.id(p("outlets", i, "id"), o.ID, outlets)
		if o.Name == "" {
			v.at(p("outlets", i, "name"), "missing")
		}
		if len(o.Domains) == 0 {
			v.at(p("outlets", i, "domains"), "an outlet needs at least one domain")
		}
		if !outletKinds[o.Kind] {
			v.at(p("outlets", i, "kind"), "unknown outlet kind %q", o.Kind)
		}
		if o.Side != "" && !sides[o.Side] {
			v.at(p("outlets", i, "side"), "%q is not a side", o.Side)
		}
		d := o.Discovery
		for j, sec := range d.Sections {
			v.absURL(p("outlets", i, "discovery", "sections", j, "url"), sec.URL)
			v.selector(p("outlets", i, "discovery", "sections", j, "links"), sec.Links)
			v.selector(p("outlets", i, "discovery", "sections", j, "next"), sec.Next)
			if sec.MaxPages < 0 {
				v.at(p("outlets", i, "discovery", "sections", j, "max_pages"), "must not be negative")
			}
		}
		for j, u := range d.Sitemaps {
			v.absURL(p("outlets", i, "discovery", "sitemaps", j), u)
		}
		for j, u := range d.Feeds {
			v.absURL(p("outlets", i, "discovery", "feeds", j), u)
		}
		for j, u := range d.URLs {
			v.absURL(p("outlets", i, "discovery", "urls", j), u)
		}
		for j, w := range d.Wayback {
			if w.Prefix == "" {
				v.at(p("outlets", i, "discovery", "wayback", j, "prefix"), "missing")
			}
		}
		for j, pat := range d.ArticlePatterns {
			if _, err := regexp.Compile(pat); err != nil {
				v.at(p("outlets", i, "discovery", "article_patterns", j), "bad pattern: %v", err)
			}
		}
		if h := o.Hints; h != nil {
			v.selector(p("outlets", i, "hints", "title"), h.Title)
			v.selector(p("outlets", i, "hints", "body"), h.Body)
			v.selector(p("outlets", i, "hints", "published"), h.Published)
			v.selector(p("outlets", i, "hints", "byline"), h.Byline)
			for j, sel := range h.Drop {
				v.selector(p("outlets", i, "hints", "drop", j), sel)
			}
		}
	}

	classes := map[framelens.VerbClass]bool{}
	for _, c := range framelens.VerbClasses {
		classes[c] = true
	}
	lemmas := map[string]bool{}
	for i, rv := range s.Lexicons.ReportingVerbs {
		if rv.Lemma == "" {
			v.at(p("lexicons", "reporting_verbs", i, "lemma"), "missing")
		} else if lemmas[rv.Lemma] {
			v.at(p("lexicons", "reporting_verbs", i, "lemma"), "duplicate lemma %q", rv.Lemma)
		}
		lemmas[rv.Lemma] = true
		if len(rv.Forms) == 0 {
			v.at(p("lexicons", "reporting_verbs", i, "forms"), "list every form, the lemma included")
		}
		if !classes[rv.Class] {
			v.at(p("lexicons", "reporting_verbs", i, "class"), "unknown verb class %q", rv.Class)
		}
	}
	vars := map[string]bool{}
	for i, va := range s.Lexicons.Variables {
		v.id(p("lexicons", "variables", i, "id"), va.ID, vars)
		if len(va.Variants) < 2 {
			v.at(p("lexicons", "variables", i, "variants"), "a variable needs at least two variants")
		}
		variants := map[string]bool{}
		for j, vr := range va.Variants {
			v.id(p("lexicons", "variables", i, "variants", j, "id"), vr.ID, variants)
			if len(vr.Patterns) == 0 {
				v.at(p("lexicons", "variables", i, "variants", j, "patterns"), "missing")
			}
		}
	}
	hedges := map[string]bool{}
	for i, h := range s.Lexicons.Hedges {
		v.id(p("lexicons", "hedges", i, "id"), h.ID, hedges)
		if !hedgeKinds[h.Kind] {
			v.at(p("lexicons", "hedges", i, "kind"), "%q is not adjective, adverb, evidential or construction", h.Kind)
		}
		if len(h.Patterns) == 0 {
			v.at(p("lexicons", "hedges", i, "patterns"), "missing")
		}
	}
}
