package store

import (
	"fmt"
	"strings"
)

// A case that an import makes (CreateForImport) is written in SQLite's
// rollback journal, not in the write-ahead log every other case is kept
// in, until that import ends. In WAL each page the import writes goes
// into the log and is copied into the case file again by the checkpoint
// at the commit, in the commit's single-threaded tail (0.65-0.87 s of a
// 1M-row file's 7 s, issue 20); written straight into the file it is
// written once, and pages new to the file need no journal at all. The
// price is that nobody can read the case while its import writes it —
// and nobody has anything to read in a case that did not exist before
// this import: an opening in the meantime is refused at once, naming the
// import (CaseBeingMadeError), instead of waiting on SQLite's lock. A
// case that an import adds to stays in WAL, so the workbench and the
// read-only commands go on reading it while the import writes.
//
// Each file is still its own transaction: an import stopped while it
// writes a file leaves SQLite's hot journal beside the case, which the
// next writable opening (another import, the workbench, cdrtui upgrade)
// rolls back, leaving the files finished before whole and nothing of the
// rest, as in WAL. A read-only opening cannot roll it back and says so.

// CreateForImport makes a new case at path for an import, as Create does,
// but keeps it in the rollback journal until Close switches it to WAL; a
// path that already holds a case is opened as Create opens it (in WAL).
// Use it only where nothing else in the process reads the case while the
// import writes (cdrtui import): a second connection would wait on the
// writing one's lock.
func CreateForImport(path string) (*Store, error) {
	id, err := identify(path)
	if err != nil {
		return nil, err
	}
	// another import is making or filling this case: refused before
	// anything is opened, as its import would be
	if err := refuseBuilding(path, id, false); err != nil {
		return nil, err
	}
	if holder, held := importLockHolder(path); held {
		return nil, &ImportBusyError{Case: path, Holder: holder}
	}
	switch id.kind {
	case fileMissing, fileEmpty:
		s, err := create(path, true)
		if err != nil && isBusy(err) {
			// another process made it at that moment
			return Create(path)
		}
		return s, err
	}
	return Create(path)
}

// finishBuilding switches a case made by CreateForImport to WAL, as every
// other case is kept. Failing that (another process got hold of it), the
// case stays in the rollback journal and its next writable opening
// switches it.
func (s *Store) finishBuilding() {
	if !s.building || s.readOnly {
		return
	}
	s.building = false
	s.toWAL()
}

// CaseBeingMadeError is an opening refused while an import makes the case
// (its first import, written in the rollback journal): nothing can be
// read from it before that import ends.
type CaseBeingMadeError struct {
	Case, Holder string
}

func (e *CaseBeingMadeError) Error() string {
	holder := strings.TrimSpace(e.Holder)
	if holder == "" {
		holder = "another process"
	}
	return fmt.Sprintf("case %s is being made by its first import (%s): it can be opened once that import has finished", e.Case, holder)
}

// InterruptedImportError is a read-only opening of a case whose import was
// stopped while it wrote a file in the rollback journal: SQLite's journal
// beside the case holds what that file overwrote, and only a writable
// opening can put it back.
type InterruptedImportError struct {
	Case string
}

func (e *InterruptedImportError) Error() string {
	return fmt.Sprintf("case %s: an import was stopped while it wrote a file, and what that file changed is still to be rolled back from %s-journal; open the case for writing once to do it (cdrtui upgrade %s), then read it: the files imported before are kept whole",
		e.Case, e.Case, e.Case)
}

// refuseBuilding says why a case written in the rollback journal cannot
// be opened now: an import is making it, or a read-only opening finds the
// journal of an interrupted one. A case in WAL is never refused here.
func refuseBuilding(path string, id identity, readOnly bool) error {
	if id.wal || id.kind != fileCase {
		return nil
	}
	if holder, held := importLockHolder(path); held {
		return &CaseBeingMadeError{Case: path, Holder: holder}
	}
	if readOnly && !emptyOrMissing(path+"-journal") {
		return &InterruptedImportError{Case: path}
	}
	return nil
}
