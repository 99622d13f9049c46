package datasets_test

import (
	"fmt"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/datasets"
)

func ExamplePublish() {
	root, err := os.MkdirTemp("", "framelens-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)

	text := "Moscow rejects ultimatum\n\nRyabkov said the demand was unacceptable."
	arts := []framelens.Article{{
		ID: framelens.ArticleID("https://tass.example/1", "sha1:X"), Outlet: "tass",
		URL: "https://tass.example/1", CapturedAt: time.Date(2018, 12, 5, 9, 0, 0, 0, time.UTC),
		Title: "Moscow rejects ultimatum", Paragraphs: []string{"Ryabkov said the demand was unacceptable."},
		Text: text, Language: "en", Words: 6,
	}}
	meta := datasets.Meta{RunID: "20181205T0900", ToolVersion: "v0.1.0", StudyID: "inf-2018", StudyHash: "0f1e"}
	p := &datasets.Publisher{Root: root, Logger: slog.New(slog.DiscardHandler)}
	m, err := p.Publish(meta, datasets.Articles(arts), datasets.Rejects(nil))
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range m.Tables {
		fmt.Println(t.Name, t.Rows, t.Files[0].Path)
	}
	if err := datasets.Validate(root); err != nil {
		log.Fatal(err)
	}
	back, err := datasets.ReadArticles(root)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s %q\n", back[0].Outlet, back[0].Paragraphs[0])
	target, _ := os.Readlink(filepath.Join(root, "current"))
	fmt.Println("current ->", target)
	// Output:
	// articles 1 articles/part-00000.parquet
	// rejects 0 rejects/part-00000.parquet
	// tass "Ryabkov said the demand was unacceptable."
	// current -> snapshots/20181205T0900
}

func ExampleWriteTable() {
	dir, err := os.MkdirTemp("", "framelens-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// Per-WARC caching of normalized articles: one file, written atomically.
	path := filepath.Join(dir, "cache", "tass-00001.parquet")
	arts := []framelens.Article{{ID: "a1", Outlet: "tass", Title: "T", Text: "T"}}
	if err := datasets.WriteTable(path, datasets.Meta{RunID: "r1"}, datasets.Articles(arts)); err != nil {
		log.Fatal(err)
	}
	back, err := datasets.ReadArticles(path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(back), back[0].ID)
	// Output:
	// 1 a1
}
