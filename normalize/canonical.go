package normalize

import (
	"net/url"
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
	u.Host = strings.TrimSuffix(strings.TrimSuffix(u.Host, ":80"), ":443")
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			lk := strings.ToLower(k)
			if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
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
