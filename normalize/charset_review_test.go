package normalize

import (
	"strings"
	"testing"
)

// A <meta> that declares UTF-16 cannot be right about a page it was read
// from as ASCII; the HTML standard reads such a page as UTF-8. The prescan
// of the first 1024 bytes does so; a declaration found later must too,
// rather than decoding the bytes pairwise into CJK-looking text.
func TestDecodeLateMetaUTF16(t *testing.T) {
	page := "<html><head><script>" + strings.Repeat("var x = 1;\n", 150) + "</script>" +
		`<meta charset="utf-16"></head><body><p>Moscow said talks would resume` + "\xff" + `</p></body></html>`
	out, err := decode([]byte(page), "")
	if err != nil {
		t.Fatalf("decode(late meta utf-16) error = %v", err)
	}
	if !strings.Contains(string(out), "Moscow said talks would resume") {
		t.Errorf("decode(late meta utf-16) = %.80q..., want the ASCII text kept", out[len(out)-80:])
	}
}
