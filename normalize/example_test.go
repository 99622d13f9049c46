package normalize_test

import (
	"fmt"
	"strings"

	"github.com/framelens/framelens/normalize"
)

func ExampleExtract() {
	page := `<html lang="en"><head><title>Allies back U.S. finding on missile - Reuters</title>
<meta property="article:published_time" content="2018-12-04T16:30:00+01:00"></head>
<body><nav><a href="/">Home</a></nav><article>
<h1>Allies back U.S. finding on missile</h1>
<p>BRUSSELS (Reuters) - NATO ministers endorsed on Tuesday the U.S. view that a new Russian missile breaches the 1987 treaty.</p>
<p>“This is the last chance,” one diplomat said, asking not to be named, as the ministers gathered for a second day of talks.</p>
<div class="share-bar">Share this article</div>
</article></body></html>`
	a, err := normalize.Extract([]byte(page), "https://www.reuters.example/article/x?utm_source=feed", nil)
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(a.Title)
	fmt.Println(a.Published, a.PublishedRaw)
	fmt.Printf("%+v\n", a.Dateline)
	fmt.Println(a.Agencies, a.Language, a.CanonicalURL)
	fmt.Println(strings.Join(a.Paragraphs, "\n"))
	// Output:
	// Allies back U.S. finding on missile
	// 2018-12-04 15:30:00 +0000 UTC 2018-12-04T16:30:00+01:00
	// {Raw:BRUSSELS (Reuters) - Place:BRUSSELS Date: Agency:Reuters}
	// [Reuters] en https://www.reuters.example/article/x
	// NATO ministers endorsed on Tuesday the U.S. view that a new Russian missile breaches the 1987 treaty.
	// “This is the last chance,” one diplomat said, asking not to be named, as the ministers gathered for a second day of talks.
}

func ExampleCleanText() {
	fmt.Printf("%q\n", normalize.CleanText(" Ryabkov\u00a0said:\u200b “no\u00adthing”  "))
	// Output: "Ryabkov said: “nothing”"
}
