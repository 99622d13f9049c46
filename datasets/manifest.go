package datasets

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/framelens/framelens"
)

// ManifestName is the manifest's file name inside a snapshot. It is written
// last: a snapshot without one is incomplete.
const ManifestName = "_manifest.json"

// A Manifest lists what one snapshot holds. It is the snapshot's commit
// marker and the reference Validate checks the files against.
type Manifest struct {
	SchemaVersion int       `json:"schema_version"`
	RunID         string    `json:"run_id"`
	StudyID       string    `json:"study_id"`
	StudyHash     string    `json:"study_hash"`
	ToolVersion   string    `json:"tool_version"`
	CreatedAt     time.Time `json:"created_at"`
	// Tables are in the order they were published.
	Tables []ManifestTable `json:"tables"`
}

// A ManifestTable is one table of a snapshot.
type ManifestTable struct {
	Name string `json:"name"`
	// Rows is the sum of the files' rows.
	Rows  int64  `json:"rows"`
	Files []File `json:"files"`
}

// A File is one Parquet file of a table.
type File struct {
	// Path is relative to the snapshot directory, with forward slashes
	// ("articles/part-00000.parquet").
	Path   string `json:"path"`
	Rows   int64  `json:"rows"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Table returns the manifest entry of the named table, or nil.
func (m *Manifest) Table(name string) *ManifestTable {
	for i := range m.Tables {
		if m.Tables[i].Name == name {
			return &m.Tables[i]
		}
	}
	return nil
}

// CurrentName is the symlink in a data root that points at the published
// snapshot.
const CurrentName = "current"

// SnapshotsName is the directory in a data root that holds the snapshots.
const SnapshotsName = "snapshots"

// A Snapshot is an opened snapshot: its directory, with symlinks resolved so
// a concurrent Publish cannot switch it mid-read, and its manifest.
type Snapshot struct {
	Dir      string
	Manifest *Manifest
}

// Open opens the snapshot at root. root is either a data root (the one
// Publish writes; its "current" link is followed once) or a snapshot
// directory itself.
func Open(root string) (*Snapshot, error) {
	dir := root
	if _, err := os.Lstat(filepath.Join(root, CurrentName)); err == nil {
		dir = filepath.Join(root, CurrentName)
	}
	resolved, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("open datasets %s: %w", root, err)
	}
	m, err := readManifestFile(filepath.Join(resolved, ManifestName))
	if err != nil {
		return nil, err
	}
	return &Snapshot{Dir: resolved, Manifest: m}, nil
}

// Path returns the absolute path of a file named in the manifest.
func (s *Snapshot) Path(f File) string {
	return filepath.Join(s.Dir, filepath.FromSlash(f.Path))
}

// ReadManifest reads the manifest of the snapshot at root (see Open for what
// root may be).
func ReadManifest(root string) (*Manifest, error) {
	s, err := Open(root)
	if err != nil {
		return nil, err
	}
	return s.Manifest, nil
}

// readManifestFile reads and checks one manifest file. A manifest of a newer
// schema version is refused with framelens.ErrSchemaVersion.
func readManifestFile(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read manifest %s: %w (incomplete or not a snapshot)", path, err)
		}
		return nil, fmt.Errorf("read manifest %s: %w", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		// An unknown field may come from a newer version: say so if the
		// version says so.
		var v struct {
			SchemaVersion int `json:"schema_version"`
		}
		if json.Unmarshal(data, &v) == nil && v.SchemaVersion > SchemaVersion {
			return nil, fmt.Errorf("read manifest %s: schema version %d, this build reads up to %d: %w",
				path, v.SchemaVersion, SchemaVersion, framelens.ErrSchemaVersion)
		}
		return nil, fmt.Errorf("read manifest %s: %w", path, err)
	}
	if m.SchemaVersion < 1 || m.SchemaVersion > SchemaVersion {
		return nil, fmt.Errorf("read manifest %s: schema version %d, this build reads 1 to %d: %w",
			path, m.SchemaVersion, SchemaVersion, framelens.ErrSchemaVersion)
	}
	return &m, nil
}
