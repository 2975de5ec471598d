package casework

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// DefaultTrendApp is the application the paper's trends follow.
const DefaultTrendApp = "WhatsApp"

// AllSubscribers is how the whole case is named on the command line and
// in results.
const AllSubscribers = "all"

// TrendScope is whose records a trend counts: some subscribers, or the
// whole case.
type TrendScope struct {
	All     bool
	MSISDNs []string
}

// ParseTrendScope reads "all" (or "*") for the whole case, else one MSISDN
// or several separated by commas.
func ParseTrendScope(s string) (TrendScope, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, AllSubscribers) || s == "*" {
		return TrendScope{All: true}, nil
	}
	var sc TrendScope
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" && !slices.Contains(sc.MSISDNs, part) {
			sc.MSISDNs = append(sc.MSISDNs, part)
		}
	}
	if len(sc.MSISDNs) == 0 {
		return sc, fmt.Errorf("no subscriber given (an MSISDN, several separated by commas, or %q)", AllSubscribers)
	}
	return sc, nil
}

// String names the scope as ParseTrendScope reads it.
func (sc TrendScope) String() string {
	if sc.All {
		return AllSubscribers
	}
	return strings.Join(sc.MSISDNs, ",")
}

// Trend is when a subscriber (or several, or the whole case) used an
// application, by the wall clock of the evidence (section III.C of the
// paper: Figures 7-9).
type Trend struct {
	MSISDN      string   `json:"msisdn"`      // the scope as asked: an MSISDN, a list, or "all"
	Subscribers []string `json:"subscribers"` // the MSISDNs counted (empty for the whole case)
	App         string   `json:"app"`
	Ports       []string `json:"ports"` // the ports counted, "5222" or "3478-3481"
	Note        string   `json:"note,omitempty"`
	analysis.Trend
	ByDate     map[string]int64 `json:"by_date"`
	Dictionary DictionaryInfo   `json:"dictionary"`
	// Selection picks the trend's records (for the connections list).
	Selection store.DataSelection `json:"-"`
	// TimeScope is the case-wide time scope the records were counted in.
	TimeScope TimeScope `json:"time_scope"`
}

// ResolveApp finds the dictionary's spelling of an application typed by
// the analyst (case-insensitive), also "port N" and "no port".
func ResolveApp(d *analysis.Dictionary, typed string) (string, error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return DefaultTrendApp, nil
	}
	for _, a := range d.Apps() {
		if strings.EqualFold(a, typed) {
			return a, nil
		}
	}
	if strings.EqualFold(typed, analysis.NoPortApp) {
		return analysis.NoPortApp, nil
	}
	if _, ok := unknownPort(typed); ok {
		return strings.ToLower(typed), nil
	}
	var near []string
	for _, a := range d.Apps() {
		if strings.Contains(strings.ToLower(a), strings.ToLower(typed)) {
			near = append(near, a)
		}
	}
	if len(near) == 1 {
		return near[0], nil
	}
	if len(near) == 0 {
		near = d.Apps()
	}
	return "", fmt.Errorf("no application %q in the port dictionary (try: %s)", typed, strings.Join(near, ", "))
}

// unknownPort reads "port N".
func unknownPort(app string) (int, bool) {
	rest, ok := strings.CutPrefix(strings.ToLower(strings.TrimSpace(app)), "port ")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(rest))
	return n, err == nil && n >= 0 && n <= 65535
}

// BuildTrend counts the records of app (see ResolveApp) in scope by wall
// hour and folds them into the trend.
func BuildTrend(ctx context.Context, st Case, d *analysis.Dictionary, info DictionaryInfo, scope TrendScope, app string) (*Trend, error) {
	return buildTrend(ctx, st, d, info, scope, app, TimeScope{})
}

func buildTrend(ctx context.Context, st Case, d *analysis.Dictionary, info DictionaryInfo, scope TrendScope, app string, ts TimeScope) (*Trend, error) {
	app, err := ResolveApp(d, app)
	if err != nil {
		return nil, err
	}
	sel := AppPorts(d, app)
	t := &Trend{MSISDN: scope.String(), Subscribers: []string{}, App: app, Dictionary: info}
	if !scope.All {
		for _, typed := range scope.MSISDNs {
			id, msisdn, err := FindSubscriber(ctx, st, typed)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(sel.Subscribers, id) {
				sel.Subscribers = append(sel.Subscribers, id)
				t.Subscribers = append(t.Subscribers, msisdn)
			}
		}
		if len(t.Subscribers) == 1 {
			t.MSISDN = t.Subscribers[0]
		}
	}
	sel = ts.data(sel)
	t.Selection, t.TimeScope = sel, ts
	t.Ports = portTexts(sel)
	if len(sel.Ports) == 0 && !sel.NoPort {
		t.Note = fmt.Sprintf("no port has %s as its first application (it is only an alternative reading of ports given to others), so no record is counted", app)
	}
	hours, err := st.WallHourCounts(ctx, sel)
	if err != nil {
		return nil, err
	}
	t.Trend = analysis.BuildTrend(hours)
	t.ByDate = t.Trend.ByDate()
	return t, nil
}

func portTexts(sel store.DataSelection) []string {
	out := []string{}
	for _, r := range sel.Ports {
		if r[0] == r[1] {
			out = append(out, strconv.Itoa(r[0]))
		} else {
			out = append(out, fmt.Sprintf("%d-%d", r[0], r[1]))
		}
	}
	if sel.NoPort {
		out = append(out, "none")
	}
	return out
}
