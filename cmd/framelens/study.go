package main

import (
	"context"
	"fmt"
	"os"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/internal/studyfile"
)

var cmdStudy = &command{
	Name:  "study",
	Args:  "show | validate FILE...",
	Short: "print the study file, or check study files",
	Long: `
"study show" prints the study in use (the embedded INF study unless -study
names a file) as YAML, ready to copy and edit.

"study validate FILE..." checks each file and reports every problem with its
file, line and field. It exits 2 when a file is invalid.`,
	Run: runStudy,
}

func runStudy(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		return usagef("study: want show or validate")
	}
	switch args[0] {
	case "show":
		data := framelens.DefaultStudyFile
		if m.StudyPath != "" {
			var err error
			if data, err = os.ReadFile(m.StudyPath); err != nil {
				return err
			}
		}
		_, err := m.Stdout.Write(data)
		return err
	case "validate":
		files := args[1:]
		if len(files) == 0 {
			return usagef("study validate: want one or more files")
		}
		bad := 0
		for _, f := range files {
			s, err := studyfile.LoadFile(f)
			if err != nil {
				bad++
				fmt.Fprintln(m.Stderr, err)
				continue
			}
			fmt.Fprintf(m.Stdout, "%s: ok (%d events, %d outlets, %d actors, sha256 %s)\n",
				f, len(s.Events), len(s.Outlets), len(s.Actors), s.Hash[:12])
		}
		if bad > 0 {
			return usagef("%d of %d study files invalid", bad, len(files))
		}
		return nil
	}
	return usagef("study: unknown subcommand %q (want show or validate)", args[0])
}

var cmdVersion = &command{
	Name:  "version",
	Short: "print the framelens version",
	Run: func(ctx context.Context, m *Main, args []string) error {
		_, err := fmt.Fprintf(m.Stdout, "framelens %s\n", version)
		return err
	},
}
