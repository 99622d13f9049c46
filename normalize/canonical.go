package normalize

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// never the page. Parameters starting with "utm_" are dropped too.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "dclid": true, "gclsrc": true, "yclid": true,
	"msclkid": true, "mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "igshid": true, "ocid": true,
	"cmpid": true, "ncid": true, "ito": true, "ns_mchannel": true, "ns_source": true, "ns_campaign": true,
	"ns_linkname": true, "ns_fee": true, "sr_share": true, "smid": true, "guccounter": true,
	"xtor": true, "at_medium": true, "at_campaign": true, "at_custom1": true, "spm": true, "from": true, "share": true}

// CleanURL resolves ref against base (either may be empty) and returns it
// with the fragment, the tracking parameters (utm_*, fbclid, gclid, ...)
// and default ports removed and the scheme and host lower-cased. It returns
// "" when the result is not an absolute http(s) URL.
func CleanURL(base, ref string) string {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != "" {
		if b, err := url.Parse(base); err == nil {
			u = b.ResolveReference(u)
		}
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if u.Scheme == "http" {
		u.Host = strings.TrimSuffix(u.Host, ":80")
	} else {
		u.Host = strings.TrimSuffix(u.Host, ":443")
	}
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		u.RawQuery = cleanQuery(u.RawQuery)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// cleanQuery drops the tracking parameters of a raw query and sorts the
// rest by key, encoded as url.Values.Encode does. A parameter
// url.ParseQuery would refuse (a ";" or a bad escape in it) is kept as
// written rather than dropped: it still names the page.
func cleanQuery(raw string) string {
	type param struct{ key, enc string }
	var ps []param
	for _, p := range strings.Split(raw, "&") {
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		dk, kerr := url.QueryUnescape(k)
		dv, verr := url.QueryUnescape(v)
		if kerr != nil || verr != nil || strings.Contains(p, ";") {
			ps = append(ps, param{cmp.Or(dk, k), p})
			continue
		}
		lk := strings.ToLower(dk)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
			continue
		}
		ps = append(ps, param{dk, url.QueryEscape(dk) + "=" + url.QueryEscape(dv)})
	}
	slices.SortStableFunc(ps, func(a, b param) int { return strings.Compare(a.key, b.key) })
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.enc
	}
	return strings.Join(out, "&")
}

// dedupeKey reduces a canonical URL to the page it names, whatever the
// edition: AMP and mobile variants ("amp.", "m.", "/amp", "?amp=1",
// ".amp") map to the same key, as do http and https and "www.".
func dedupeKey(canonical string) string {
	u, err := url.Parse(canonical)
	if err != nil || u.Host == "" {
		return canonical
	}
	host := u.Hostname()
	for _, p := range []string{"www.", "amp.", "m.", "mobile."} {
		host = strings.TrimPrefix(host, p)
	}
	path := strings.TrimSuffix(u.Path, "/")
	for _, s := range []string{"/amp", ".amp", "/amp.html"} {
		path = strings.TrimSuffix(path, s)
	}
	path = strings.TrimPrefix(path, "/amp/")
	if strings.HasPrefix(u.Path, "/amp/") {
		path = "/" + path
	}
	q := u.Query()
	q.Del("amp")
	q.Del("outputType")
	key := host + path
	if e := q.Encode(); e != "" {
		key += "?" + e
	}
	return key
}
