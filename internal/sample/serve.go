package sample

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/framelens/framelens"
)

// A resource is one prepared response.
type resource struct {
	status       int // 0 means 200
	contentType  string
	location     string
	body         []byte
	lastModified time.Time
}

// A vhost holds the resources of one host name.
type vhost struct {
	exact map[string]*resource
	// paged holds listings paginated by a query parameter, by path.
	paged map[string]*paged
}

type paged struct {
	param string
	pages []*resource
}

const (
	htmlUTF8 = "text/html; charset=utf-8"
	xmlType  = "application/xml; charset=utf-8"
	rssType  = "application/rss+xml; charset=utf-8"
)

// Handler returns the handler of the whole sample web: it picks the site by
// the request's Host header (port ignored) and answers 421 for hosts that
// are not in the sample. If the embedded sample does not load (a bug caught
// by the package tests), every request gets a 500 naming the error.
func Handler() http.Handler {
	c, err := load()
	if err != nil {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "sample: "+err.Error(), http.StatusInternalServerError)
		})
	}
	return c
}

// Hosts returns the host names the sample serves, sorted.
func Hosts() ([]string, error) {
	c, err := load()
	if err != nil {
		return nil, err
	}
	return c.hostNames(), nil
}

func (c *corpus) hostNames() []string {
	var hs []string
	for h := range c.hosts {
		hs = append(hs, h)
	}
	slices.Sort(hs)
	return hs
}

func (c *corpus) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(r.Host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	vh := c.hosts[host]
	if vh == nil {
		http.Error(w, "sample: unknown host "+host, http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if pg := vh.paged[r.URL.Path]; pg != nil {
		n := 1
		if v := r.URL.Query().Get(pg.param); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil {
				n = -1
			}
		}
		if n < 1 || n > len(pg.pages) {
			http.NotFound(w, r)
			return
		}
		serve(w, r, pg.pages[n-1])
		return
	}
	res := vh.exact[r.URL.Path]
	if res == nil {
		http.NotFound(w, r)
		return
	}
	serve(w, r, res)
}

func serve(w http.ResponseWriter, r *http.Request, res *resource) {
	if res.location != "" {
		http.Redirect(w, r, res.location, res.status)
		return
	}
	w.Header().Set("Content-Type", res.contentType)
	http.ServeContent(w, r, "", res.lastModified, bytes.NewReader(res.body))
}

// add registers res at rawURL; a URL claimed twice is an error.
func (c *corpus) add(rawURL string, res *resource) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return err
	}
	vh := c.vhost(u.Host)
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if _, dup := vh.exact[p]; dup {
		return fmt.Errorf("serve %s: url claimed twice", rawURL)
	}
	vh.exact[p] = res
	return nil
}

func (c *corpus) vhost(host string) *vhost {
	host = strings.ToLower(host)
	vh := c.hosts[host]
	if vh == nil {
		vh = &vhost{exact: map[string]*resource{}, paged: map[string]*paged{}}
		c.hosts[host] = vh
	}
	return vh
}

// build renders every resource of every outlet with articles.
func (c *corpus) build() error {
	for _, o := range c.outletsWithArticles() {
		if err := c.buildOutlet(o); err != nil {
			return fmt.Errorf("build %s: %w", o.ID, err)
		}
	}
	return nil
}

func (c *corpus) buildOutlet(o framelens.Outlet) error {
	conf := c.sites[o.ID]
	if conf.PageSize <= 0 {
		conf.PageSize = 4
	}
	if conf.Pagination == "" {
		conf.Pagination = "?page={n}"
	}
	arts := c.outletArticles(o.ID)
	hosts := map[string]bool{}
	for _, a := range arts {
		if err := c.buildArticle(o, a); err != nil {
			return err
		}
		for _, u := range append([]string{a.URL, a.AMPLink()}, a.RedirectFrom...) {
			if u != "" {
				hosts[hostOf(u)] = true
			}
		}
	}
	var listed []*Article
	for _, a := range arts {
		if a.IsListed() {
			listed = append(listed, a)
		}
	}
	for i, sec := range o.Discovery.Sections {
		hosts[hostOf(sec.URL)] = true
		var items []*Article
		for _, a := range listed {
			if c.sectionOf(o, a) == i {
				items = append(items, a)
			}
		}
		if err := c.buildSection(o, conf, sec, items); err != nil {
			return err
		}
	}
	for _, f := range o.Discovery.Feeds {
		hosts[hostOf(f)] = true
		body, err := rssFeed(o, f, listed)
		if err != nil {
			return err
		}
		if err := c.add(f, &resource{contentType: rssType, body: body}); err != nil {
			return err
		}
	}
	for _, s := range o.Discovery.Sitemaps {
		hosts[hostOf(s)] = true
		if err := c.buildSitemap(o, s, listed); err != nil {
			return err
		}
	}
	for h := range hosts {
		robots := conf.Robots
		if robots == "" {
			robots = "User-agent: *\nDisallow: /search\n"
		}
		for _, s := range o.Discovery.Sitemaps {
			if hostOf(s) == h {
				robots += "\nSitemap: " + s + "\n"
			}
		}
		scheme := "https"
		for _, a := range arts {
			if hostOf(a.URL) == h {
				scheme = strings.SplitN(a.URL, ":", 2)[0]
				break
			}
		}
		if err := c.add(scheme+"://"+h+"/robots.txt", &resource{contentType: "text/plain; charset=utf-8", body: []byte(robots)}); err != nil {
			return err
		}
	}
	return nil
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

// sectionOf returns the index of the section that lists a: the first whose
// host is a's and whose path is a prefix of a's path, else 0.
func (c *corpus) sectionOf(o framelens.Outlet, a *Article) int {
	au, _ := url.Parse(a.URL)
	for i, sec := range o.Discovery.Sections {
		su, err := url.Parse(sec.URL)
		if err != nil || !strings.EqualFold(su.Host, au.Host) {
			continue
		}
		if strings.HasPrefix(au.Path, strings.TrimSuffix(su.Path, "/")+"/") {
			return i
		}
	}
	return 0
}

func (c *corpus) buildArticle(o framelens.Outlet, a *Article) error {
	site := c.site(o, a.URL)
	res := &resource{contentType: htmlUTF8, lastModified: a.LastModified()}
	var err error
	switch {
	case a.RawHTML != "":
		res.body, err = rawBytes(a.RawHTML)
	default:
		res.body, err = render(c.tmpl.lookup(o.ID, a.TemplateName()), newPage(site, a, false), a.Charset)
		if a.Charset != "" {
			res.contentType = "text/html"
		}
	}
	if err != nil {
		return fmt.Errorf("render %s: %w", a.File, err)
	}
	if err := c.add(a.URL, res); err != nil {
		return err
	}
	if l := a.AMPLink(); l != "" {
		tm := c.tmpl.lookup(o.ID, "amp")
		if tm == nil {
			return fmt.Errorf("render %s: no amp template", a.File)
		}
		body, err := render(tm, newPage(site, a, true), "")
		if err != nil {
			return fmt.Errorf("render %s (amp): %w", a.File, err)
		}
		if err := c.add(l, &resource{contentType: htmlUTF8, body: body, lastModified: a.LastModified()}); err != nil {
			return err
		}
	}
	for _, r := range a.RedirectFrom {
		if err := c.add(r, &resource{status: http.StatusMovedPermanently, location: a.URL}); err != nil {
			return err
		}
	}
	return nil
}

// pageURL returns the URL of page n of a section under the pagination
// pattern ("?page={n}" or "/page/{n}").
func pageURL(secURL, pattern string, n int) string {
	if n == 1 {
		return secURL
	}
	num := strconv.Itoa(n)
	if strings.HasPrefix(pattern, "?") {
		return secURL + strings.ReplaceAll(pattern, "{n}", num)
	}
	return strings.TrimSuffix(secURL, "/") + strings.ReplaceAll(pattern, "{n}", num)
}

func (c *corpus) buildSection(o framelens.Outlet, conf siteConf, sec framelens.Section, items []*Article) error {
	tm := c.tmpl.lookup(o.ID, "section")
	if tm == nil {
		return fmt.Errorf("no section template")
	}
	pages := max(1, (len(items)+conf.PageSize-1)/conf.PageSize)
	limit := sec.MaxPages
	if limit > 0 && pages > limit {
		pages = limit
	}
	site := c.site(o, sec.URL)
	var rendered []*resource
	for n := 1; n <= pages; n++ {
		l := &Listing{Site: site, Title: sectionTitle(sec.URL), URL: pageURL(sec.URL, conf.Pagination, n), Page: n, Pages: pages}
		if n > 1 {
			l.PrevURL = pageURL(sec.URL, conf.Pagination, n-1)
		}
		if n < pages {
			l.NextURL = pageURL(sec.URL, conf.Pagination, n+1)
		}
		lo, hi := (n-1)*conf.PageSize, min(n*conf.PageSize, len(items))
		for _, a := range items[lo:hi] {
			href := a.URL
			if t := a.TrackingURL(); t != "" {
				href = t
			}
			l.Items = append(l.Items, Item{Article: a, Href: href})
		}
		body, err := render(tm, l, "")
		if err != nil {
			return fmt.Errorf("render section %s page %d: %w", sec.URL, n, err)
		}
		res := &resource{contentType: htmlUTF8, body: body}
		rendered = append(rendered, res)
		if !strings.HasPrefix(conf.Pagination, "?") {
			if err := c.add(l.URL, res); err != nil {
				return err
			}
		}
	}
	if strings.HasPrefix(conf.Pagination, "?") {
		u, err := url.Parse(sec.URL)
		if err != nil {
			return err
		}
		param, _, _ := strings.Cut(strings.TrimPrefix(conf.Pagination, "?"), "=")
		vh := c.vhost(u.Host)
		p := u.EscapedPath()
		if p == "" {
			p = "/"
		}
		if vh.paged[p] != nil || vh.exact[p] != nil {
			return fmt.Errorf("serve %s: url claimed twice", sec.URL)
		}
		vh.paged[p] = &paged{param: param, pages: rendered}
	}
	return nil
}

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        string   `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Description string   `xml:"description,omitempty"`
	Category    string   `xml:"category,omitempty"`
	Creators    []string `xml:"dc:creator"`
}

// rssFeed renders the RSS 2.0 feed of an outlet's listed pages.
func rssFeed(o framelens.Outlet, feedURL string, arts []*Article) ([]byte, error) {
	doc := rssDoc{Version: "2.0", DC: "http://purl.org/dc/elements/1.1/", Channel: rssChannel{
		Title: o.Name, Link: feedURL, Description: o.Name + " news", Language: o.Language,
	}}
	for i, a := range arts {
		if i == 0 {
			doc.Channel.LastBuildDate = a.LastModified().Format(time.RFC1123Z)
		}
		desc := a.Lede
		if desc == "" && len(a.Paragraphs) > 0 {
			desc = excerpt(200, a.Paragraphs[0])
		}
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title: a.Title, Link: a.URL, GUID: a.URL, PubDate: a.Published.Format(time.RFC1123Z),
			Description: desc, Category: a.Section, Creators: a.Authors,
		})
	}
	return marshalXML(doc)
}

func marshalXML(v any) ([]byte, error) {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	NewsNS  string       `xml:"xmlns:news,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Publication struct {
			Name     string `xml:"news:name"`
			Language string `xml:"news:language"`
		} `xml:"news:publication"`
		PublicationDate string `xml:"news:publication_date"`
		Title           string `xml:"news:title"`
	} `xml:"news:news"`
}

type sitemapIndex struct {
	XMLName  xml.Name `xml:"sitemapindex"`
	NS       string   `xml:"xmlns,attr"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

func newsURLSet(o framelens.Outlet, arts []*Article) ([]byte, error) {
	set := urlset{NS: sitemapNS, NewsNS: "http://www.google.com/schemas/sitemap-news/0.9"}
	for _, a := range arts {
		var u sitemapURL
		u.Loc = a.URL
		u.LastMod = a.LastModified().Format(time.RFC3339)
		u.News.Publication.Name = o.Name
		u.News.Publication.Language = o.Language
		u.News.PublicationDate = a.Published.Format(time.RFC3339)
		u.News.Title = a.Title
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
}

// buildSitemap serves one study sitemap URL: a sitemap index of monthly
// news sitemaps when its path says "index", else a single news urlset.
func (c *corpus) buildSitemap(o framelens.Outlet, sitemapURL string, arts []*Article) error {
	u, err := url.Parse(sitemapURL)
	if err != nil {
		return err
	}
	if !strings.Contains(u.Path, "index") {
		body, err := newsURLSet(o, arts)
		if err != nil {
			return err
		}
		return c.add(sitemapURL, &resource{contentType: xmlType, body: body})
	}
	months := map[string][]*Article{}
	var keys []string
	for _, a := range arts {
		k := a.Published.Format("2006-01")
		if months[k] == nil {
			keys = append(keys, k)
		}
		months[k] = append(months[k], a)
	}
	idx := sitemapIndex{NS: sitemapNS}
	for _, k := range keys {
		child := u.Scheme + "://" + u.Host + "/sitemaps/news-" + k + ".xml"
		body, err := newsURLSet(o, months[k])
		if err != nil {
			return err
		}
		if err := c.add(child, &resource{contentType: xmlType, body: body}); err != nil {
			return err
		}
		var last time.Time
		for _, a := range months[k] {
			if a.LastModified().After(last) {
				last = a.LastModified()
			}
		}
		idx.Sitemaps = append(idx.Sitemaps, struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		}{child, last.Format(time.RFC3339)})
	}
	body, err := marshalXML(idx)
	if err != nil {
		return err
	}
	return c.add(sitemapURL, &resource{contentType: xmlType, body: body})
}
