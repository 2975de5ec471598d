package spreadsheet

import (
	"crypto/sha256"
	"sync"
	"sync/atomic"
)

// An .xls is read into an .xlsx in memory each time it is opened, and the
// import dialog opens it twice: for its preview, then for the import. The
// last conversion is kept and used again when a workbook stream of the
// same bytes is opened: keyed by the SHA-256 of the stream the conversion
// is made from (never by the file's name or time, so that a file replaced
// under its name is converted afresh), the conversion being a function of
// those bytes alone. A conversion past maxCachedXLS is not kept.

// xlsConversion is an .xls read into an .xlsx.
type xlsConversion struct {
	sum      [sha256.Size]byte // of the Workbook stream
	data     []byte            // the .xlsx, never written to once made
	long     map[string]longTexts
	date1904 bool
}

// maxCachedXLS bounds the .xlsx kept.
const maxCachedXLS = 64 << 20

var (
	lastXLSMu sync.Mutex
	lastXLS   *xlsConversion
	// xlsConversions counts the conversions made (the tests count them).
	xlsConversions atomic.Int64
)

// convertXLS reads a Workbook stream into an .xlsx, or gives the last
// conversion when it was of the same bytes.
func convertXLS(stream []byte) (*xlsConversion, error) {
	sum := sha256.Sum256(stream)
	lastXLSMu.Lock()
	c := lastXLS
	lastXLSMu.Unlock()
	if c != nil && c.sum == sum {
		return c, nil
	}
	book, err := parseGlobals(stream)
	if err != nil {
		return nil, err
	}
	if len(book.sheets) == 0 {
		return nil, errNoWorksheet
	}
	data, long, err := book.toXLSX()
	if err != nil {
		return nil, err
	}
	xlsConversions.Add(1)
	c = &xlsConversion{sum: sum, data: data, long: long, date1904: book.date1904}
	if len(data) <= maxCachedXLS {
		lastXLSMu.Lock()
		lastXLS = c
		lastXLSMu.Unlock()
	}
	return c, nil
}
