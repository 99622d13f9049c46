package normalize

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/framelens/framelens"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// decode returns page as UTF-8. The encoding comes, in order, from a byte
// order mark, the charset of contentType (the HTTP Content-Type header,
// "" when unknown), a <meta> declaration in the first 1024 bytes, and
// finally from UTF-8 validity (else windows-1252, as browsers do).
func decode(page []byte, contentType string) ([]byte, error) {
	_, name, _ := charset.DetermineEncoding(page, contentType)
	if name == "utf-8" {
		if utf8.Valid(page) {
			return bytes.TrimPrefix(page, []byte("\xef\xbb\xbf")), nil
		}
		// Declared UTF-8 but not: invalid sequences become U+FFFD when
		// the text is built; that is the browser's behaviour too.
		return bytes.TrimPrefix(page, []byte("\xef\xbb\xbf")), nil
	}
	enc, _ := charset.Lookup(name)
	if enc == nil {
		return nil, fmt.Errorf("decode charset %q: %w", name, framelens.ErrUndecodable)
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), page)
	if err != nil {
		return nil, fmt.Errorf("decode charset %q: %v: %w", name, err, framelens.ErrUndecodable)
	}
	return out, nil
}

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
