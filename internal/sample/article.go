package sample

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/framelens/framelens"
)

// The page kinds of the sample (FORMAT.md §1).
const (
	KindArticle   = "article"
	KindOffTopic  = "offtopic"
	KindVideo     = "video"
	KindMalformed = "malformed"
)

// An Article is one sample page as written in articles/<outlet>/<slug>.yaml.
// Templates receive it as Page.Article. Values returned by this package
// must not be modified.
type Article struct {
	// File is the source path inside the package, e.g. "articles/tass/ryabkov-nrc.yaml".
	File string `yaml:"-"`
	// Outlet is the study outlet id (the directory name).
	Outlet string `yaml:"-"`

	URL      string   `yaml:"url"`
	Kind     string   `yaml:"kind"`
	Template string   `yaml:"template"`
	Title    string   `yaml:"title"`
	Section  string   `yaml:"section"`
	Tags     []string `yaml:"tags"`
	// PublishedRaw and ModifiedRaw are the RFC 3339 strings of the source;
	// Published and Modified keep the offset written there (zero Modified:
	// none).
	PublishedRaw string    `yaml:"published"`
	ModifiedRaw  string    `yaml:"modified"`
	Published    time.Time `yaml:"-"`
	Modified     time.Time `yaml:"-"`
	Authors      []string  `yaml:"authors"`
	// Dateline is printed by templates before the first paragraph; it is not
	// part of Paragraphs or Text.
	Dateline   string   `yaml:"dateline"`
	Lede       string   `yaml:"lede"`
	Image      *Image   `yaml:"image"`
	Paragraphs []string `yaml:"paragraphs"`
	Related    []Link   `yaml:"related"`
	Embeds     []Embed  `yaml:"embeds"`
	// Charset, when set, is the encoding the page is served in, declared
	// only in <meta>.
	Charset      string   `yaml:"charset"`
	AMP          bool     `yaml:"amp"`
	AMPURL       string   `yaml:"amp_url"`
	TrackingLink bool     `yaml:"tracking_link"`
	RedirectFrom []string `yaml:"redirect_from"`
	// Listed is false for pages kept off listings, sitemaps and feeds.
	Listed  *bool       `yaml:"listed"`
	RawHTML string      `yaml:"raw_html"`
	Gold    Annotations `yaml:"gold"`

	// Text is Title, a blank line and Paragraphs joined by blank lines, as
	// framelens.Article.Text.
	Text string `yaml:"-"`
}

// An Image is an article's lead picture; its caption is not body text.
type Image struct {
	URL     string `yaml:"url"`
	Caption string `yaml:"caption"`
}

// A Link is a related-article link. After is the 1-based paragraph after
// which an inline box goes; 0 puts it after the body.
type Link struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
	After int    `yaml:"after"`
}

// An Embed is a tweet or quote box shown between paragraphs (after the
// 1-based paragraph After). Its text is not body text.
type Embed struct {
	After  int    `yaml:"after"`
	Kind   string `yaml:"kind"`
	Author string `yaml:"author"`
	Handle string `yaml:"handle"`
	Text   string `yaml:"text"`
	URL    string `yaml:"url"`
	Date   string `yaml:"date"`
}

// Annotations holds the annotations of one page (CODEBOOK.md).
type Annotations struct {
	Article        bool              `yaml:"article"`
	DuplicateOf    string            `yaml:"duplicate_of"`
	Events         []string          `yaml:"events"`
	Agencies       []string          `yaml:"agencies"`
	Attributions   []GoldAttribution `yaml:"attributions"`
	QuotedVariants []QuotedVariant   `yaml:"quoted_variants"`
}

// A GoldAttribution is one annotated (speaker, cue, content) triple
// (CODEBOOK.md §3). Content, Cue and SpeakerText are exact text of the
// article.
type GoldAttribution struct {
	Speaker     string                    `yaml:"speaker"`
	SpeakerText string                    `yaml:"speaker_text"`
	Side        framelens.Side            `yaml:"side"`
	Cue         string                    `yaml:"cue"`
	CueClass    framelens.VerbClass       `yaml:"cue_class"`
	Kind        framelens.AttributionKind `yaml:"kind"`
	Content     string                    `yaml:"content"`
	Via         string                    `yaml:"via"`
	Negated     bool                      `yaml:"negated"`
	// Occurrence is which occurrence (1-based) of Content in the text is
	// meant; 0 means 1.
	Occurrence int `yaml:"occurrence"`
}

// A QuotedVariant records where a lexical-variable wording stands
// (CODEBOOK.md §4).
type QuotedVariant struct {
	Variable string `yaml:"variable"`
	Variant  string `yaml:"variant"`
	Text     string `yaml:"text"`
	Voice    string `yaml:"voice"`
}

// IsListed reports whether the page appears on listings, sitemaps and feeds.
func (a *Article) IsListed() bool { return a.Listed == nil || *a.Listed }

// TemplateName returns the template the page is rendered with.
func (a *Article) TemplateName() string {
	if a.Template == "" {
		return "article"
	}
	return a.Template
}

// LastModified returns Modified, or Published when there is none.
func (a *Article) LastModified() time.Time {
	if a.Modified.IsZero() {
		return a.Published
	}
	return a.Modified
}

// AMPLink returns the URL of the AMP variant, or "" without one.
func (a *Article) AMPLink() string {
	if !a.AMP {
		return ""
	}
	if a.AMPURL != "" {
		return a.AMPURL
	}
	if strings.HasSuffix(a.URL, "/") {
		return a.URL + "amp/"
	}
	return a.URL + "/amp"
}

// trackingQuery is what section pages append to tracking_link articles.
const trackingQuery = "utm_source=twitter&utm_medium=social&utm_campaign=inf"

// TrackingURL returns the URL with tracking parameters that listing pages
// print, or "" when the page has none.
func (a *Article) TrackingURL() string {
	if !a.TrackingLink {
		return ""
	}
	return a.URL + "?" + trackingQuery
}

// JoinText builds an article text the way framelens.Article.Text is built.
func JoinText(title string, paragraphs []string) string {
	return title + "\n\n" + strings.Join(paragraphs, "\n\n")
}

// parseArticle decodes one source file strictly. outlet is the directory
// name.
func parseArticle(file, outlet string, data []byte) (*Article, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	a := &Article{File: file, Outlet: outlet}
	if err := dec.Decode(a); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s: %s", file, field, fmt.Sprintf(format, args...)))
	}
	var err error
	if a.PublishedRaw == "" {
		bad("published", "missing")
	} else if a.Published, err = time.Parse(time.RFC3339, a.PublishedRaw); err != nil {
		bad("published", "not RFC 3339: %q", a.PublishedRaw)
	}
	if a.ModifiedRaw != "" {
		if a.Modified, err = time.Parse(time.RFC3339, a.ModifiedRaw); err != nil {
			bad("modified", "not RFC 3339: %q", a.ModifiedRaw)
		}
	}
	a.Text = JoinText(a.Title, a.Paragraphs)
	return a, errors.Join(errs...)
}

// validate checks a parsed article against the study and its outlet's
// templates (FORMAT.md §1, "Validation"). hasTemplate reports whether a
// template of that name exists for the outlet.
func (a *Article) validate(study *framelens.Study, hasTemplate func(outlet, name string) bool) error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s: %s", a.File, field, fmt.Sprintf(format, args...)))
	}
	outlet, ok := study.Outlet(a.Outlet)
	if !ok {
		bad("outlet", "directory %q is not a study outlet", a.Outlet)
	}
	u, err := url.Parse(a.URL)
	switch {
	case a.URL == "":
		bad("url", "missing")
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		bad("url", "not an absolute http(s) URL: %q", a.URL)
	case u.RawQuery != "" || u.Fragment != "":
		bad("url", "has a query or fragment: %q", a.URL)
	case ok && !outlet.HasHost(u.Host):
		bad("url", "host %s is not a domain of outlet %s", u.Host, a.Outlet)
	}
	for i, r := range append(append([]string{}, a.RedirectFrom...), a.AMPURL) {
		if r == "" {
			continue
		}
		if ru, err := url.Parse(r); err != nil || ru.Host == "" || (ok && !outlet.HasHost(ru.Host)) {
			bad(fmt.Sprintf("redirect_from/amp_url[%d]", i), "not a URL of outlet %s: %q", a.Outlet, r)
		}
	}
	if !slices.Contains([]string{KindArticle, KindOffTopic, KindVideo, KindMalformed}, a.Kind) {
		bad("kind", "unknown kind %q", a.Kind)
	}
	if a.Title == "" {
		bad("title", "missing")
	}
	if a.RawHTML == "" {
		if len(a.Paragraphs) == 0 {
			bad("paragraphs", "missing")
		}
		if !hasTemplate(a.Outlet, a.TemplateName()) {
			bad("template", "no template %q for outlet %s", a.TemplateName(), a.Outlet)
		}
	}
	for i, p := range a.Paragraphs {
		if strings.TrimSpace(p) != p || p == "" || strings.Contains(p, "\n\n") {
			bad(fmt.Sprintf("paragraphs[%d]", i), "empty, padded with space or holding a blank line")
		}
	}
	if a.Charset != "" && !strings.EqualFold(a.Charset, "windows-1251") {
		bad("charset", "only windows-1251 is supported, got %q", a.Charset)
	}
	for i, l := range a.Related {
		if l.URL == "" || l.Title == "" || l.After < 0 || l.After > len(a.Paragraphs) {
			bad(fmt.Sprintf("related[%d]", i), "needs title, url and 0 <= after <= %d", len(a.Paragraphs))
		}
	}
	for i, e := range a.Embeds {
		if e.Text == "" || e.After < 1 || e.After > len(a.Paragraphs) {
			bad(fmt.Sprintf("embeds[%d]", i), "needs text and 1 <= after <= %d", len(a.Paragraphs))
		}
	}
	errs = append(errs, a.validateGold(study)...)
	return errors.Join(errs...)
}

var (
	knownSides = []framelens.Side{framelens.SideRussia, framelens.SideUS, framelens.SideNATO,
		framelens.SideEurope, framelens.SideChina, framelens.SideOther, framelens.SideUnknown}
	knownKinds = []framelens.AttributionKind{framelens.Direct, framelens.Indirect, framelens.Mixed,
		framelens.AccordingTo, framelens.Headline, framelens.Agentless}
)

func (a *Article) validateGold(study *framelens.Study) []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: gold.%s: %s", a.File, field, fmt.Sprintf(format, args...)))
	}
	g := a.Gold
	for i, e := range g.Events {
		if _, ok := study.Event(e); !ok {
			bad(fmt.Sprintf("events[%d]", i), "unknown study event %q", e)
		}
	}
	if !g.Article && len(g.Attributions) > 0 {
		bad("attributions", "a page with article: false carries no attributions")
	}
	if g.Article && a.Kind != KindArticle {
		bad("article", "true on a page of kind %s", a.Kind)
	}
	if g.DuplicateOf == a.URL && a.URL != "" {
		bad("duplicate_of", "names the page itself")
	}
	for i, at := range g.Attributions {
		f := fmt.Sprintf("attributions[%d]", i)
		if at.Speaker != "" {
			if _, ok := study.Actor(at.Speaker); !ok {
				bad(f+".speaker", "unknown study actor %q", at.Speaker)
			}
		}
		if !slices.Contains(knownSides, at.Side) {
			bad(f+".side", "unknown side %q", at.Side)
		}
		if !slices.Contains(knownKinds, at.Kind) {
			bad(f+".kind", "unknown kind %q", at.Kind)
		}
		if !slices.Contains(framelens.VerbClasses, at.CueClass) {
			bad(f+".cue_class", "unknown class %q", at.CueClass)
		} else if c, ok := lexiconClass(study, at.Cue); ok && c != at.CueClass {
			bad(f+".cue_class", "%s, but the lexicon gives %q class %s", at.CueClass, at.Cue, c)
		}
		if at.Content == "" {
			bad(f+".content", "missing")
		} else if n := strings.Count(a.Text, at.Content); n < max(at.Occurrence, 1) {
			bad(f+".content", "%q occurs %d times in the text, want >= %d", at.Content, n, max(at.Occurrence, 1))
		}
		if at.Cue == "" {
			bad(f+".cue", "missing")
		} else if !strings.Contains(a.Text, at.Cue) {
			bad(f+".cue", "%q is not in the text", at.Cue)
		}
		switch {
		case at.Kind == framelens.Agentless && at.SpeakerText != "":
			bad(f+".speaker_text", "set on an agentless attribution")
		case at.Kind != framelens.Agentless && at.SpeakerText == "":
			bad(f+".speaker_text", "missing")
		case !strings.Contains(a.Text, at.SpeakerText):
			bad(f+".speaker_text", "%q is not in the text", at.SpeakerText)
		}
	}
	return errs
}

// lexiconClass returns the class of the reporting verb of which cue is a
// listed form. Multi-word cues such as "told reporters" are looked up by
// their longest listed prefix.
func lexiconClass(study *framelens.Study, cue string) (framelens.VerbClass, bool) {
	cue = strings.ToLower(cue)
	best, class := 0, framelens.VerbClass("")
	for _, v := range study.Lexicons.ReportingVerbs {
		for _, f := range v.Forms {
			if (cue == f || strings.HasPrefix(cue, f+" ")) && len(f) > best {
				best, class = len(f), v.Class
			}
		}
	}
	return class, best > 0
}
