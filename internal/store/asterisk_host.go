package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence/hostimage"
	"github.com/cdrtui/cdrtui/internal/evidence/textline"
)

// detectTimezoneFile recognises an image's etc/timezone.
func detectTimezoneFile(head []byte, opts ImportOptions) (*detection, error) {
	name, line, err := hostimage.ParseTimezoneFile(head)
	if err != nil {
		return nil, fmt.Errorf("etc/timezone: %v", err)
	}
	how := fmt.Sprintf("etc/timezone names %s (line %d)", name, line)
	return zoneDetection("etc/timezone naming "+name, name, how, opts), nil
}

// detectTZifFile recognises an image's etc/localtime copied as a file.
func detectTZifFile(head []byte, complete bool, opts ImportOptions) (*detection, error) {
	if !complete {
		return nil, errors.New("etc/localtime: a TZif file larger than any zone file")
	}
	z, err := hostimage.ZoneFromTZif(head)
	if err != nil {
		return nil, fmt.Errorf("etc/localtime: %v", err)
	}
	return zoneDetection("etc/localtime, TZif zone file of "+z.Name, z.Name, "etc/localtime is a "+z.How, opts), nil
}

func zoneDetection(format, zone, how string, opts ImportOptions) *detection {
	notes := how + "."
	if img := opts.image; img != nil && img.zone != nil && img.zone.Name != zone {
		notes += fmt.Sprintf(" The image's clocks are read in %s (%s).", img.zone.Name, img.zone.How)
	}
	return &detection{kind: KindHostZone, format: format, zone: zone, notes: notes,
		importer: func(ctx context.Context, j *importJob) error { return importZone(ctx, j, zone, how) }}
}

// importZone records a zone file: one ast_zones row. The file is read
// whole through the hashing reader (zone files are small).
func importZone(ctx context.Context, j *importJob, zone, how string) error {
	if _, err := io.Copy(io.Discard, io.LimitReader(j.reader(), maxZoneFile)); err != nil {
		return err
	}
	root := imageRootOf(j.path, j.opts.image)
	if err := j.insert(ctx, "INSERT INTO ast_zones(source_id, root, zone, how) %s", 4, [][]any{{j.sourceID, root, zone, how}}); err != nil {
		return err
	}
	j.rows.Add(1)
	return nil
}

// imageRootOf is the image a zone file belongs to: the known image's root,
// or the directory above etc/.
func imageRootOf(path string, img *imageInfo) string {
	if img != nil {
		return img.root
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return filepath.Dir(filepath.Dir(abs))
}

// importHistory reads a shell history file into shell_history.
func importHistory(ctx context.Context, j *importJob, abs string) error {
	user := hostimage.HistoryUser(abs)
	hr := hostimage.NewHistoryReader(j.reader())
	rows := make([][]any, 0, chunkRows)
	timed := int64(0)
	flush := func() error {
		err := j.insert(ctx, "INSERT INTO shell_history(source_id, line, user, command, time, time_line) %s", 6, rows)
		rows = rows[:0]
		return err
	}
	for {
		h, err := hr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var long *textline.TooLong
		if errors.As(err, &long) {
			if err := j.writeRejects(ctx, []reject{{line: long.Line, severity: "row", reason: long.Reason(), raw: long.Sample}}); err != nil {
				return err
			}
			j.rejected.Add(1)
			continue
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", j.path, err)
		}
		var t, tl any
		if h.TimeLine > 0 {
			t, tl = h.Time, h.TimeLine
			timed++
		}
		rows = append(rows, []any{j.sourceID, h.Line, user, h.Command, t, tl})
		j.rows.Add(1)
		if len(rows) == chunkRows {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	who := "user unknown (not under root/ or home/<user>/)"
	if user != "" {
		who = "user " + user
	}
	if timed == 0 {
		j.det.notes = who + "; no times: HISTTIMEFORMAT was not set, so the commands are in order but undated."
	} else {
		j.det.notes = fmt.Sprintf("%s; %d of %d commands dated by the shell's own #<epoch> lines (UTC instants).", who, timed, j.rows.Load())
	}
	return nil
}

// importLink records an image's etc/localtime when it is a symbolic link:
// the link's text is the evidence (hashed into sources; size is its
// length), it names the zone, and it is never followed. ok is false for a
// path that is not such a link, which the caller imports as usual.
func (s *Store) importLink(ctx context.Context, p string, images imageCache) (FileResult, bool, error) {
	res := FileResult{Path: p}
	fi, err := os.Lstat(p)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return res, false, nil
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return res, false, nil
	}
	root, place, _ := hostimage.Locate(abs)
	if place != hostimage.PlaceLocaltime {
		return res, false, nil
	}
	target, err := os.Readlink(p)
	if err != nil {
		res.Error = err.Error()
		return res, true, nil
	}
	name, note, err := hostimage.ZoneFromLink(target)
	if err != nil {
		res.Skipped = "not evidence: etc/localtime: " + err.Error()
		return res, true, nil
	}
	img := images.forFile(p, "")
	how := fmt.Sprintf("etc/localtime is a symbolic link to %s (read as text, not followed)", target)
	if img != nil && img.zone != nil && img.zone.Name == name {
		how = img.zone.How
	} else if note != "" {
		how += "; " + note
	}
	sum := sha256.Sum256([]byte(target))
	res.SHA256, res.Kind, res.Zone = hex.EncodeToString(sum[:]), KindHostZone, name
	res.Format = "symbolic link naming " + name
	err = s.recordLink(ctx, &res, fi, root, target, name, how)
	return res, true, err
}

// recordLink writes the link's source and zone rows in one transaction.
func (s *Store) recordLink(ctx context.Context, res *FileResult, fi os.FileInfo, root, target, zone, how string) error {
	if s.readOnly {
		return ErrReadOnly
	}
	var other int64
	err := s.db.QueryRowContext(ctx, "SELECT id FROM sources WHERE sha256 = ?", res.SHA256).Scan(&other)
	if err == nil {
		res.Skipped = fmt.Sprintf("already in the case as source %d: same SHA-256 (the same link text)", other)
		res.inCase = true
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	defer tx.Rollback()
	r, err := tx.ExecContext(ctx, `INSERT INTO sources(path, location, kind, format, sha256, size, modified_at, imported_at, tz, rows_imported, notes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`, res.Path, location(res.Path), res.Kind, res.Format, res.SHA256, len(target), fi.ModTime().Unix(), time.Now().Unix(), zone,
		"The link's own text is the evidence (its SHA-256 is of the text "+target+"). "+how+".")
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	res.SourceID, _ = r.LastInsertId()
	if _, err := tx.ExecContext(ctx, "INSERT INTO ast_zones(source_id, root, zone, how) VALUES (?, ?, ?, ?)", res.SourceID, root, zone, how); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	res.Rows = 1
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	return nil
}
