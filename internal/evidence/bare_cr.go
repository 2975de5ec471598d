package evidence

import "bytes"

// bareCRError is the reason to refuse a file whose lines end in a bare
// carriage return, as classic Mac OS wrote text and Excel's "CSV
// (Macintosh)" still does (a published Asterisk CDR export, calldate,src,
// dst,... with 24/08/17 09:32 dates, is so written): read by line feeds it
// is one line, its header run into its rows. Nil when head has a line feed
// or fewer than two carriage returns.
func bareCRError(head []byte) error {
	h := head[:min(len(head), 64<<10)]
	if bytes.IndexByte(h, '\n') >= 0 || bytes.Count(h, []byte{'\r'}) < 2 {
		return nil
	}
	return &LayoutError{Reason: "its lines end in a bare carriage return (CR, as classic Mac OS and Excel's \"CSV (Macintosh)\" write them), " +
		"not a line feed: read by lines it is one line; make a copy with the line ends converted (tr '\\r' '\\n') and import the copy"}
}
