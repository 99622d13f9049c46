package sample

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/internal/studyfile"
)

//go:embed sites.yaml articles all:templates
var files embed.FS

// siteConf is one outlet's entry in sites.yaml.
type siteConf struct {
	// PageSize is the number of items per listing page (default 4).
	PageSize int `yaml:"page_size"`
	// Pagination is "?page={n}" (a query parameter) or "/page/{n}" (a path
	// suffix of the section URL).
	Pagination string `yaml:"pagination"`
	// Robots is the robots.txt body; empty gives the default.
	Robots string `yaml:"robots"`
}

// A corpus is the parsed sample: study, articles, templates and the
// rendered resources of every host.
type corpus struct {
	study    *framelens.Study
	sites    map[string]siteConf
	articles []*Article
	tmpl     templates
	hosts    map[string]*vhost
}

// load parses and renders the embedded sample once.
var load = sync.OnceValues(func() (*corpus, error) {
	study, err := studyfile.Default()
	if err != nil {
		return nil, fmt.Errorf("load study: %w", err)
	}
	return newCorpus(files, study)
})

// newCorpus parses, validates and renders the sample held in fsys.
func newCorpus(fsys fs.FS, study *framelens.Study) (*corpus, error) {
	c := &corpus{study: study, hosts: map[string]*vhost{}}
	data, err := fs.ReadFile(fsys, "sites.yaml")
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c.sites); err != nil {
		return nil, fmt.Errorf("sites.yaml: %w", err)
	}
	for id := range c.sites {
		if _, ok := study.Outlet(id); !ok {
			return nil, fmt.Errorf("sites.yaml: %s: not a study outlet", id)
		}
	}
	if c.tmpl, err = parseTemplates(fsys); err != nil {
		return nil, err
	}
	paths, err := fs.Glob(fsys, "articles/*/*.yaml")
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		a, err := parseArticle(p, path.Base(path.Dir(p)), data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := a.validate(study, c.tmpl.has); err != nil {
			errs = append(errs, err)
			continue
		}
		c.articles = append(c.articles, a)
	}
	errs = append(errs, c.checkURLs())
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	// Newest first, as listings show them; ties by URL for determinism.
	slices.SortStableFunc(c.articles, func(a, b *Article) int {
		if d := b.Published.Compare(a.Published); d != 0 {
			return d
		}
		return strings.Compare(a.URL, b.URL)
	})
	if err := c.build(); err != nil {
		return nil, err
	}
	return c, nil
}

// checkURLs makes sure no two pages claim the same URL and that duplicates
// point at sample pages.
func (c *corpus) checkURLs() error {
	var errs []error
	owner := map[string]string{}
	claim := func(u, file string) {
		if prev, ok := owner[u]; ok {
			errs = append(errs, fmt.Errorf("%s: url %s already used by %s", file, u, prev))
			return
		}
		owner[u] = file
	}
	for _, a := range c.articles {
		claim(a.URL, a.File)
		if l := a.AMPLink(); l != "" {
			claim(l, a.File)
		}
		for _, r := range a.RedirectFrom {
			claim(r, a.File)
		}
	}
	for _, a := range c.articles {
		if d := a.Gold.DuplicateOf; d != "" {
			if _, ok := owner[d]; !ok {
				errs = append(errs, fmt.Errorf("%s: gold.duplicate_of: %s is not a sample page", a.File, d))
			}
		}
	}
	return errors.Join(errs...)
}

// outletArticles returns the outlet's articles, newest first.
func (c *corpus) outletArticles(id string) []*Article {
	var out []*Article
	for _, a := range c.articles {
		if a.Outlet == id {
			out = append(out, a)
		}
	}
	return out
}

// outletsWithArticles returns the ids of the outlets with at least one page,
// in study order.
func (c *corpus) outletsWithArticles() []framelens.Outlet {
	var out []framelens.Outlet
	for _, o := range c.study.Outlets {
		if len(c.outletArticles(o.ID)) > 0 {
			out = append(out, o)
		}
	}
	return out
}

// site returns the template view of outlet o on the host of rawURL.
func (c *corpus) site(o framelens.Outlet, rawURL string) *Site {
	u, _ := url.Parse(rawURL)
	s := &Site{ID: o.ID, Name: o.Name, Agency: o.Agency, Host: u.Host, Home: u.Scheme + "://" + u.Host + "/"}
	for _, sec := range o.Discovery.Sections {
		s.Sections = append(s.Sections, Link{Title: sectionTitle(sec.URL), URL: sec.URL})
	}
	if len(o.Discovery.Feeds) > 0 {
		s.Feed = o.Discovery.Feeds[0]
	}
	return s
}

// sectionTitle names a section after the last segment of its path:
// "https://tass.com/world" -> "World", ".../arms-control" -> "Arms Control".
func sectionTitle(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	seg := path.Base(strings.TrimSuffix(u.Path, "/"))
	seg = strings.TrimSuffix(seg, path.Ext(seg))
	words := strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	if len(words) == 0 {
		return u.Host
	}
	return strings.Join(words, " ")
}
