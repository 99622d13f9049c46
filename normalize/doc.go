// Package normalize turns WARC response records into framelens.Article
// values: clean body paragraphs with their title, authors, dates, dateline
// and provenance. It is the goquery/x-net-html adapter of the pipeline;
// no parser type appears in its API.
//
// The extractor is generic: it needs no per-site rules. It parses a page
// once and makes three passes over the tree: measure (visible text and
// link text per element), score (readability-style scores of the
// containers of running prose, with furniture such as navigation, share
// bars, captions and related-story boxes left out by tag and class name)
// and collect (paragraphs of the chosen container and its siblings, link
// lists and boilerplate lines dropped). A study may give per-outlet Hints
// (CSS selectors) that override the body, title, date and byline and drop
// elements.
//
// For example, the page
//
//	<article><h1>Allies back U.S. finding</h1>
//	<p>BRUSSELS (Reuters) - NATO ministers endorsed ...</p>
//	<div class="share-bar">Share</div></article>
//
// becomes an Article with Title "Allies back U.S. finding", Dateline
// {Place: BRUSSELS, Agency: Reuters}, Agencies [Reuters] and one
// paragraph "NATO ministers endorsed ...".
//
// # Files
//
//	extract.go      Extract: one page -> Article; the reject rules
//	body.go         the body of a page; BodyText for the benchmark
//	score.go        measure and score passes; the choice of container
//	collect.go      paragraphs from the container
//	boilerplate.go  furniture lines ("Read more:", "Reporting by ...")
//	dom.go          tag classes and class/id names of content and furniture
//	text.go         white space, invisible characters, NFC; CleanText
//	metadata.go     <meta>, JSON-LD, <h1>, <time>, byline elements
//	byline.go       authors and agencies
//	dateline.go     datelines ("MOSCOW, January 25. /TASS/.")
//	dates.go        date formats and dates in URLs
//	canonical.go    canonical URLs, tracking parameters, AMP variants
//	charset.go      decoding to UTF-8
//	hints.go        CSS selectors of the study's hints
//	dedupe.go       Dedupe: same canonical URL or near-identical body
//	warc.go         Run: WARC files -> articles and rejects
//
// Body quality is measured on the Zyte article-extraction benchmark with
// internal/extracteval (go test -run TestBenchmarkBody -v ./normalize).
package normalize
