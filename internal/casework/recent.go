package casework

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// RecentCase is a case the analyst opened, as the start screen lists it.
type RecentCase struct {
	Path   string    `json:"path"` // absolute
	Opened time.Time `json:"opened"`
	Demo   bool      `json:"demo,omitempty"`
}

// maxRecent is how many cases the list keeps.
const maxRecent = 20

// RecentFile is where the list of recent cases is kept: the user's
// configuration directory (never beside a case or its evidence, which may
// be on read-only media). "" when the system names no such directory.
func RecentFile() string {
	dir, err := os.UserConfigDir()
	if err != nil || dir == "" {
		return ""
	}
	return filepath.Join(dir, "cdrtui", "recent.json")
}

// LoadRecent reads the recent cases kept in file, newest first. A missing
// file is an empty list; an unreadable one is an error.
func LoadRecent(file string) ([]RecentCase, error) {
	if file == "" {
		return nil, nil
	}
	b, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list []RecentCase
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, err
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Opened.After(list[j].Opened) })
	return list, nil
}

// RememberCase puts path first in the recent cases kept in file (at most
// maxRecent, each path once). The file is replaced whole (written beside
// and renamed), so a crash never leaves half a list.
func RememberCase(file, path string, demo bool, at time.Time) error {
	if file == "" {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	list, err := LoadRecent(file)
	if err != nil {
		list = nil // a damaged list is replaced, not kept failing
	}
	out := []RecentCase{{Path: abs, Opened: at.UTC(), Demo: demo}}
	for _, r := range list {
		if r.Path != abs && len(out) < maxRecent {
			out = append(out, r)
		}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".recent-*.json")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), file)
}
