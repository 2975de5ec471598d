package casework

import (
	"fmt"
	"io"
	"os"
)

// MustExist returns a clear error when a case file named on the command
// line does not exist, instead of letting SQLite create an empty one.
func MustExist(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return fmt.Errorf("no case file at %s (create one with: cdrtui import %s EVIDENCE...)", path, path)
		}
		return err
	}
	if info.IsDir() {
		return fmt.Errorf("%s is a directory, not a case file: if it holds evidence, import it with `cdrtui import CASE.db %s`", path, path)
	}
	if info.Size() > 0 && !isSQLite(path) {
		return fmt.Errorf("%s is not a case file: this is evidence, import it with `cdrtui import CASE.db %s` and open CASE.db", path, path)
	}
	return nil
}

// isSQLite reports whether the file at path begins as an SQLite database.
// Only the header is read.
func isSQLite(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true // let the open report it
	}
	defer f.Close()
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return string(head) == "SQLite format 3\x00"
}
