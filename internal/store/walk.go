package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/hostimage"
)

// maxLinkDepth bounds how many directory links one walk goes through, one
// inside another (as the kernel's 40 bounds a path's links).
const maxLinkDepth = 40

// treeWalk finds the files under a directory named for import. It reads
// the tree through an os.Root of the image the directory lies in (or of
// the directory itself when it is in no image), so nothing it lists or
// follows lies outside that root. A symbolic link found is resolved as the
// seized system would (resolveIn): a link to a file inside the root is
// read where it leads and placed where it sits; a link to a directory
// inside the root is walked likewise; a link out of the root, to what the
// root does not hold, or back into a directory that holds it (a loop) is
// listed with its target, not followed.
type treeWalk struct {
	s        *Store
	arg      argRef
	root     *os.Root
	rootDir  string // the root's real path
	entries  []walkEntry
	results  []FileResult
	examined int
}

// walkTree walks arg (a directory), returning the files to import and
// the results of what it lists without importing (links not followed,
// files that are not regular, unreadable directories).
func (s *Store) walkTree(ctx context.Context, arg argRef) ([]walkEntry, []FileResult, int, error) {
	rootDir := arg.imageRoot
	if rootDir == "" {
		rootDir = arg.real
	}
	rel, err := filepath.Rel(rootDir, arg.real)
	if err != nil || !underRoot(arg.real, rootDir) {
		return nil, nil, 0, fmt.Errorf("walk %s: %s is not under %s", arg.given, arg.real, rootDir)
	}
	r, err := os.OpenRoot(rootDir)
	if err != nil {
		return nil, []FileResult{{Path: arg.given, Error: err.Error()}}, 0, nil
	}
	defer r.Close()
	w := &treeWalk{s: s, arg: arg, root: r, rootDir: rootDir}
	start := filepath.ToSlash(rel)
	if err := w.walk(ctx, start, arg.given, arg.place, arg.note, []string{start}); err != nil {
		return nil, w.results, w.examined, err
	}
	return w.readOnce(), w.results, w.examined, nil
}

// walk walks dir (slash-separated, relative to the root), naming what it
// finds under given and placing it under place. chain holds the
// directories this walk went into through links (and the first), for
// telling a loop.
func (w *treeWalk) walk(ctx context.Context, dir, given, place, note string, chain []string) error {
	return fs.WalkDir(w.root.FS(), dir, func(p string, d fs.DirEntry, err error) error {
		sub := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
		if dir == "." {
			sub = p
		}
		g, pl := joinSub(given, sub), joinSub(place, sub)
		if err != nil {
			w.results = append(w.results, FileResult{Path: g, Error: err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		real := filepath.Join(w.rootDir, filepath.FromSlash(p))
		if d.IsDir() || w.s.isCaseFile(real) {
			return nil
		}
		w.examined++
		ref := fileRef{given: g, real: real, place: pl, note: note, root: w.rootDir}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			return w.link(ctx, p, ref, chain)
		case !d.Type().IsRegular():
			w.results = append(w.results, notRegular(g, d.Type()))
		default:
			w.entries = append(w.entries, walkEntry{path: pl, ref: ref})
		}
		return nil
	})
}

func joinSub(base, sub string) string {
	if sub == "" || sub == "." {
		return base
	}
	return filepath.Join(base, filepath.FromSlash(sub))
}

// link follows the symbolic link at p (relative to the root) while it
// stays inside the root.
func (w *treeWalk) link(ctx context.Context, p string, ref fileRef, chain []string) error {
	if abs, err := filepath.Abs(ref.place); err == nil {
		if _, place, _ := hostimage.Locate(abs); place == hostimage.PlaceLocaltime {
			// the link's text is the evidence (importLink): never followed
			w.entries = append(w.entries, walkEntry{path: ref.place, link: true, ref: ref})
			return nil
		}
	}
	target, _ := w.root.Readlink(p)
	skip := func(format string, args ...any) error {
		w.results = append(w.results, FileResult{Path: ref.given, Skipped: fmt.Sprintf("symbolic link to %s: ", target) + fmt.Sprintf(format, args...)})
		return nil
	}
	host := ""
	if w.arg.imageRoot == "" {
		host = w.rootDir
	}
	to, err := resolveIn(w.root, p, host)
	var out *escapeError
	var loop *loopError
	switch {
	case errors.As(err, &out) && w.arg.imageRoot == "":
		return skip("not followed: it points outside the walked directory (%s)", w.rootDir)
	case errors.As(err, &out):
		return skip("not followed: it points outside the image (%s)", w.rootDir)
	case errors.As(err, &loop):
		return skip("not followed: a loop of symbolic links (%s)", loop.at)
	case errors.Is(err, fs.ErrNotExist) && w.arg.imageRoot != "":
		return skip("not followed: its target is not in the image (%s; an absolute target is read from the image's root, never from this machine)", w.rootDir)
	case errors.Is(err, fs.ErrNotExist):
		return skip("not followed: its target does not exist in the walked directory (%s)", w.rootDir)
	case err != nil:
		return skip("not followed (%v)", err)
	}
	info, err := w.root.Stat(orDot(to))
	if err != nil {
		return skip("not followed (%v)", err)
	}
	real := filepath.Join(w.rootDir, filepath.FromSlash(to))
	via := strings.TrimSpace(ref.note + " symbolic link " + ref.given + " -> " + target + ", followed inside the image: read at " + real + ".")
	if w.arg.imageRoot == "" {
		via = strings.TrimSpace(ref.note + " symbolic link " + ref.given + " -> " + target + ", followed inside the walked directory: read at " + real + ".")
	}
	switch {
	case info.IsDir():
		linkDir := path.Dir(p)
		for _, c := range chain {
			if c == to {
				return skip("not followed: a loop (it leads back to %s, which this walk is already in)", real)
			}
		}
		if to == "" || to == "." || linkDir == to || strings.HasPrefix(linkDir+"/", to+"/") {
			return skip("not followed: a loop (it leads back to %s, which holds the link)", real)
		}
		if len(chain) > maxLinkDepth {
			return skip("not followed: more than %d directory links deep", maxLinkDepth)
		}
		return w.walk(ctx, to, ref.given, ref.place, via, append(chain[:len(chain):len(chain)], to))
	case !info.Mode().IsRegular():
		w.results = append(w.results, notRegular(ref.given, info.Mode()))
		return nil
	}
	ref.real, ref.note = real, via
	w.entries = append(w.entries, walkEntry{path: ref.place, ref: ref})
	return nil
}

func orDot(p string) string {
	if p == "" {
		return "."
	}
	return p
}

// readOnce keeps one entry for each file reached by more than one path
// (directly and through a link, or through two links): the one whose place
// the image's layout names (var/log/asterisk reached through a link to
// where the logs really are), else the first found. The others are listed
// as read once.
func (w *treeWalk) readOnce() []walkEntry {
	first := map[string]int{}
	var out []walkEntry
	for _, e := range w.entries {
		if e.link {
			out = append(out, e)
			continue
		}
		i, seen := first[e.ref.real]
		if !seen {
			first[e.ref.real] = len(out)
			out = append(out, e)
			continue
		}
		kept := out[i]
		if !locatable(kept.ref.place) && locatable(e.ref.place) {
			out[i], kept, e = e, e, kept
		}
		w.results = append(w.results, FileResult{Path: e.ref.given,
			Skipped: fmt.Sprintf("read once, through another path; the same file as %s (%s)", kept.ref.given, kept.ref.real)})
	}
	return out
}

// locatable says whether the image's layout names a place.
func locatable(place string) bool {
	abs, err := filepath.Abs(place)
	if err != nil {
		return false
	}
	_, _, ok := hostimage.Locate(abs)
	return ok
}

// loopError is a chain of links that does not end.
type loopError struct{ at string }

func (e *loopError) Error() string { return e.at + ": too many levels of symbolic links" }

// resolveIn resolves rel (slash-separated, under the root) as the seized
// system would have: links followed one component at a time, an absolute
// target taken from the root, never above it; every lookup goes through
// the os.Root. host is "" for an image; for a directory that is not one it
// is the root's real path on this machine, where an absolute target is
// read (and followed only when it leads under the root). It returns the
// resolved path relative to the root ("" for the root itself), an
// *escapeError for a link that leaves the root, a *loopError past
// maxLinkHops links.
func resolveIn(r *os.Root, rel, host string) (string, error) {
	pending := strings.Split(path.Clean("/" + rel)[1:], "/")
	var done []string // resolved components under root
	hops := 0
	for len(pending) > 0 {
		c := pending[0]
		pending = pending[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return "", &escapeError{link: rel, target: ".."}
			}
			done = done[:len(done)-1]
			continue
		}
		cur := path.Join(append(done, c)...)
		fi, err := r.Lstat(cur)
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			done = append(done, c)
			continue
		}
		if hops++; hops > maxLinkHops {
			return "", &loopError{at: cur}
		}
		target, err := r.Readlink(cur)
		if err != nil {
			return "", err
		}
		t := filepath.ToSlash(target)
		abs := path.IsAbs(t)
		if abs && host != "" {
			in, err := filepath.Rel(host, filepath.Clean(target))
			if err != nil || !underRoot(filepath.Clean(target), host) {
				return "", &escapeError{link: cur, target: target}
			}
			t = filepath.ToSlash(in)
		}
		if abs {
			done = nil // from the image's own root, or the walked directory
		}
		// check the target alone stays inside before going on
		depth := len(done)
		for _, tc := range strings.Split(t, "/") {
			switch tc {
			case "", ".":
			case "..":
				if depth--; depth < 0 {
					return "", &escapeError{link: cur, target: target}
				}
			default:
				depth++
			}
		}
		pending = append(strings.Split(t, "/"), pending...)
	}
	return path.Join(done...), nil
}

// resolveInImage is resolveIn for a root given by its path: the real path
// of rel under root.
func resolveInImage(root, rel string) (string, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return "", err
	}
	defer r.Close()
	to, err := resolveIn(r, rel, "")
	if err != nil {
		return "", err
	}
	return filepath.Join(root, filepath.FromSlash(to)), nil
}
