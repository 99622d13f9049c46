package framelens

import (
	"strings"
	"time"
)

// A Study is the research configuration of one comparison: the events whose
// coverage is compared, the outlets that covered them, the actors who may be
// quoted and the lexicons the analyzers count. A study is data: it is read
// from a YAML file (see studies/inf.yaml and the loader in
// internal/studyfile), never compiled in as Go.
type Study struct {
	// ID names the study in file metadata, e.g. "inf-2018".
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// Version is the study author's version string; the study hash, not this
	// field, identifies the exact content in every output.
	Version string `yaml:"version"`
	// Window bounds the crawl and the relevance filter: articles published
	// outside it are not articles of the study.
	Window Window `yaml:"window"`
	// Keywords are terms that make a page relevant to the study as a whole
	// (matched case-insensitively on word boundaries).
	Keywords []string `yaml:"keywords"`
	Events   []Event  `yaml:"events"`
	Outlets  []Outlet `yaml:"outlets"`
	Actors   []Actor  `yaml:"actors"`
	Lexicons Lexicons `yaml:"lexicons"`

	// Hash is the hex SHA-256 of the study file's bytes, set by the loader.
	Hash string `yaml:"-"`
}

// A Window is an inclusive range of calendar dates, in "2006-01-02" form.
type Window struct {
	Start string `yaml:"start"`
	End   string `yaml:"end"`
}

// Contains reports whether t falls on a day inside the window. The day of t
// is taken in UTC; an unparsable bound is treated as open.
func (w Window) Contains(t time.Time) bool {
	day := t.UTC().Format(time.DateOnly)
	if w.Start != "" && day < w.Start {
		return false
	}
	if w.End != "" && day > w.End {
		return false
	}
	return true
}

// An Event is something that happened and that outlets covered.
type Event struct {
	// ID is a short stable slug, e.g. "ultimatum-2018-12-04".
	ID string `yaml:"id"`
	// Date is the calendar day of the event in its own time zone, "2006-01-02".
	Date string `yaml:"date"`
	// Time is the local clock time when known, "15:04"; empty when not.
	Time string `yaml:"time,omitempty"`
	// TZ is the IANA time zone of the place of the event, e.g. "Europe/Moscow".
	TZ          string `yaml:"tz,omitempty"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// Place is where the event happened, e.g. "Geneva".
	Place string `yaml:"place,omitempty"`
	// Keywords are words and phrases whose presence in an article is evidence
	// that it covers the event.
	Keywords []string `yaml:"keywords"`
	// Aliases are other names of the event ("the 60-day ultimatum").
	Aliases []string `yaml:"aliases,omitempty"`
	// Actors lists the IDs of the actors most involved.
	Actors []string `yaml:"actors,omitempty"`
	// Background marks dates that give context (the signing of the treaty)
	// but that the study does not compare coverage of.
	Background bool `yaml:"background,omitempty"`
}

// Day returns the event's date as midnight in its time zone (UTC when TZ is
// empty or unknown). It returns the zero time if Date does not parse.
func (e Event) Day() time.Time {
	loc := time.UTC
	if e.TZ != "" {
		if l, err := time.LoadLocation(e.TZ); err == nil {
			loc = l
		}
	}
	d, err := time.ParseInLocation(time.DateOnly, e.Date, loc)
	if err != nil {
		return time.Time{}
	}
	return d
}

// OutletKind classifies outlets for the comparison.
type OutletKind string

// The outlet kinds a study may use.
const (
	StateNewsAgency   OutletKind = "state_news_agency"
	PublicBroadcaster OutletKind = "public_broadcaster"
	StateBroadcaster  OutletKind = "state_broadcaster"
	Wire              OutletKind = "wire"
	Newspaper         OutletKind = "newspaper"
	Government        OutletKind = "government"
	Alliance          OutletKind = "alliance"
	CommercialChannel OutletKind = "commercial_broadcaster"
)

// An Outlet is a publisher whose coverage the study compares.
type Outlet struct {
	// ID is a short slug used in every table, e.g. "tass".
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Domains are the host names the outlet publishes on, without "www.".
	// A URL belongs to the outlet when its host is one of them or a
	// subdomain of one.
	Domains []string   `yaml:"domains"`
	Country string     `yaml:"country"`
	Kind    OutletKind `yaml:"kind"`
	// Side is the camp the outlet belongs to, if any (a state agency's state).
	Side Side `yaml:"side,omitempty"`
	// Language is the BCP 47 tag of the edition studied, e.g. "en".
	Language  string    `yaml:"language"`
	Discovery Discovery `yaml:"discovery"`
	// Hints are optional selectors that help the generic extractor on this
	// outlet's pages; the extractor works without them.
	Hints *Hints `yaml:"hints,omitempty"`
	// Agency is how the outlet credits itself in datelines and bylines
	// ("TASS", "Reuters"); it lets normalize tell an agency credit from an
	// author name.
	Agency string `yaml:"agency,omitempty"`
}

// HasHost reports whether host (with or without "www.", any letter case,
// without port) belongs to the outlet.
func (o Outlet) HasHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], "]") {
		host = host[:i]
	}
	for _, d := range o.Domains {
		d = strings.ToLower(d)
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// Discovery says where the crawler finds an outlet's articles.
type Discovery struct {
	// Sections are section, tag or search pages whose links lead to articles.
	Sections []Section `yaml:"sections,omitempty"`
	// Sitemaps are sitemap or sitemap-index URLs (plain or .gz, news sitemaps
	// included).
	Sitemaps []string `yaml:"sitemaps,omitempty"`
	// Feeds are RSS or Atom feed URLs.
	Feeds []string `yaml:"feeds,omitempty"`
	// Wayback are URL prefixes to look up in the Wayback Machine's CDX API for
	// past coverage.
	Wayback []WaybackRule `yaml:"wayback,omitempty"`
	// ArticlePatterns are RE2 regular expressions; a discovered URL that
	// matches one is treated as an article candidate. With none, every
	// same-outlet link from a section page is a candidate.
	ArticlePatterns []string `yaml:"article_patterns,omitempty"`
	// URLs are article URLs to fetch as they are.
	URLs []string `yaml:"urls,omitempty"`
}

// A Section is a listing page and how to walk it.
type Section struct {
	URL string `yaml:"url"`
	// Links is a CSS selector for article links; empty means every <a href>.
	Links string `yaml:"links,omitempty"`
	// Next is a CSS selector for the link to the next page; empty means
	// rel=next links.
	Next string `yaml:"next,omitempty"`
	// MaxPages bounds pagination; zero means 20.
	MaxPages int `yaml:"max_pages,omitempty"`
}

// A WaybackRule asks the Wayback CDX API for captures under a URL prefix.
type WaybackRule struct {
	// Prefix is a URL prefix such as "tass.com/world/".
	Prefix string `yaml:"prefix"`
	// From and To are CDX timestamps (1-14 digits, inclusive); empty means
	// the study window.
	From string `yaml:"from,omitempty"`
	To   string `yaml:"to,omitempty"`
}

// Hints are per-outlet extraction hints: CSS selectors that override the
// generic extractor where they match.
type Hints struct {
	Title     string   `yaml:"title,omitempty"`
	Body      string   `yaml:"body,omitempty"`
	Published string   `yaml:"published,omitempty"`
	Byline    string   `yaml:"byline,omitempty"`
	Drop      []string `yaml:"drop,omitempty"`
}

// Side is the camp a speaker or outlet stands for.
type Side string

// The sides of the INF study. A study may use other values.
const (
	SideRussia  Side = "russia"
	SideUS      Side = "us"
	SideNATO    Side = "nato"
	SideEurope  Side = "europe"
	SideChina   Side = "china"
	SideOther   Side = "other"
	SideUnknown Side = "unknown"
)

// ActorKind tells people from organisations and places used as speakers.
type ActorKind string

// The actor kinds.
const (
	Person       ActorKind = "person"
	Organization ActorKind = "organization"
	// Place is a capital or country used metonymically ("Moscow said").
	Place ActorKind = "place"
)

// An Actor is a person or organisation that may speak in the coverage.
type Actor struct {
	// ID is a stable slug, e.g. "ryabkov".
	ID string `yaml:"id"`
	// Name is the canonical name, e.g. "Sergei Ryabkov".
	Name string    `yaml:"name"`
	Kind ActorKind `yaml:"kind"`
	// Aliases are other spellings, transliterations and short forms
	// ("Sergey Ryabkov", "Ryabkov"). Matching is case-sensitive for names.
	Aliases []string `yaml:"aliases,omitempty"`
	// Titles are the titles and role phrases that precede or stand for the
	// name ("Deputy Foreign Minister", "the diplomat").
	Titles []string `yaml:"titles,omitempty"`
	// Organization is the actor's organisation ("Russian Foreign Ministry").
	Organization string `yaml:"organization,omitempty"`
	Side         Side   `yaml:"side"`
	// Gender is "f", "m" or empty; it lets pronouns resolve.
	Gender string `yaml:"gender,omitempty"`
}

// Lexicons are the word lists the analyzers count with.
type Lexicons struct {
	ReportingVerbs []ReportingVerb `yaml:"reporting_verbs"`
	Variables      []Variable      `yaml:"variables"`
	Hedges         []Hedge         `yaml:"hedges"`
}

// A ReportingVerb is a cue lemma with its surface forms and class.
type ReportingVerb struct {
	Lemma string `yaml:"lemma"`
	// Forms are the inflected forms to match ("says", "said", "saying").
	Forms []string  `yaml:"forms"`
	Class VerbClass `yaml:"class"`
}

// A Variable is a lexical variable: one referent, several wordings.
type Variable struct {
	ID          string    `yaml:"id"`
	Description string    `yaml:"description"`
	Variants    []Variant `yaml:"variants"`
}

// A Variant is one wording of a lexical variable.
type Variant struct {
	ID string `yaml:"id"`
	// Patterns are phrases matched case-insensitively on word boundaries,
	// every inflected form listed explicitly so scholars can audit them.
	// A "..." token allows up to three words in between ("pull ... out").
	Patterns []string `yaml:"patterns"`
}

// A Hedge is a distancing or evidential marker.
type Hedge struct {
	ID string `yaml:"id"`
	// Kind is "adjective", "adverb", "evidential" or "construction".
	Kind     string   `yaml:"kind"`
	Patterns []string `yaml:"patterns"`
}

// Outlet returns the outlet with the given ID.
func (s *Study) Outlet(id string) (Outlet, bool) {
	for _, o := range s.Outlets {
		if o.ID == id {
			return o, true
		}
	}
	return Outlet{}, false
}

// OutletForHost returns the outlet that publishes on host.
func (s *Study) OutletForHost(host string) (Outlet, bool) {
	for _, o := range s.Outlets {
		if o.HasHost(host) {
			return o, true
		}
	}
	return Outlet{}, false
}

// Event returns the event with the given ID.
func (s *Study) Event(id string) (Event, bool) {
	for _, e := range s.Events {
		if e.ID == id {
			return e, true
		}
	}
	return Event{}, false
}

// Actor returns the actor with the given ID.
func (s *Study) Actor(id string) (Actor, bool) {
	for _, a := range s.Actors {
		if a.ID == id {
			return a, true
		}
	}
	return Actor{}, false
}
