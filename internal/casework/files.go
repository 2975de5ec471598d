package casework

import (
	"fmt"
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
		return fmt.Errorf("%s is a directory, not a case file", path)
	}
	return nil
}
