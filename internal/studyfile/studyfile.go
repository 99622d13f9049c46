// Package studyfile reads study files: YAML documents that describe a study's
// events, outlets, actors and lexicons (see studies/inf.yaml). Errors name the
// file, the line and the field, so a scholar can fix a study without reading
// Go.
//
// A study file is decoded strictly: an unknown field is an error, because a
// misspelt key ("keywors") would otherwise silently drop data.
package studyfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/framelens/framelens"
)

// An Error is one problem in a study file, located by line and field path.
type Error struct {
	File  string
	Line  int    // 1-based; 0 when unknown
	Field string // dotted path such as "events[3].date"
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Default returns the study embedded in the binary (studies/inf.yaml).
func Default() (*framelens.Study, error) {
	return Load(framelens.DefaultStudyName, framelens.DefaultStudyFile)
}

// LoadFile reads and validates the study file at path.
func LoadFile(path string) (*framelens.Study, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read study: %w", err)
	}
	return Load(path, data)
}

// Load decodes and validates a study from data; name is used in errors. All
// problems are returned together (errors.Join of *Error values).
func Load(name string, data []byte) (*framelens.Study, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(name, err)
	}
	if len(root.Content) == 0 {
		return nil, &Error{File: name, Msg: "empty study file"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var s framelens.Study
	if err := dec.Decode(&s); err != nil && err != io.EOF {
		return nil, yamlError(name, err)
	}
	sum := sha256.Sum256(data)
	s.Hash = hex.EncodeToString(sum[:])
	v := validator{file: name, root: root.Content[0]}
	v.study(&s)
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return &s, nil
}

// yamlLine matches the "line N: " prefix yaml.v3 puts on its messages.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var errs []error
		for _, m := range te.Errors {
			errs = append(errs, lineError(name, m))
		}
		return errors.Join(errs...)
	}
	return lineError(name, err.Error())
}

func lineError(name, msg string) error {
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscan(m[1], &line)
		return &Error{File: name, Line: line, Msg: m[2]}
	}
	return &Error{File: name, Msg: msg}
}
