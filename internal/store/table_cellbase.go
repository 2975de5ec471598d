package store

import (
	"errors"
	"io"
	"sync/atomic"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// An import reads a table once where its LAC and cell columns' base is
// concerned: the base is decided from the head, and the text the import
// reads is checked, as it goes by, to decide the same over the whole file
// (evidence.CellBaseCheck). Before, the whole file (a workbook's sheet
// rendered from its XML, a gzipped file decompressed) was read once to
// decide the base and again to import it. When the whole file decides
// otherwise (a letter a-f first seen past the head), the import is rolled
// back and made again with the file read whole first, as before: never
// kept with the head's decision.

// errCellBaseChanged ends an import whose file decides its cell columns'
// base otherwise than its head did.
var errCellBaseChanged = errors.New("the file's LAC and cell columns decide their base otherwise than its head")

// cellBaseFromHead says imports decide the base from the head and check
// it (the tests set it false to compare with the whole file read first).
var cellBaseFromHead = true

// wholeCellBase says an import of the file must decide its cell columns'
// base over the whole file before reading it (errCellBaseChanged).
func wholeCellBase(err error) bool { return errors.Is(err, errCellBaseChanged) }

// cellBaseTee is the text r an import reads, its bytes handed as they are
// read to check, which reads them on a goroutine of its own; holds waits
// for it once the import has read r (or stopped) and says whether the
// whole file decides as the head did: never when r was not read to its
// end.
func cellBaseTee(r io.Reader, check *evidence.CellBaseCheck) (tee io.Reader, holds func() bool) {
	if check == nil {
		return r, func() bool { return true }
	}
	pr, pw := io.Pipe()
	result := make(chan bool, 1)
	go func() {
		err := check.Read(pr)
		io.Copy(io.Discard, pr) // never leave the import blocked on the pipe
		result <- err == nil && check.Holds()
	}()
	end := &endReader{r: r}
	return io.TeeReader(end, pw), func() bool {
		pw.Close()
		return <-result && end.eof.Load()
	}
}

// endReader says its reader has been read to its end.
type endReader struct {
	r   io.Reader
	eof atomic.Bool
}

func (e *endReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		e.eof.Store(true)
	}
	return n, err
}
