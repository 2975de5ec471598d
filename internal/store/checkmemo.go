package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// A large case's passing check is remembered per file: the identity of
// the case file and of its WAL (device, inode, size, mtime and ctime in
// nanoseconds, a missing WAL recorded as missing) is written under the
// user's cache dir after the check passes, and again when a store that
// passed (or skipped) its check is closed after writing. An open that
// finds the same identity skips quick_check. Anything done to the file
// outside cdrtui (a copy, a byte written, a touch) moves its ctime, and a
// process that crashed recorded nothing at its close, so the case is
// checked again.

// fileID is one file's identity; Missing for a file that is not there.
type fileID struct {
	Missing bool   `json:"missing,omitempty"`
	Dev     uint64 `json:"dev"`
	Ino     uint64 `json:"ino"`
	Size    int64  `json:"size"`
	Mtime   int64  `json:"mtime_ns"`
	Ctime   int64  `json:"ctime_ns"`
}

// caseID is the identity of a case: its file and its WAL.
type caseID struct {
	Path string `json:"path"`
	DB   fileID `json:"db"`
	WAL  fileID `json:"wal"`
}

// checkedRacy is how recent a file's times may be for its identity to be
// remembered: a write within the file system's clock tick of the stat
// would leave its times as they were.
const checkedRacy = 50 * time.Millisecond

// caseIdentity stats the case at path and its WAL; ok is false where
// identities are not known (no stat fields, a file that went away).
func caseIdentity(path string) (caseID, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return caseID{}, false
	}
	db, ok := statID(abs)
	if !ok || db.Missing {
		return caseID{}, false
	}
	wal, ok := statID(abs + "-wal")
	if !ok {
		return caseID{}, false
	}
	return caseID{Path: abs, DB: db, WAL: wal}, true
}

// newest is the latest mtime or ctime of the case's files.
func (c caseID) newest() int64 {
	n := max(c.DB.Mtime, c.DB.Ctime)
	if !c.WAL.Missing {
		n = max(n, c.WAL.Mtime, c.WAL.Ctime)
	}
	return n
}

// coarse says the file system keeps whole seconds only: a write in the
// same second would not show, so nothing is remembered.
func (c caseID) coarse() bool {
	return c.DB.Ctime%int64(time.Second) == 0 && c.DB.Mtime%int64(time.Second) == 0
}

// settled says the case's times are older than checkedRacy.
func (c caseID) settled() bool {
	return !c.coarse() && time.Now().UnixNano()-c.newest() > int64(checkedRacy)
}

// checkedFile is where the identity of the case at abs is remembered;
// "" when the user has no cache dir.
func checkedFile(abs string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	h := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "cdrtui", "checked", hex.EncodeToString(h[:]))
}

// rememberChecked writes id as the case's last identity known sound, by a
// temporary file renamed over the old one. A cache that cannot be
// written remembers nothing: the case is checked next time.
func rememberChecked(id caseID) {
	f := checkedFile(id.Path)
	if f == "" {
		return
	}
	b, err := json.Marshal(id)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(f), 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(f), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), f) != nil {
		os.Remove(tmp.Name())
	}
}

// knownSound says the case at path is, to the nanosecond, as it was when
// last remembered sound; it gives the identity it found.
func knownSound(path string) (caseID, bool) {
	id, ok := caseIdentity(path)
	if !ok {
		return caseID{}, false
	}
	f := checkedFile(id.Path)
	if f == "" {
		return id, false
	}
	old, err := os.ReadFile(f)
	if err != nil {
		return id, false
	}
	cur, err := json.Marshal(id)
	return id, err == nil && bytes.Equal(bytes.TrimSpace(old), cur)
}

// rememberAtClose records the identity of a case closed by a store that
// vouched for it, once its times are older than a clock tick: it waits
// that long (at most checkedRacy) and records only when a second stat
// finds the same.
func rememberAtClose(path string) {
	id, ok := caseIdentity(path)
	if !ok || id.coarse() {
		return
	}
	if wait := time.Duration(id.newest()+int64(checkedRacy)-time.Now().UnixNano()) + time.Millisecond; wait > 0 {
		time.Sleep(min(wait, checkedRacy+time.Millisecond))
	}
	again, ok := caseIdentity(path)
	if !ok || again != id || !again.settled() {
		return
	}
	rememberChecked(id)
}
