package casework

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// HuntResult is a server hunt's answer: one row per subscriber who
// reached the destinations from the cells in the window, each with its
// statement. The hunt pane shows it and `cdrtui hunt --json` prints it.
type HuntResult struct {
	Query        analysis.HuntForm         `json:"query"` // the hunt as read, canonically
	Description  string                    `json:"description"`
	Subscribers  []analysis.HuntSubscriber `json:"subscribers"`
	Records      int64                     `json:"records"`
	Bytes        int64                     `json:"bytes"`
	UnknownCells []string                  `json:"unknown_cells"` // cells named exactly that the case does not hold
	CellsMatched int                       `json:"cells_matched"` // cells of the case the hunt's cells stand for
	// SwitchCells: an unknown cell that is the bare number of CDMA cells
	// kept with their switch, with those cells as written; the hunt was not
	// widened to them, so its answer says nothing of who was on them
	SwitchCells []analysis.SwitchCellHint `json:"switch_cells"`
	Access      string                    `json:"access"` // how the case was read
	Saved       *SavedRun                 `json:"saved,omitempty"`
}

// UnknownNotSwitch are the unknown cells no switch cell explains: those
// the case simply does not hold.
func (r *HuntResult) UnknownNotSwitch() []string {
	var out []string
	for _, c := range r.UnknownCells {
		if !slices.ContainsFunc(r.SwitchCells, func(h analysis.SwitchCellHint) bool { return h.Cell == c }) {
			out = append(out, c)
		}
	}
	return out
}

// SavedRun tells, for a rerun of a saved hunt, what its previous run found.
type SavedRun struct {
	Name                string `json:"name"`
	PreviousRanAt       string `json:"previous_ran_at"` // RFC 3339, the analyst's clock
	PreviousSubscribers int64  `json:"previous_subscribers"`
	PreviousRecords     int64  `json:"previous_records"`
	Recorded            bool   `json:"recorded"` // this run's counts were kept (false on a read-only case)
}

// Changed reports whether the rerun found other counts than last time.
func (r *SavedRun) Changed(res *HuntResult) bool {
	return r.PreviousSubscribers != int64(len(res.Subscribers)) || r.PreviousRecords != res.Records
}

// huntBatch is how many rows a hunt names (subscribers, devices, cells,
// sources) in one go.
const huntBatch = 20_000

// Hunt runs a hunt on the case.
func Hunt(ctx context.Context, st Case, q *analysis.HuntQuery) (*HuntResult, error) {
	return HuntWith(ctx, st, q, store.HuntScanOptions{})
}

// HuntWith runs a hunt with scan options (a full scan, for a benchmark's
// reference).
func HuntWith(ctx context.Context, st Case, q *analysis.HuntQuery, opts store.HuntScanOptions) (*HuntResult, error) {
	return huntInBatches(ctx, st, q, opts, huntBatch)
}

func huntInBatches(ctx context.Context, st Case, q *analysis.HuntQuery, opts store.HuntScanOptions, size int) (*HuntResult, error) {
	agg := analysis.NewHuntAggregator()
	// rows are named and counted a batch at a time, so that a hunt finding
	// millions of records holds their counts and line numbers, not the rows
	// (grown as rows come: a hunt finding twenty records should not
	// allocate room for a batch of 20,000)
	var batch []store.HuntRow
	flush := func() error {
		names, err := st.HuntNames(ctx, batch)
		if err != nil {
			return err
		}
		for _, r := range batch {
			agg.Add(names.Record(r))
		}
		batch = batch[:0]
		return nil
	}
	stats, err := st.HuntScan(ctx, q, opts, func(r store.HuntRow) error {
		batch = append(batch, r)
		if len(batch) == size {
			return flush()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	if err != nil {
		return nil, err
	}
	res := &HuntResult{Query: q.Form(), Description: q.Describe(), UnknownCells: stats.UnknownCells,
		CellsMatched: stats.CellsMatched, Access: stats.Access}
	if res.UnknownCells == nil {
		res.UnknownCells = []string{}
	}
	if res.SwitchCells = stats.SwitchCells; res.SwitchCells == nil {
		res.SwitchCells = []analysis.SwitchCellHint{}
	}
	res.Subscribers = agg.Result()
	for _, s := range res.Subscribers {
		res.Records += s.Records
		res.Bytes += s.Bytes
	}
	return res, nil
}

// HuntRecords returns one subscriber's records in a hunt, in time order,
// each with its source file and line: the drill-down behind a row.
func HuntRecords(ctx context.Context, st Case, q *analysis.HuntQuery, msisdn string) ([]analysis.HuntRecord, error) {
	id, err := st.SubscriberID(ctx, msisdn)
	if err != nil {
		return nil, err
	}
	var rows []store.HuntRow
	if _, err := st.HuntScan(ctx, q, store.HuntScanOptions{Subscriber: id}, func(r store.HuntRow) error {
		rows = append(rows, r)
		return nil
	}); err != nil {
		return nil, err
	}
	names, err := st.HuntNames(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make([]analysis.HuntRecord, len(rows))
	for i, r := range rows {
		out[i] = names.Record(r)
	}
	slices.SortFunc(out, func(a, b analysis.HuntRecord) int {
		return cmp.Or(cmp.Compare(a.At.Unix, b.At.Unix), cmp.Compare(a.Source.Path, b.Source.Path), cmp.Compare(a.Line, b.Line))
	})
	return out, nil
}

// SaveHunt keeps the hunt that gave res in the case under name.
func SaveHunt(ctx context.Context, st Keeper, name string, res *HuntResult, at time.Time) error {
	query, err := json.Marshal(res.Query)
	if err != nil {
		return err
	}
	return st.SaveHunt(ctx, name, string(query), int64(len(res.Subscribers)), res.Records, at)
}

// SavedHuntView is a saved hunt with its query read back.
type SavedHuntView struct {
	store.SavedHunt
	Form        analysis.HuntForm `json:"form"`
	Description string            `json:"description"`
	CreatedWall string            `json:"created"` // RFC 3339, the analyst's clock
	RanWall     string            `json:"ran"`
}

// SavedHunts lists the case's saved hunts, most recently run first.
func SavedHunts(ctx context.Context, st Keeper) ([]SavedHuntView, error) {
	hs, err := st.SavedHunts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]SavedHuntView, 0, len(hs))
	for _, h := range hs {
		v := SavedHuntView{SavedHunt: h, CreatedWall: huntAnalystTime(h.CreatedAt), RanWall: huntAnalystTime(h.RanAt)}
		if q, err := savedQuery(h); err == nil {
			v.Form, v.Description = q.Form(), q.Describe()
		} else {
			v.Description = "unreadable: " + err.Error()
		}
		out = append(out, v)
	}
	return out, nil
}

func savedQuery(h store.SavedHunt) (*analysis.HuntQuery, error) {
	var f analysis.HuntForm
	if err := json.Unmarshal([]byte(h.Query), &f); err != nil {
		return nil, fmt.Errorf("saved hunt %q: %w", h.Name, err)
	}
	return f.Parse()
}

func huntAnalystTime(unix int64) string { return time.Unix(unix, 0).Format(time.RFC3339) }

// SavedHuntQuery reads back the query of the hunt saved under name.
func SavedHuntQuery(ctx context.Context, st Keeper, name string) (*analysis.HuntQuery, error) {
	h, err := st.SavedHunt(ctx, name)
	if err != nil {
		return nil, err
	}
	return savedQuery(h)
}

// RerunHunt runs the hunt saved under name again and keeps what it found
// (unless the case is read-only); the result says what the previous run
// found, so a change since (more evidence imported) shows.
func RerunHunt(ctx context.Context, st Case, name string, at time.Time) (*HuntResult, error) {
	h, err := st.SavedHunt(ctx, name)
	if err != nil {
		return nil, err
	}
	q, err := savedQuery(h)
	if err != nil {
		return nil, err
	}
	res, err := Hunt(ctx, st, q)
	if err != nil {
		return nil, err
	}
	res.Saved = &SavedRun{Name: name, PreviousRanAt: huntAnalystTime(h.RanAt), PreviousSubscribers: h.Subscribers, PreviousRecords: h.Records}
	err = st.RecordHuntRun(ctx, name, int64(len(res.Subscribers)), res.Records, at)
	switch {
	case err == nil:
		res.Saved.Recorded = true
	case !errors.Is(err, store.ErrReadOnly):
		return nil, err
	}
	return res, nil
}
