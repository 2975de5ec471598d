package evidence

import (
	"fmt"
	"io"
)

// dateColumns are the columns whose values carry a calendar date.
var dateColumns = []Field{FStart, FStartDate, FEnd, FEndDate}

// orderEvidence intersects the date orders every value allows. seen is
// false when no value was a numeric date at all (ISO or month-name dates
// need no order).
type orderEvidence struct {
	allowed   OrderSet
	seen      bool
	sample    string
	yearFirst bool // values that read only year first (2014-08-28, 20140828, epoch) were seen
}

func newOrderEvidence() orderEvidence {
	return orderEvidence{allowed: OrderDMY | OrderMDY | OrderYMD}
}

// add narrows the evidence by one value; it returns false when the value
// contradicts every order still allowed.
func (e *orderEvidence) add(v string) bool {
	s := DateOrders(v)
	if s == 0 {
		return true
	}
	if s == OrderYMD {
		// read the same whatever the order: it neither decides nor
		// contradicts the order of the day-or-month-first dates
		e.yearFirst = true
		return true
	}
	if !e.seen {
		e.sample = v
	}
	e.seen = true
	if e.allowed&s == 0 {
		return false
	}
	e.allowed &= s
	return true
}

func (e *orderEvidence) decided() bool {
	return !e.seen || len(e.allowed.Orders()) == 1
}

// decideDateOrder settles the layout's date order from the sample, or from
// the analyst's --date-order. When the sample cannot decide, the layout is
// marked NeedsDateOrder for ResolveDateOrder.
func decideDateOrder(l *Layout, sample map[Field][]string, forced DateOrder) error {
	ev := newOrderEvidence()
	for _, f := range dateColumns {
		for _, v := range sample[f] {
			if !ev.add(v) {
				return fmt.Errorf("dates disagree on their order: %q and %q cannot both be read with one order", ev.sample, v)
			}
		}
	}
	if forced != "" {
		l.DateOrder = forced
		return nil
	}
	if !ev.seen {
		if ev.yearFirst {
			l.DateOrder = YMD
		}
		return nil
	}
	if orders := ev.allowed.Orders(); len(orders) == 1 {
		l.DateOrder = orders[0]
		return nil
	}
	l.pendingOrder = &ev
	return nil
}

// NeedsDateOrder reports whether the head of the file left the date order
// open, so the rest must be scanned (ResolveDateOrder) before reading.
func (l *Layout) NeedsDateOrder() bool { return l.pendingOrder != nil }

// ResolveDateOrder reads the rest of a file (r positioned anywhere: only
// date columns of data rows are looked at) until its dates settle one order.
// It fails with *AmbiguousDatesError when the whole file leaves the choice
// open, naming the orders possible.
func ResolveDateOrder(r io.Reader, l *Layout) error {
	if l.pendingOrder == nil {
		return nil
	}
	ev := *l.pendingOrder
	lr := NewLineReader(r, l.Delimiter)
	var fields [][]byte
	for !ev.decided() {
		rec, _, err := lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			continue
		}
		fields = SplitFields(fields, rec, l.Delimiter)
		for _, f := range dateColumns {
			c, ok := l.Columns[f]
			if !ok || c >= len(fields) {
				continue
			}
			ev.add(CleanText(string(fields[c])))
		}
	}
	orders := ev.allowed.Orders()
	if len(orders) != 1 {
		return &AmbiguousDatesError{Orders: orders, Sample: ev.sample, Hint: dateOrderHint(l, orders)}
	}
	l.DateOrder = orders[0]
	l.pendingOrder = nil
	return nil
}

// checkForcedOrder refuses an order the analyst forced that a date of the
// head's data rows cannot be read in, naming the first such date and its
// line. A date every order reads the same (2025-08-23) contradicts none.
func checkForcedOrder(rows []record, l *Layout, forced DateOrder) error {
	var cols []int
	for _, f := range dateColumns {
		if c, ok := l.Columns[f]; ok {
			cols = append(cols, c)
		}
	}
	if forced == "" || len(cols) == 0 {
		return nil
	}
	for _, r := range rows {
		cells := splitStrings(r.text, l.Delimiter)
		for _, c := range cols {
			if c >= len(cells) {
				continue
			}
			v := CleanText(unwrapValue(cells[c]))
			s := DateOrders(v)
			if s == 0 || s == OrderYMD || s.Has(forced) {
				continue
			}
			return &DateOrderError{Order: forced, Value: v, Line: r.line, Fits: s.Orders()}
		}
	}
	return nil
}
