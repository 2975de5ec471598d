package store

import (
	"fmt"
	"os"
	"strings"
)

// CaseBusyError is a write that waited for the case and gave up because
// another process, an import most often, held it the whole time. Holder
// is what that import wrote into its lock file (process, start, paths).
type CaseBusyError struct {
	Case, Holder string
}

func (e *CaseBusyError) Error() string {
	if h := strings.TrimSpace(e.Holder); h != "" {
		return fmt.Sprintf("not saved: an import into %s is writing the case (%s); try again when it has finished", e.Case, h)
	}
	return fmt.Sprintf("not saved: another program is writing %s; try again when it has finished", e.Case)
}

// writeErr turns SQLite's "database is locked" of a write (after the busy
// timeout) into a CaseBusyError naming the import in progress; any other
// error is returned as it is.
func (s *Store) writeErr(err error) error {
	if err == nil || !isBusy(err) {
		return err
	}
	held, _ := os.ReadFile(s.path + importLockSuffix)
	return &CaseBusyError{Case: s.path, Holder: string(held)}
}

func isBusy(err error) bool {
	m := err.Error()
	return strings.Contains(m, "database is locked") || strings.Contains(m, "SQLITE_BUSY")
}
