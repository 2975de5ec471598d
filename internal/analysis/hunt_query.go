package analysis

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
)

// AnyPort marks a hunt destination written without a port, and a record
// whose destination port was not recorded.
const AnyPort = -1

// HuntDest is one destination of a hunt: an address (a /32 or /128) or a
// network, with the port written beside it (AnyPort when none).
type HuntDest struct {
	Prefix netip.Prefix
	Port   int
}

// Single reports whether the destination is one address.
func (d HuntDest) Single() bool { return d.Prefix.Bits() == d.Prefix.Addr().BitLen() }

// String writes the destination as the hunt form reads it back:
// 104.198.99.79:443, 104.198.99.0/24, [2001:db8::1]:443, [2001:db8::/32]:443.
func (d HuntDest) String() string {
	s := d.Prefix.String()
	if d.Single() {
		s = d.Prefix.Addr().String()
	}
	if d.Port == AnyPort {
		return s
	}
	if d.Prefix.Addr().Is6() {
		s = "[" + s + "]"
	}
	return fmt.Sprintf("%s:%d", s, d.Port)
}

// Contains reports whether the record's destination (its address and port,
// AnyPort when none was recorded) is this destination, for the ports the
// hunt names when the destination carries none (ports empty: any port).
func (d HuntDest) Contains(addr netip.Addr, port int, ports []PortRange) bool {
	if !d.Prefix.Contains(addr) {
		return false
	}
	if d.Port != AnyPort {
		return port == d.Port
	}
	return len(ports) == 0 || huntPortIn(port, ports)
}

// PortRange is an inclusive range of ports (Lo == Hi for one port).
type PortRange struct{ Lo, Hi int }

// String writes "443" or "8000-8100".
func (r PortRange) String() string {
	if r.Lo == r.Hi {
		return fmt.Sprint(r.Lo)
	}
	return fmt.Sprintf("%d-%d", r.Lo, r.Hi)
}

func huntPortIn(port int, ports []PortRange) bool {
	for _, r := range ports {
		if r.Lo <= port && port <= r.Hi {
			return true
		}
	}
	return false
}

// CellSpec is one cell of a hunt: an exact cell ID as the evidence writes it
// ("234-15-101-7"), or every cell whose ID begins with Text (written with a
// trailing *: "234-15-101-*").
type CellSpec struct {
	Text   string
	Prefix bool
}

// Matches reports whether cell is this cell or begins with this prefix.
func (c CellSpec) Matches(cell string) bool {
	if c.Prefix {
		return strings.HasPrefix(cell, c.Text)
	}
	return cell == c.Text
}

// String writes the cell as the form reads it back (a prefix ends in *);
// a cell holding a space, a comma or a quote is quoted.
func (c CellSpec) String() string {
	s := c.Text
	if strings.ContainsAny(s, " \t,;\"") {
		s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	if c.Prefix {
		s += "*"
	}
	return s
}

// HuntQuery is a parsed hunt: records to any of Dests (or, with no
// destinations, to any of Ports), from any of Cells (none: anywhere),
// whose wall clock lies in [From, To] (inclusive; unset ends are open).
// Wall times are the evidence's wall clock as Unix seconds read in UTC
// (Moment.Unix + Moment.Offset).
type HuntQuery struct {
	Dests   []HuntDest
	Ports   []PortRange
	Cells   []CellSpec
	From    int64
	To      int64
	HasFrom bool
	HasTo   bool
}

// ErrEmptyHunt is returned for a hunt naming no destination, port or cell.
var ErrEmptyHunt = errors.New("name at least a destination, a port or a cell")

// Validate checks what no single field can: that the hunt names something
// to look for and that its window does not end before it starts.
func (q *HuntQuery) Validate() error {
	if len(q.Dests) == 0 && len(q.Ports) == 0 && len(q.Cells) == 0 {
		return ErrEmptyHunt
	}
	if q.HasFrom && q.HasTo && q.To < q.From {
		return fmt.Errorf("the window ends (%s) before it starts (%s)", huntWallString(q.To), huntWallString(q.From))
	}
	return nil
}

// MatchDestination reports whether a record's destination (ip as stored,
// "" when none; port AnyPort when none) is one the hunt looks for.
func (q *HuntQuery) MatchDestination(ip string, port int) bool {
	if len(q.Dests) == 0 {
		return len(q.Ports) == 0 || huntPortIn(port, q.Ports)
	}
	if ip == "" {
		return false
	}
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	for _, d := range q.Dests {
		if d.Contains(addr, port, q.Ports) {
			return true
		}
	}
	return false
}

// MatchWall reports whether a wall-clock time lies in the hunt's window.
func (q *HuntQuery) MatchWall(wall int64) bool {
	return (!q.HasFrom || wall >= q.From) && (!q.HasTo || wall <= q.To)
}

// MatchCell reports whether a record's cell ("" when none) is in the
// hunt's area; every cell is when the hunt names none.
func (q *HuntQuery) MatchCell(cell string) bool {
	if len(q.Cells) == 0 {
		return true
	}
	for _, c := range q.Cells {
		if c.Matches(cell) {
			return true
		}
	}
	return false
}

// Match reports whether a record belongs to the hunt's results.
func (q *HuntQuery) Match(ip string, port int, cell string, at Moment) bool {
	return q.MatchWall(at.Unix+int64(at.Offset)) && q.MatchDestination(ip, port) && q.MatchCell(cell)
}

// Form writes the query back as the analyst's form, canonically: parsing
// it again gives the same query (saved hunts keep this).
func (q *HuntQuery) Form() HuntForm {
	var f HuntForm
	dests := make([]string, len(q.Dests))
	for i, d := range q.Dests {
		dests[i] = d.String()
	}
	ports := make([]string, len(q.Ports))
	for i, p := range q.Ports {
		ports[i] = p.String()
	}
	cells := make([]string, len(q.Cells))
	for i, c := range q.Cells {
		cells[i] = c.String()
	}
	f.Dests, f.Ports, f.Cells = strings.Join(dests, ", "), strings.Join(ports, ", "), strings.Join(cells, ", ")
	if q.HasFrom {
		f.From = huntWallString(q.From)
	}
	if q.HasTo {
		f.To = huntWallString(q.To)
	}
	return f
}

// Describe says in words what the hunt looks for, for titles and reports.
func (q *HuntQuery) Describe() string {
	f := q.Form()
	var parts []string
	switch {
	case f.Dests != "":
		s := "to " + f.Dests
		if f.Ports != "" {
			s += " on port " + f.Ports
		}
		parts = append(parts, s)
	case f.Ports != "":
		parts = append(parts, "on port "+f.Ports)
	}
	if f.Cells != "" {
		parts = append(parts, "from cell "+f.Cells)
	}
	switch {
	case f.From != "" && f.To != "":
		parts = append(parts, "between "+f.From+" and "+f.To)
	case f.From != "":
		parts = append(parts, "from "+f.From+" on")
	case f.To != "":
		parts = append(parts, "until "+f.To)
	}
	return strings.Join(parts, ", ")
}

func huntWallString(wall int64) string { return Moment{Unix: wall}.String() }
