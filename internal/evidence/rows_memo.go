package evidence

import (
	"strings"
	"unsafe"
)

// Where the layout put a field, remembered by the reader. The readers ask
// for the same few field constants on every row (rd.cell, rd.has), and a
// lookup in the layout's maps each time cost about 0.4 s of a 1M-row
// import's parse (a profile, issue 20). The memo is a small open-addressed
// table probed from the address of the field's name: a constant's name has
// one address, so its entry is found without hashing the text, and the
// entry's own copy of the name is compared in full before it is trusted.
// There are fewer fields than slots, so the table never fills.

const memoSlots = 128 // a power of two above the number of fields

type fieldSlot struct {
	f          Field
	set        bool
	c, cc      int  // the column, and the called party's (CalledColumns)
	ok, hasCC  bool // mapped at all; mapped for the called party
	callerOnly bool // the caller's column only: none for the called party
	calleeOnly bool // the called party's column only: none for the caller
	volume     string
}

type fieldMemo [memoSlots]fieldSlot

// slot is f's entry, filled from the layout the first time f is asked.
func (rd *Reader) slot(f Field) *fieldSlot {
	p := uintptr(unsafe.Pointer(unsafe.StringData(string(f))))
	i := int((p * 0x9E3779B97F4A7C15) >> 57) // the top 7 bits: memoSlots
	for n := 0; n < memoSlots; n++ {
		s := &rd.memo[(i+n)&(memoSlots-1)]
		if !s.set {
			l := rd.l
			*s = fieldSlot{f: f, set: true}
			s.c, s.ok = l.Columns[f]
			s.cc, s.hasCC = l.CalledColumns[f]
			s.callerOnly, s.calleeOnly = l.CallerOnly[f], l.CalleeOnly[f]
			s.volume = l.VolumeUnits[f]
			return s
		}
		if s.f == f {
			return s
		}
	}
	panic("evidence: more fields asked than the reader's memo holds")
}

// has reports whether the layout maps f to a column (Layout.Has).
func (rd *Reader) has(f Field) bool { return rd.slot(f).ok }

// splitCells sets rd.cells from rd.fields: the cleaned text of every column
// a field is mapped to, "" for the others. The used fields are copied end
// to end and made one string, so a line costs one allocation rather than
// one a cell (about 18 a line in an IPDR export).
func (rd *Reader) splitCells() {
	rd.cellBuf, rd.cellEnds = rd.cellBuf[:0], rd.cellEnds[:0]
	for i, f := range rd.fields {
		if i < len(rd.used) && rd.used[i] {
			rd.cellBuf = append(rd.cellBuf, f...)
		}
		rd.cellEnds = append(rd.cellEnds, len(rd.cellBuf))
	}
	line := string(rd.cellBuf)
	rd.cells = rd.cells[:0]
	start := 0
	for i, end := range rd.cellEnds {
		if i < len(rd.used) && rd.used[i] {
			rd.cells = append(rd.cells, CleanText(line[start:end]))
		} else {
			rd.cells = append(rd.cells, "")
		}
		start = end
	}
}

// date is ParseDate in the layout's date order, remembering the last date
// read: the rows of an export come in runs of one day, and a record's end
// is mostly on its start's day, so most rows ask for the date just read.
func (rd *Reader) date(s string) (Wall, error) {
	if rd.lastDate.set && s == rd.lastDate.s {
		return rd.lastDate.w, nil
	}
	w, err := ParseDate(s, rd.l.DateOrder)
	if err == nil {
		rd.lastDate.s, rd.lastDate.w, rd.lastDate.set = strings.Clone(s), w, true
	}
	return w, err
}
