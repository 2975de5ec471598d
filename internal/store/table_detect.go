package store

import (
	"errors"
	"io"
	"sync/atomic"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// detectOperatorTable recognises delimited operator exports (IPDR and
// voice CDRs) by their header row.
func detectOperatorTable(path string, head []byte, complete bool, opts ImportOptions) (*detection, error) {
	return detectTable(path, head, complete, opts, false)
}

// detectTable is detectOperatorTable for a head already decompressed when
// gzipped says the file is.
// UTF-16 text (a spreadsheet's "Unicode text") and text in an 8-bit
// encoding (textEncoding) are read as UTF-8.
func detectTable(path string, head []byte, complete bool, opts ImportOptions, gzipped bool) (*detection, error) {
	sniffOpts := evidence.Options{DateOrder: opts.DateOrder, Map: opts.Map, Zone: opts.Zone, Kind: opts.Kind, PLMN: opts.PLMN}
	enc, how, err := textEncoding(path, head, complete, opts, gzipped)
	if err != nil {
		if _, serr := evidence.Sniff(head, complete, sniffOpts); serr != nil {
			return nil, serr // not a table whatever its encoding
		}
		return nil, err
	}
	head = evidence.DecodeText(head, enc)
	l, err := evidence.Sniff(head, complete, sniffOpts)
	var empty *evidence.EmptyReturnError
	if errors.As(err, &empty) {
		return &detection{kind: "empty", format: empty.Error(), gzipped: gzipped, encoding: enc, importer: importEmptyReturn}, nil
	}
	if err != nil {
		return nil, err
	}
	det := &detection{kind: string(l.Kind), zone: l.ZoneName(), mapping: l.Mapping(), layout: l, gzipped: gzipped, encoding: enc, importer: importOperatorTable}
	det.reopen = opts.reopen
	if enc == evidence.UTF8 && how == "" && !complete {
		det.utf8Head = len(head) // the rest is checked as it is read
	}
	if l.NeedsDateOrder() {
		if err := readWhole(path, det, func(r io.Reader) error { return evidence.ResolveDateOrder(r, l) }); err != nil {
			return nil, err
		}
	}
	if l.NeedsCellBase() && opts.cellBaseFromHead {
		det.cellCheck = evidence.DecideCellBaseFromHead(l) // checked as the import reads the file
	}
	if l.NeedsCellBase() {
		if err := readWhole(path, det, func(r io.Reader) error { return evidence.ResolveCellBase(r, l) }); err != nil {
			return nil, err
		}
	}
	det.format = l.Describe()
	if enc != evidence.UTF8 || how != "" {
		det.format += ", " + enc.String()
	}
	if how != "" {
		det.format += " (" + how + ")"
	}
	det.dateOrder = string(l.DateOrder)
	return det, nil
}

// wholeReads counts the files read whole before their import (the tests
// count them).
var wholeReads atomic.Int64

// readWhole reads the whole file once more with read: when its first rows
// could not tell day-first from month-first, and to decide the base of
// its LAC and cell columns over all their values.
func readWhole(path string, det *detection, read func(io.Reader) error) error {
	wholeReads.Add(1)
	open := func() (io.ReadCloser, error) { return openEvidence(path) }
	if det.reopen != nil {
		open = det.reopen
	}
	f, err := open()
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := det.decode(f)
	if err != nil {
		return err
	}
	return read(r)
}

// decode is the text of a table file read through r: decompressed, then
// turned into UTF-8, as the detection found it stored.
func (d *detection) decode(r io.Reader) (io.Reader, error) {
	if d.gzipped {
		var err error
		if r, err = gunzip(r); err != nil {
			return nil, err
		}
	}
	if d.utf8Head > 0 && d.encoding == evidence.UTF8 {
		return evidence.NewUTF8Guard(r, d.utf8Head), nil
	}
	return evidence.NewTextReader(r, d.encoding), nil
}

// textEncoding is how a table file's text is stored, and how that was
// decided when it is not plain UTF-8 or UTF-16 ("" then): as --encoding
// says; or, for bytes that are not UTF-8, the 8-bit encoding its bytes
// show, judged over the whole file (evidence.CharsetScan), or an error
// naming the encodings that read it differently and --encoding.
func textEncoding(path string, head []byte, complete bool, opts ImportOptions, gzipped bool) (evidence.Encoding, string, error) {
	if opts.Encoding != "" {
		enc, err := evidence.ParseEncoding(opts.Encoding)
		if err != nil {
			return enc, "", err
		}
		if enc != evidence.UTF8 {
			// an 8-bit encoding named for the files of an import that are
			// not UTF-8: a file whose bytes are UTF-16, or UTF-8 with
			// characters beyond ASCII (which 8-bit text almost never is),
			// is read as such, never decoded a second time into mojibake
			if u := evidence.DetectUTF16(head); u != evidence.UTF8 {
				return u, "its bytes are UTF-16; --encoding " + enc.Name() + " is for 8-bit text", nil
			}
			if beyondASCII(head) && evidence.ValidUTF8(head, complete) && wholeUTF8(path, head, complete, opts, gzipped) {
				return evidence.UTF8, "its bytes are UTF-8; --encoding " + enc.Name() + " is for files that are not", nil
			}
		}
		return enc, "as --encoding " + enc.Name() + " says", nil
	}
	if enc := evidence.DetectUTF16(head); enc != evidence.UTF8 {
		return enc, "", nil
	}
	if evidence.ValidUTF8(head, complete) {
		return evidence.UTF8, "", nil
	}
	var enc evidence.Encoding
	var how string
	var err error
	if complete {
		var s evidence.CharsetScan
		s.Write(head)
		enc, how, err = s.Decide()
	} else {
		raw := &detection{gzipped: gzipped, reopen: opts.reopen} // read as stored (decompressed)
		err = readWhole(path, raw, func(r io.Reader) error {
			var serr error
			enc, how, serr = evidence.ScanCharset(r)
			return serr
		})
	}
	if err != nil {
		return enc, "", err
	}
	return enc, "told from its bytes: " + how, nil
}

var tableColumns = map[evidence.Kind]struct {
	insert string
	n      int
}{
	evidence.KindData: {`INSERT INTO ipdr(source_id, line, subscriber_id, device_id, private_ip, private_port, public_ip, public_port,
		dest_ip, dest_port, start, "end", wall_offset, cell_id, uplink, downlink, total, rat, domain, msisdn_as, device_ident, dest_hi, dest_lo) %s`, 23},
	evidence.KindVoice: {`INSERT INTO voice(source_id, line, subscriber_id, device_id, other, call_type, start, wall_offset, duration, cell_id, msisdn_as, other_key) %s`, 12},
}

// beyondASCII says b holds a byte that is not ASCII.
func beyondASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// wholeUTF8 says every byte of the file is UTF-8 (its head already is):
// read whole again when the head is not the whole file.
func wholeUTF8(path string, head []byte, complete bool, opts ImportOptions, gzipped bool) bool {
	if complete {
		return true
	}
	raw := &detection{gzipped: gzipped, reopen: opts.reopen} // read as stored (decompressed)
	err := readWhole(path, raw, func(r io.Reader) error {
		_, err := io.Copy(io.Discard, evidence.NewUTF8Guard(r, 0))
		return err
	})
	return err == nil
}
