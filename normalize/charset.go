package normalize

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/framelens/framelens"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// decode returns page as UTF-8. The encoding comes, in order, from a byte
// order mark, the charset of contentType (the HTTP Content-Type header,
// "" when unknown) and a <meta> declaration in the first 1024 bytes, as
// the HTML standard's prescan does. With none of these, a page that is
// valid UTF-8 is UTF-8; otherwise a <meta> charset later in the first 64 KB
// (some pages put it after long scripts) and finally windows-1252, as
// browsers do.
func decode(page []byte, contentType string) ([]byte, error) {
	_, name, certain := charset.DetermineEncoding(page, contentType)
	if !certain {
		switch {
		case utf8.Valid(page):
			name = "utf-8"
		default:
			if m := metaCharset.FindSubmatch(page[:min(len(page), 64<<10)]); m != nil {
				name = string(m[1])
				// As in the standard's prescan: a page whose <meta>
				// could be read as ASCII is not UTF-16.
				if strings.HasPrefix(strings.ToLower(name), "utf-16") {
					name = "utf-8"
				}
			}
		}
	}
	if name == "utf-8" || name == "" {
		// Invalid sequences in a page declared UTF-8 become U+FFFD when
		// the text is built, as in browsers.
		return bytes.TrimPrefix(page, []byte("\xef\xbb\xbf")), nil
	}
	enc, canon := charset.Lookup(name)
	if enc == nil {
		return nil, fmt.Errorf("decode charset %q: %w", name, framelens.ErrUndecodable)
	}
	if canon == "utf-8" {
		return bytes.TrimPrefix(page, []byte("\xef\xbb\xbf")), nil
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), page)
	if err != nil {
		return nil, fmt.Errorf("decode charset %q: %v: %w", name, err, framelens.ErrUndecodable)
	}
	return out, nil
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([a-z0-9_:.-]+)`)

// parse decodes page and parses it as HTML.
func parse(page []byte, contentType string) (*html.Node, error) {
	data, err := decode(page, contentType)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse html: %v: %w", err, framelens.ErrNotHTML)
	}
	return root, nil
}
