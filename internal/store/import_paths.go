package store

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// fileRef is one file to import: the path it was named by, where its bytes
// really are, and the path whose layout says what it is.
type fileRef struct {
	given string // as the analyst gave it, or as found under a walked directory (sources.path)
	real  string // every symbolic link resolved (sources.location)
	place string // the file as the seized system saw it, for its place in the image's layout
	note  string // how a link led to it, for the source's notes
	root  string // the directory it is opened through (an os.Root: no path out of it), "" for none
}

// openRef opens a file to import, through its root when it has one, so
// that nothing swapped in after the walk (a link, a renamed directory)
// can lead the open out of the image.
func openRef(ref fileRef) (*os.File, error) {
	if ref.root == "" {
		return os.Open(ref.real)
	}
	rel, err := filepath.Rel(ref.root, ref.real)
	if err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(ref.root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.Open(rel)
}

// argRef is a command-line path resolved once.
type argRef struct {
	given     string
	real      string // every link followed: the analyst named it
	place     string // the absolute path as given, or real when a link led out of the image
	imageRoot string // the image the path lies in, resolved; "" when none
	note      string
}

// maxLinkHops bounds the links followed resolving one path (as the
// kernel's 40).
const maxLinkHops = 40

// resolveArg resolves a path named on the command line. A link there is
// followed (the analyst named it), but a path through an image that a
// link leads out of (img/var/log/asterisk -> /elsewhere) is the place the
// link points to, not the image's: its files are not dated in the image's
// zone, and their location is where they really are.
func resolveArg(p string) (argRef, error) {
	ref := argRef{given: p}
	abs, err := filepath.Abs(p)
	if err != nil {
		return ref, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return ref, err
	}
	ref.real, ref.place = real, abs
	root := imageRootAbove(abs)
	if root == "" {
		if real != abs {
			ref.note = "named through a symbolic link: read at " + real
		}
		return ref, nil
	}
	rootReal, err := filepath.EvalSymlinks(root)
	if err != nil {
		return ref, err
	}
	rel, _ := filepath.Rel(root, abs)
	inImage, err := resolveInImage(rootReal, filepath.ToSlash(rel))
	if err != nil || !underRoot(inImage, rootReal) {
		// the image's own view of the path fails (a link out of it, or an
		// absolute one to what the image does not hold): the path is
		// where the links lead on this machine, outside the image
		ref.place = real
		ref.note = fmt.Sprintf("reached through a symbolic link that leads out of the disk image at %s: read at %s, not as part of that image", root, real)
		return ref, nil
	}
	ref.imageRoot, ref.real = rootReal, inImage
	if inImage != filepath.Join(rootReal, rel) {
		ref.note = "reached through a symbolic link inside the image: read at " + inImage
	}
	return ref, nil
}

// imageRootAbove is the nearest directory at or above p that looks like
// the root of a disk image (it has etc/timezone, etc/localtime,
// var/log/asterisk or etc/asterisk), "" when none does.
func imageRootAbove(p string) string {
	for dir := p; ; {
		if looksLikeImageRoot(dir) {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

func looksLikeImageRoot(dir string) bool {
	if dir == string(filepath.Separator) {
		return false // the analyst's own machine is not a seized image
	}
	if hasZoneFiles(dir) {
		return true
	}
	for _, sub := range []string{"var/log/asterisk", "etc/asterisk"} {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(sub))); err == nil {
			return true
		}
	}
	return false
}

// underRoot reports whether p is root or under it.
func underRoot(p, root string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// escapeError is a link that leads out of an image.
type escapeError struct {
	link, target string
}

func (e *escapeError) Error() string {
	return fmt.Sprintf("symbolic link %s -> %s leads out of the image", e.link, e.target)
}

// fileType names a file that is neither regular nor a directory.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "not a regular file (" + m.Type().String() + ")"
}

// notRegular is the result for a file that is not opened: only regular
// files are read (a named pipe or a device would block or never end).
func notRegular(given string, m fs.FileMode) FileResult {
	return FileResult{Path: given, Skipped: "not read: " + fileType(m) + ", not a regular file"}
}
