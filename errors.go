package framelens

import (
	"errors"
	"fmt"
)

// Sentinel errors for conditions callers branch on. Check them with
// errors.Is.
var (
	ErrNotArticle       = errors.New("not an article")
	ErrPaywalled        = errors.New("paywalled")
	ErrRobotsDisallowed = errors.New("disallowed by robots.txt")
	ErrEmptyBody        = errors.New("empty body")
	ErrNotHTML          = errors.New("not html")
	ErrTooShort         = errors.New("too short")
	ErrUndecodable      = errors.New("undecodable")
	ErrSchemaVersion    = errors.New("unsupported schema version")
	ErrLocked           = errors.New("data root is locked by another run")
	ErrTooManyFailures  = errors.New("failure ratio exceeded")
	ErrTruncated        = errors.New("truncated")
	ErrManifestMismatch = errors.New("manifest does not match files")
)

// A PageError is an error about one page in one stage, in the style of
// csv.ParseError: it says where the error happened.
type PageError struct {
	Stage  string
	Outlet string
	URL    string
	Err    error
}

func (e *PageError) Error() string {
	if e.Outlet != "" {
		return fmt.Sprintf("%s %s %s: %v", e.Stage, e.Outlet, e.URL, e.Err)
	}
	return fmt.Sprintf("%s %s: %v", e.Stage, e.URL, e.Err)
}

func (e *PageError) Unwrap() error { return e.Err }
