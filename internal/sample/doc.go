// Package sample is framelens' bundled sample web: a few dozen pages per
// outlet of the INF study, written by the project in each outlet's house
// style, with gold annotations (CODEBOOK.md). `framelens run` with no
// arguments crawls it through the real crawler over loopback, offline, and
// the analyzers are scored against its gold.
//
// The pages are data: articles/<outlet>/<slug>.yaml hold the text and the
// gold, templates/<outlet>/*.html the markup, sites.yaml the pagination and
// robots.txt of each outlet; listings, sitemaps, feeds, redirects and AMP
// variants are generated from them and from the discovery rules of
// studies/inf.yaml. FORMAT.md documents the format.
//
// # Files
//
//	article.go  Article and Gold: parsing and validation of one source file
//	corpus.go   loading the embedded sample (once) and checking it as a whole
//	render.go   template data (Page, Block, Site, Listing) and helper funcs
//	serve.go    Handler: virtual hosts, listings, feeds, sitemaps, robots.txt
//	server.go   Start, Server, Transport: loopback listeners with a fresh cert
//	gold.go     Gold, GoldArticle and span location for evaluations
//
// # Example
//
//	srv, err := sample.Start()
//	if err != nil { ... }
//	defer srv.Close()
//	client := &http.Client{Transport: srv.Transport()}
//	resp, err := client.Get("https://tass.com/world")   // served on 127.0.0.1
//	_, err = client.Get("https://example.org/")         // fails: ErrUnknownHost
package sample
