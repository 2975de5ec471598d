package asterisk

import (
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// dirsView is the dashboard's directions page: the calls by direction, each
// rule that decided (peer, file, line, setting) with its calls and a call
// it decided, the CDR clock checks and the queues of queue_log.
func (p *Pane) dirsView(w, h int) string {
	st := p.env.Styles
	r := p.report
	var lines []string
	var counts []string
	for _, d := range []string{"inbound", "outbound", "internal", "unknown"} {
		if n := r.Directions[d]; n > 0 {
			counts = append(counts, fmt.Sprintf("%s %s", d, table.Thousands(n)))
		}
	}
	lines = append(lines, st.Title.Render("Directions: ")+st.Text.Render(strings.Join(counts, " · ")))
	const indent = "                   "
	for _, d := range r.DirectionReasons {
		head := fmt.Sprintf("  %-8s %6s  ", d.Direction, table.Thousands(d.Calls))
		for i, l := range wrapWords(inert.String(d.Reason), w-len(indent)) {
			if i == 0 {
				lines = append(lines, head+l)
			} else {
				lines = append(lines, indent+l)
			}
		}
		ex := inert.String(d.Example)
		if max := w - len(indent) - 5; max > 10 && len([]rune(ex)) > max {
			rs := []rune(ex)
			ex = "…" + string(rs[len(rs)-max+1:])
		}
		lines = append(lines, st.Muted.Render(indent+"e.g. "+ex))
	}
	if len(r.ClockChecks) > 0 {
		lines = append(lines, "", st.Title.Render("CDR clock"))
		for _, c := range r.ClockChecks {
			for _, l := range wrapWords(c.Verdict+": "+inert.String(c.Text)+" ("+inert.String(c.Source)+")", w-2) {
				if c.Verdict == "disagrees" {
					lines = append(lines, st.Bad.Render("⚠ "+l))
				} else {
					lines = append(lines, st.Text.Render("  "+l))
				}
			}
		}
	}
	if len(r.Queues) > 0 {
		lines = append(lines, "", st.Title.Render("Queues (queue_log)"))
		for _, q := range r.Queues {
			var agents []string
			for _, a := range q.Agents {
				agents = append(agents, fmt.Sprintf("%s %d", inert.String(a.Agent), a.Answered))
			}
			for _, l := range wrapWords(fmt.Sprintf("%s: %d entered, %d answered (%s), %d abandoned, %d timed out; mean wait %.0f s, longest %d s",
				inert.String(q.Queue), q.Entered, q.Answered, strings.Join(agents, ", "), q.Abandoned, q.TimedOut, q.AvgWait, q.MaxWait), w-2) {
				lines = append(lines, "  "+l)
			}
		}
	}
	var wrapped []string
	for _, l := range lines {
		wrapped = append(wrapped, uikit.FitLine(l, w))
	}
	first := min(p.charts.dirScroll, max(0, len(wrapped)-h))
	p.charts.dirScroll = first
	end := min(len(wrapped), first+h)
	return strings.Join(wrapped[first:end], "\n")
}

// wrapWords breaks text at spaces into lines of at most w runes (a word
// longer than w is cut).
func wrapWords(text string, w int) []string {
	if w < 10 {
		w = 10
	}
	var out []string
	var cur []rune
	for _, word := range strings.Fields(text) {
		rw := []rune(word)
		if len(rw) > w {
			rw = append(rw[:w-1], '…')
		}
		if len(cur) > 0 && len(cur)+1+len(rw) > w {
			out = append(out, string(cur))
			cur = cur[:0]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, rw...)
	}
	if len(cur) > 0 || len(out) == 0 {
		out = append(out, string(cur))
	}
	return out
}
