package store

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// importLockSuffix names the file beside a case that an import holds
// locked while it runs: one import at a time per case, readers free.
const importLockSuffix = "-import"

// ImportBusyError is returned when another import into the case is
// running. Holder is what that import wrote into the lock file: its
// process, start time and paths.
type ImportBusyError struct {
	Case, Holder string
}

func (e *ImportBusyError) Error() string {
	holder := strings.TrimSpace(e.Holder)
	if holder == "" {
		holder = "another process"
	}
	return fmt.Sprintf("another import into %s is running (%s): wait for it to finish or stop it; the case can be read meanwhile", e.Case, holder)
}

// lockImport takes the case's import lock, or returns an *ImportBusyError
// at once when another import holds it. The lock goes with its process
// (flock), so a killed import never leaves it held.
func (s *Store) lockImport(paths []string) (unlock func(), err error) {
	p := s.path + importLockSuffix
	for try := 0; ; try++ {
		f, err := os.OpenFile(p, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, fmt.Errorf("import lock %s: %w", p, err)
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("import lock %s: %w", p, err)
		}
		if !ok {
			held, _ := os.ReadFile(p)
			f.Close()
			if len(held) == 0 && try < 10 {
				// a write probing the lock (importHolder) holds it for a
				// moment, and an import starting has not written yet
				time.Sleep(10 * time.Millisecond)
				continue
			}
			return nil, &ImportBusyError{Case: s.path, Holder: string(held)}
		}
		// the holder before us may have removed the file as we opened it
		a, err1 := f.Stat()
		b, err2 := os.Stat(p)
		if err1 != nil || err2 != nil || !os.SameFile(a, b) {
			unlockFile(f)
			f.Close()
			continue
		}
		f.Truncate(0)
		fmt.Fprintf(f, "pid %d, since %s, importing %s", os.Getpid(), time.Now().UTC().Format("15:04:05 UTC"), strings.Join(paths, ", "))
		return func() {
			os.Remove(p)
			unlockFile(f)
			f.Close()
		}, nil
	}
}
