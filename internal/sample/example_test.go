package sample_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/framelens/framelens/internal/sample"
)

// ExampleStart fetches a page of the sample web over loopback TLS and shows
// that hosts outside the sample are refused.
func ExampleStart() {
	srv, err := sample.Start()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	client := srv.Client()

	resp, err := client.Get("http://en.kremlin.ru/robots.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.Status, strings.Contains(string(b), "Crawl-delay: 1"))

	_, err = client.Get("https://example.org/")
	fmt.Println(errors.Is(err, sample.ErrUnknownHost))
	// Output:
	// 200 OK true
	// true
}

// ExampleLocateText places a gold content string in a text as character
// offsets.
func ExampleLocateText() {
	text := "Лавров: the US is \u201cdestroying\u201d the treaty"
	span, ok := sample.LocateText(text, `the US is "destroying" the treaty`, 1)
	fmt.Println(span.Start, span.End, ok)
	// Output:
	// 8 41 true
}
