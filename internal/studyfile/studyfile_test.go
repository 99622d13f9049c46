package studyfile_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/framelens/framelens/internal/studyfile"
)

func TestDefaultStudyIsValid(t *testing.T) {
	s, err := studyfile.Default()
	if err != nil {
		t.Fatalf("Default() error: %v", err)
	}
	var events int
	for _, e := range s.Events {
		if !e.Background {
			events++
		}
	}
	if events < 10 {
		t.Errorf("Default() has %d events, want at least 10", events)
	}
	if len(s.Outlets) < 12 {
		t.Errorf("Default() has %d outlets, want at least 12", len(s.Outlets))
	}
	if len(s.Hash) != 64 {
		t.Errorf("Default().Hash = %q, want 64 hex digits", s.Hash)
	}
	if _, ok := s.OutletForHost("www.tass.com"); !ok {
		t.Errorf("OutletForHost(www.tass.com) not found")
	}
}

const minimal = `id: mini
title: Mini
window: {start: "2019-01-01", end: "2019-12-31"}
actors:
  - {id: pompeo, name: Mike Pompeo, kind: person, side: us}
events:
  - id: e1
    date: "2019-02-01"
    title: Suspension
    keywords: [suspend]
    actors: [pompeo]
outlets:
  - {id: tass, name: TASS, domains: [tass.com], kind: state_news_agency}
`

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		want []string // substrings of the error, with file and line
	}{
		{"UnknownField", func(s string) string { return strings.Replace(s, "keywords:", "keywors:", 1) },
			[]string{"mini.yaml:10", "keywors"}},
		{"BadDate", func(s string) string { return strings.Replace(s, `"2019-02-01"`, `"1 Feb 2019"`, 1) },
			[]string{"mini.yaml:8: events[0].date", "not a date"}},
		{"UnknownActor", func(s string) string { return strings.Replace(s, "actors: [pompeo]", "actors: [pompeo, lavrov]", 1) },
			[]string{"mini.yaml:11: events[0].actors[1]", `unknown actor "lavrov"`}},
		{"BadSide", func(s string) string { return strings.Replace(s, "side: us", "side: usa", 1) },
			[]string{"mini.yaml:5: actors[0].side"}},
		{"DuplicateOutlet", func(s string) string {
			return s + "  - {id: tass, name: TASS 2, domains: [tass.ru], kind: state_news_agency}\n"
		}, []string{"mini.yaml:14: outlets[1].id", "duplicate"}},
		{"BadKind", func(s string) string { return strings.Replace(s, "state_news_agency", "blog", 1) },
			[]string{"outlets[0].kind", `"blog"`}},
		{"Syntax", func(s string) string { return s + "  - [unclosed\n" }, []string{"mini.yaml:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := studyfile.Load("mini.yaml", []byte(tt.edit(minimal)))
			if err == nil {
				t.Fatal("Load() error = nil, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load() error = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadMinimal(t *testing.T) {
	s, err := studyfile.Load("mini.yaml", []byte(minimal))
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	if got := s.Events[0].Actors[0]; got != "pompeo" {
		t.Errorf("Events[0].Actors[0] = %q, want pompeo", got)
	}
}

func TestErrorType(t *testing.T) {
	_, err := studyfile.Load("x.yaml", []byte("id: x\n"))
	var se *studyfile.Error
	if !errors.As(err, &se) {
		t.Fatalf("Load() error %v is not a *studyfile.Error", err)
	}
}
