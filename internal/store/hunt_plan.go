package store

import (
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// huntProbe is one query of a hunt's plan: a WHERE clause over ipdr.
type huntProbe struct {
	where string
	args  []any
}

// huntPlanned is how a hunt will be read: the FROM clause (ipdr, or ipdr
// NOT INDEXED for a full scan), its probes, and the access in words.
type huntPlanned struct {
	from   string
	probes []huntProbe
	access string
}

// planHunt chooses how to read a hunt. In order of preference:
//   - the subscriber index, for one subscriber's records;
//   - the destination index ipdr_by_dest(dest_hi, dest_lo, dest_port,
//     start) on the addresses' integer keys (see ipKeyRangeOf), when every
//     destination is narrower than /0: an address with one port and a
//     window is a single seek on the whole index, a network one range;
//   - the subscriber index over the subscribers the case ever saw in the
//     hunt's cells (subscriber_cells), for a hunt by area;
//   - the port index ipdr_by_port(dest_port, start), for a hunt by port;
//   - a full scan otherwise (an IPv6 network with a zero first group, say,
//     and no cell or port to narrow it).
//
// Every probe also carries the window on start (widened by wallSlack) and
// exactly on start + wall_offset, and the cells when there are any; the
// caller still checks every row exactly.
func planHunt(q *analysis.HuntQuery, cells map[int64]bool, opts HuntScanOptions) huntPlanned {
	var plan huntPlanned
	byDest := opts.Subscriber == 0 && len(q.Dests) > 0 && destsNarrow(q.Dests)
	common, args := huntCommonFilter(q, cells, byDest)
	switch {
	case opts.Subscriber != 0:
		plan = huntPlanned{access: "subscriber index (one subscriber)",
			probes: []huntProbe{{"subscriber_id = ?", []any{opts.Subscriber}}}}
	case byDest:
		plan = huntPlanned{access: "destination index", probes: destProbes(q)}
	case len(cells) > 0:
		plan = huntPlanned{access: "subscriber index over the subscribers seen in the cells",
			probes: []huntProbe{cellSubscribersProbe(q, cells)}}
	case destsHavePorts(q):
		plan = huntPlanned{access: "port index", probes: portProbes(q)}
	default:
		plan = huntPlanned{access: "full scan (nothing in the hunt narrows it)", probes: []huntProbe{{"true", nil}}}
	}
	plan.from = "ipdr"
	if opts.FullScan {
		plan = fullScan(plan)
	}
	for i := range plan.probes {
		p := &plan.probes[i]
		if common != "" {
			p.where = "(" + p.where + ") AND " + common
			p.args = append(p.args, args...)
		}
	}
	return plan
}

// huntCommonFilter is the window (on start, for the index, and exactly on
// the wall clock) and the cells, which every probe carries. On the
// destination index the cells are written +cell_id, so that SQLite keeps to
// it rather than reading every record of the cells (ipdr_by_cell) in the
// window.
func huntCommonFilter(q *analysis.HuntQuery, cells map[int64]bool, byDest bool) (string, []any) {
	var conds []string
	var args []any
	if q.HasFrom {
		conds = append(conds, "start >= ?", "start + wall_offset >= ?")
		args = append(args, q.From-wallSlack, q.From)
	}
	if q.HasTo {
		conds = append(conds, "start <= ?", "start + wall_offset <= ?")
		args = append(args, q.To+wallSlack, q.To)
	}
	if cells != nil {
		col := "cell_id"
		if byDest {
			col = "+cell_id"
		}
		conds = append(conds, col+" IN (SELECT value FROM json_each(?))")
		args = append(args, idList(cells))
	}
	return strings.Join(conds, " AND "), args
}

func destsNarrow(ds []analysis.HuntDest) bool {
	for _, d := range ds {
		if _, ok := ipKeyRangeOf(d.Prefix); !ok {
			return false
		}
	}
	return true
}

// destsHavePorts reports whether every record the hunt can match has a
// port the hunt names, so that the port index finds them all: the hunt's
// ports apply to destinations written without their own.
func destsHavePorts(q *analysis.HuntQuery) bool {
	if len(q.Ports) > 0 {
		return true
	}
	for _, d := range q.Dests {
		if d.Port == analysis.AnyPort {
			return false
		}
	}
	return len(q.Dests) > 0
}

// destProbes seeks the destination index once per destination and port:
// one address uses its whole key (and dest_port = ? for one port, so that
// start narrows too); a network compares the key only, its port and start
// conditions written +dest_port so that SQLite keeps to this index rather
// than the port index.
func destProbes(q *analysis.HuntQuery) []huntProbe {
	var out []huntProbe
	for _, d := range q.Dests {
		r, _ := ipKeyRangeOf(d.Prefix)
		ports := q.Ports
		if d.Port != analysis.AnyPort {
			ports = []analysis.PortRange{{Lo: d.Port, Hi: d.Port}}
		}
		ip, ipArgs := r.where()
		col := "dest_port"
		if !r.exact() {
			col = "+dest_port"
		}
		if len(ports) == 0 {
			out = append(out, huntProbe{ip, ipArgs})
			continue
		}
		for _, p := range ports {
			out = append(out, huntProbe{ip + " AND " + portCondition(col, p), append(append([]any{}, ipArgs...), portArgs(p)...)})
		}
	}
	return out
}

func portCondition(col string, p analysis.PortRange) string {
	if p.Lo == p.Hi {
		return col + " = ?"
	}
	return col + " BETWEEN ? AND ?"
}

func portArgs(p analysis.PortRange) []any {
	if p.Lo == p.Hi {
		return []any{p.Lo}
	}
	return []any{p.Lo, p.Hi}
}

// portProbes seeks the port index once per port or range of ports; the
// hunt's destinations are then checked on each row.
func portProbes(q *analysis.HuntQuery) []huntProbe {
	ports := append([]analysis.PortRange{}, q.Ports...)
	for _, d := range q.Dests {
		if d.Port != analysis.AnyPort {
			ports = append(ports, analysis.PortRange{Lo: d.Port, Hi: d.Port})
		}
	}
	out := make([]huntProbe, 0, len(ports))
	for _, p := range ports {
		out = append(out, huntProbe{portCondition("dest_port", p), portArgs(p)})
	}
	return out
}

// cellSubscribersProbe reads, through the subscriber index, the records of
// the subscribers subscriber_cells says were ever in the cells while the
// window was open.
func cellSubscribersProbe(q *analysis.HuntQuery, cells map[int64]bool) huntProbe {
	sub := "SELECT subscriber_id FROM subscriber_cells WHERE kind = 'ipdr' AND cell_id IN (SELECT value FROM json_each(?))"
	args := []any{idList(cells)}
	if q.HasFrom {
		sub += " AND last_seen >= ?"
		args = append(args, q.From-wallSlack)
	}
	if q.HasTo {
		sub += " AND first_seen <= ?"
		args = append(args, q.To+wallSlack)
	}
	return huntProbe{fmt.Sprintf("subscriber_id IN (%s)", sub), args}
}

// fullScan turns a plan into one pass over the table without its indexes,
// the probes joined by OR.
func fullScan(plan huntPlanned) huntPlanned {
	var ors []string
	var args []any
	for _, p := range plan.probes {
		ors = append(ors, "("+p.where+")")
		args = append(args, p.args...)
	}
	return huntPlanned{from: "ipdr NOT INDEXED", access: "full scan (reference)",
		probes: []huntProbe{{strings.Join(ors, " OR "), args}}}
}
