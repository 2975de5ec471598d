package report

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
)

const traceSample = 3

func buildPersona(ctx context.Context, b *builder, subs []string) (Section, error) {
	m := subs[0]
	p, err := casework.BuildPersona(ctx, b.st, b.dict, b.info, m, casework.PersonaOptions{Destinations: b.p.Top})
	if err != nil {
		return Section{}, err
	}
	sec := Section{Title: "Persona of " + m, Command: b.command("persona", m, "--top", fmt.Sprint(b.p.Top), "--json"), Data: p}
	sec.Text = append(sec.Text, fmt.Sprintf("%d data records and %d voice records, %d bytes, %s to %s (wall clock as written). Applications by destination port from the port dictionary %s.",
		p.Total, p.VoiceRecords, p.Bytes, orDash(p.First), orDash(p.Last), p.Dictionary.Short()))
	apps := Table{Name: "Applications by destination port (Table III)", Columns: []Column{{"application", Text}, {"frequency", Int}, {"usage %", Float}, {"bytes", Int}, {"confidence", Text}, {"ports", Text}}}
	chart := Chart{Title: "Records by application", YLabel: "records", Series: []Series{{Name: m}}}
	for _, a := range p.Apps {
		var ports []string
		var nums []int
		for _, pd := range a.Ports {
			nums = append(nums, pd.Port)
			if pd.Port < 0 {
				ports = append(ports, "none")
			} else {
				ports = append(ports, fmt.Sprint(pd.Port))
			}
		}
		apps.Rows = append(apps.Rows, []Cell{txt(a.App), num(a.Count), dec(a.Percent, 2), num(a.Bytes), txt(a.Confidence), txt(strings.Join(ports, " "))})
		tr, err := b.trace(ctx, b.tq.IPDR(m, nums), traceSample)
		if err != nil {
			return sec, err
		}
		apps.Traces = append(apps.Traces, tr)
		chart.Labels = append(chart.Labels, a.App)
		chart.Series[0].Values = append(chart.Series[0].Values, float64(a.Count))
	}
	if p.UnknownTotal > 0 {
		var nums []int
		for _, u := range p.UnknownPorts {
			nums = append(nums, u.Port)
		}
		apps.Rows = append(apps.Rows, []Cell{txt(fmt.Sprintf("unknown ports (%d)", len(p.UnknownPorts))), num(p.UnknownTotal), dec(pct(p.UnknownTotal, p.Total), 2), txt(""), txt("none"), txt("")})
		tr, err := b.trace(ctx, b.tq.IPDR(m, nums), traceSample)
		if err != nil {
			return sec, err
		}
		apps.Traces = append(apps.Traces, tr)
	}
	sec.Tables = append(sec.Tables, apps)
	if len(chart.Labels) > 0 {
		sec.Charts = append(sec.Charts, chart)
	}
	dev := Table{Name: "Handsets (IMEI) and SIMs (IMSI)", Columns: []Column{{"kind", Text}, {"identity", ID}, {"records", Int}, {"first seen", Text}, {"last seen", Text}, {"change", Text}}}
	for _, kind := range []struct {
		name, column string
		ids          []analysis.IdentityUse
	}{{"handset IMEI", "imei", p.IMEIs}, {"SIM IMSI", "imsi", p.IMSIs}} {
		for _, id := range kind.ids {
			dev.Rows = append(dev.Rows, []Cell{txt(kind.name), txt(id.Value), num(id.Records), txt(id.FirstWall), txt(id.LastWall), txt(id.Change)})
			tr, err := b.trace(ctx, b.tq.Device(m, kind.column, id.Value), traceSample)
			if err != nil {
				return sec, err
			}
			dev.Traces = append(dev.Traces, tr)
		}
	}
	if len(dev.Rows) > 0 {
		sec.Tables = append(sec.Tables, dev)
	}
	cells := Table{Name: "Cells", Columns: []Column{{"cell", ID}, {"data records", Int}, {"voice records", Int}, {"first seen", Text}, {"last seen", Text}}}
	for _, c := range p.Cells {
		cells.Rows = append(cells.Rows, []Cell{txt(c.Cell), num(c.DataRecords), num(c.VoiceRecords), txt(c.First), txt(c.Last)})
		tr, err := b.trace(ctx, b.tq.Cell(m, c.Cell), traceSample)
		if err != nil {
			return sec, err
		}
		cells.Traces = append(cells.Traces, tr)
	}
	if len(cells.Rows) > 0 {
		sec.Tables = append(sec.Tables, cells)
	}
	dst := Table{Name: fmt.Sprintf("Destinations (%d of %d, most records first)", len(p.Destinations), p.DistinctDestinations),
		Columns: []Column{{"destination IP", ID}, {"port", Int}, {"application", Text}, {"records", Int}, {"bytes", Int}, {"first", Text}, {"last", Text}}}
	for _, d := range p.Destinations {
		dst.Rows = append(dst.Rows, []Cell{txt(d.IP), num(int64(d.Port)), txt(d.App), num(d.Records), num(d.Bytes), txt(d.First), txt(d.Last)})
		tr, err := b.trace(ctx, b.tq.Destination(m, d.IP, d.Port), traceSample)
		if err != nil {
			return sec, err
		}
		dst.Traces = append(dst.Traces, tr)
	}
	if len(dst.Rows) > 0 {
		sec.Tables = append(sec.Tables, dst)
	}
	hours := Chart{Title: "Data records per hour of the wall clock", YLabel: "records", Series: []Series{{Name: m}}}
	ht := Table{Name: "Hours of the wall clock (data records per hour)", Columns: []Column{{"hour", Text}, {"records", Int}}}
	byHour, err := b.st.SampleByWall(ctx, b.tq.Data(m, store.DataSelection{}, store.WallWhen{}), func(wall string) []string {
		return []string{wallHourKey(wall)}
	}, traceSample)
	if err != nil {
		return sec, err
	}
	for h, n := range p.Hours {
		hours.Labels = append(hours.Labels, fmt.Sprintf("%02d", h))
		hours.Series[0].Values = append(hours.Series[0].Values, float64(n))
		if n == 0 {
			continue // the chart shows the empty hours; the table lists those with records
		}
		ht.Rows = append(ht.Rows, []Cell{txt(fmt.Sprintf("%02d–%02d", h, h+1)), num(n)})
		ht.Traces = append(ht.Traces, b.wallTrace(byHour[fmt.Sprintf("%02d", h)], b.tq.Data(m, store.DataSelection{}, store.WallWhen{Part: store.WhenHour, N: h})))
	}
	sec.Charts = append(sec.Charts, hours)
	if len(ht.Rows) > 0 {
		sec.Tables = append(sec.Tables, ht)
	}
	return sec, nil
}

func pct(n, total int64) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) * 100 / float64(total)
}

func buildContacts(ctx context.Context, b *builder, subs []string) (Section, error) {
	a := subs[0]
	list, err := casework.Contacts(ctx, b.st, b.dict, a, b.p.WindowS, b.p.Top)
	if err != nil {
		return Section{}, err
	}
	sec := Section{Title: "Contacts of " + a, Data: list,
		Command: b.command("contacts", a, "--window", fmt.Sprintf("%ds", b.p.WindowS), "--top", fmt.Sprint(b.p.Top), "--json")}
	sec.Text = append(sec.Text, fmt.Sprintf("Everyone in the case ranked against %s (%d data records) by how far their coincidences exceed chance: "+
		"a match is a record of each on the same application starting at most %s apart; the chance baseline assumes each side independent, following its own hour-of-day profile over the case's %d days. "+
		"score = −log10 p, p corrected for the applications and windows looked at. %d candidates ranked, %d of their records read.",
		a, list.RecordsA, casework.FormatWindow(list.WindowS), list.Days, list.Candidates, list.Scanned))
	t := Table{Name: "Contacts, best first", Columns: []Column{{"rank", Int}, {"subscriber", ID}, {"matches", Int}, {"expected by chance", Float}, {"ratio", Float}, {"p", Float}, {"score", Float}, {"strongest on", Text}}}
	for i, c := range list.Contacts {
		t.Rows = append(t.Rows, []Cell{num(int64(i + 1)), txt(c.MSISDN), num(int64(c.Pairs)), dec(c.Expected, 3), dec(c.Ratio, 2),
			{S: casework.FormatP(c.P), N: c.P}, dec(c.Score, 2), txt(casework.FormatStrongest(c.BestApp, c.BestWindowS))})
		t.Traces = append(t.Traces, Trace{Total: int64(c.Pairs), Query: b.command("correlate", a, c.MSISDN, "--window", fmt.Sprintf("%ds", b.p.WindowS), "--list", "100000")})
	}
	sec.Tables = append(sec.Tables, t)
	return sec, nil
}

func buildCorrelation(ctx context.Context, b *builder, subs []string) (Section, error) {
	a, bb := subs[0], subs[1]
	pair, err := casework.LoadPair(ctx, b.st, b.dict, a, bb, casework.Match("app"))
	if err != nil {
		return Section{}, err
	}
	c := pair.At(b.p.WindowS)
	sec := Section{Title: fmt.Sprintf("Correlation of %s and %s", a, bb), Data: c,
		Command: b.command("correlate", a, bb, "--window", fmt.Sprintf("%ds", b.p.WindowS), "--json")}
	sec.Text = append(sec.Text, fmt.Sprintf("Window %s, matched by application. %d matches observed, %s expected by chance (ratio %s); strongest evidence %s, p = %s over %d tests, score %.2f.",
		casework.FormatWindow(c.WindowS), c.Pairs, casework.FormatExpected(c.Expected), casework.FormatRatio(c.Ratio, c.Pairs),
		casework.FormatStrongest(c.BestApp, c.BestWindowS), casework.FormatP(c.P), c.Tests, c.Score))
	matches := pair.Matches(b.p.WindowS, 0)
	byApp := map[string][]string{}
	for _, mr := range matches {
		if len(byApp[mr.App]) < traceSample {
			byApp[mr.App] = append(byApp[mr.App], fmt.Sprintf("%s:%d ↔ %s:%d", mr.ASource, mr.ALine, mr.BSource, mr.BLine))
		}
	}
	t := Table{Name: "By application", Columns: []Column{{"application", Text}, {"matches", Int}, {"expected by chance", Float}, {"ratio", Float}, {"p", Float}, {"score", Float}, {"records A", Int}, {"records B", Int}}}
	for _, ar := range c.Apps {
		t.Rows = append(t.Rows, []Cell{txt(ar.App), num(int64(ar.Matches)), dec(ar.Expected, 3), dec(ar.Ratio, 2), {S: casework.FormatP(ar.P), N: ar.P}, dec(ar.Score, 2), num(int64(ar.RecordsA)), num(int64(ar.RecordsB))})
		t.Traces = append(t.Traces, Trace{Sample: byApp[ar.App], Total: int64(ar.Matches),
			Query: b.command("correlate", a, bb, "--window", fmt.Sprintf("%ds", b.p.WindowS), "--list", "100000")})
	}
	sec.Tables = append(sec.Tables, t)
	ch := Chart{Title: "Matches observed and expected by chance, by window", YLabel: "matches", Series: []Series{{Name: "observed"}, {Name: "expected"}}}
	for _, pt := range c.Curve {
		ch.Labels = append(ch.Labels, casework.FormatWindow(pt.WindowS))
		ch.Series[0].Values = append(ch.Series[0].Values, float64(pt.Observed))
		ch.Series[1].Values = append(ch.Series[1].Values, pt.Expected)
	}
	if len(ch.Labels) > 0 {
		sec.Charts = append(sec.Charts, ch)
	}
	return sec, nil
}

var intervalNames = []string{"00–03", "03–06", "06–09", "09–12", "12–15", "15–18", "18–21", "21–24"}
var weekdayNames = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

func buildTrends(ctx context.Context, b *builder, subs []string) (Section, error) {
	m := subs[0]
	t, err := casework.BuildTrend(ctx, b.st, b.dict, b.info, casework.TrendScope{MSISDNs: []string{m}}, b.p.App)
	if err != nil {
		return Section{}, err
	}
	sec := Section{Title: fmt.Sprintf("Trends of %s on %s", m, t.App), Data: t,
		Command: b.command("trends", m, "--app", t.App, "--json")}
	sec.Text = append(sec.Text, fmt.Sprintf("%d records of %s on ports %s, in the wall clock of the evidence.%s", t.Total, t.App, strings.Join(t.Ports, ", "), noteText(t.Note)))
	sec.Text = append(sec.Text, "All the records: "+b.command("trends", m, "--app", t.App, "--list")+"; each row below lists its own.")
	// each row's records: those of the application's ports in that part of
	// the wall clock (a sample and the query listing them all), read in one
	// pass over the subscriber's records of the application
	groups, err := b.st.SampleByWall(ctx, b.tq.Data(m, t.Selection, store.WallWhen{}), trendKeys, traceSample)
	if err != nil {
		return sec, err
	}
	trace := func(tb *Table, key string, when store.WallWhen) error {
		tb.Traces = append(tb.Traces, b.wallTrace(groups[key], b.tq.Data(m, t.Selection, when)))
		return nil
	}
	bins := Table{Name: "Three-hour intervals", Columns: []Column{{"interval", Text}, {"records", Int}}}
	c1 := Chart{Title: "Records in three-hour intervals", YLabel: "records", Labels: intervalNames, Series: []Series{{Name: m}}}
	for i, n := range t.Bins3h {
		bins.Rows = append(bins.Rows, []Cell{txt(intervalNames[i]), num(n)})
		if err := trace(&bins, fmt.Sprintf("3h %d", i), store.WallWhen{Part: store.WhenBin3h, N: i}); err != nil {
			return sec, err
		}
		c1.Series[0].Values = append(c1.Series[0].Values, float64(n))
	}
	wd := Table{Name: "Weekdays", Columns: []Column{{"weekday", Text}, {"records", Int}}}
	c2 := Chart{Title: "Records by weekday", YLabel: "records", Labels: weekdayNames, Series: []Series{{Name: m}}}
	for i, n := range t.Weekday {
		wd.Rows = append(wd.Rows, []Cell{txt(weekdayNames[i]), num(n)})
		if err := trace(&wd, fmt.Sprintf("wd %d", i), store.WallWhen{Part: store.WhenWeekday, N: i}); err != nil {
			return sec, err
		}
		c2.Series[0].Values = append(c2.Series[0].Values, float64(n))
	}
	dates := Table{Name: "Dates", Columns: []Column{{"date", Text}, {"records", Int}}}
	var ds []string
	for d := range t.ByDate {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	for _, d := range ds {
		dates.Rows = append(dates.Rows, []Cell{txt(d), num(t.ByDate[d])})
		if err := trace(&dates, d, store.WallWhen{Part: store.WhenDate, Date: d}); err != nil {
			return sec, err
		}
	}
	sec.Tables = append(sec.Tables, bins, wd)
	if len(dates.Rows) > 0 {
		sec.Tables = append(sec.Tables, dates)
	}
	sec.Charts = append(sec.Charts, c1, c2)
	return sec, nil
}

func noteText(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// wallHourKey is the hour ("07") of a wall clock "2024-03-01 07:15:00".
func wallHourKey(wall string) string {
	if len(wall) < 13 {
		return ""
	}
	return wall[11:13]
}

// trendKeys files a record under its three-hour interval ("3h 2"), its
// weekday ("wd 0", Monday) and its date ("2024-03-01"), as the trends
// count them.
func trendKeys(wall string) []string {
	h, err := strconv.Atoi(wallHourKey(wall))
	if err != nil || len(wall) < 10 {
		return nil
	}
	d, err := time.Parse("2006-01-02", wall[:10])
	if err != nil {
		return nil
	}
	return []string{fmt.Sprintf("3h %d", h/3), fmt.Sprintf("wd %d", (int(d.Weekday())+6)%7), wall[:10]}
}
