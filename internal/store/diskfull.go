package store

import (
	"fmt"
	"path/filepath"
	"strings"
)

// diskFull says, for an SQLite error, whether the disk holding the case
// is out of space, in words to add to the error ("" when it is not).
func diskFull(err error, casePath string) string {
	if err == nil {
		return ""
	}
	m := err.Error()
	if !strings.Contains(m, "disk is full") && !strings.Contains(m, "(13)") && !strings.Contains(m, "disk I/O error") {
		return ""
	}
	dir := filepath.Dir(casePath)
	if free, ok := freeBytes(dir); ok && free < 1<<20 {
		return fmt.Sprintf("the disk holding the case (%s) is full: free some space and run the command again", dir)
	}
	if strings.Contains(m, "disk is full") || strings.Contains(m, "(13)") {
		return fmt.Sprintf("the disk holding the case (%s) ran out of space", dir)
	}
	return ""
}

// withDiskFull adds what diskFull says to err.
func withDiskFull(err error, casePath string) error {
	if hint := diskFull(err, casePath); hint != "" {
		return fmt.Errorf("%w (%s)", err, hint)
	}
	return err
}
