package casework

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cdrtui/cdrtui/internal/store"
)

// OpenCase opens an existing case file (never creating one: a mistyped
// path is an error, not a new empty case).
func OpenCase(path string) (*store.Store, error) {
	if err := MustExist(path); err != nil {
		return nil, err
	}
	return store.Open(path)
}

// CreateCase creates a new, empty case file at path. An existing file is
// refused (a case, or worse a piece of evidence, is never overwritten), and
// so is a path whose directory does not exist.
func CreateCase(path string) (*store.Store, error) {
	if path == "" {
		return nil, errors.New("name the new case file")
	}
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("%s already exists: open it, or name a new file", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if info, err := os.Stat(filepath.Dir(path)); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("no directory %s to create the case in", filepath.Dir(path))
	}
	return store.Create(path)
}
