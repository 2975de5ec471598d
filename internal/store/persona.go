package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// SubscriberTotals is one subscriber's row of the subscriber summary.
type SubscriberTotals struct {
	ID           int64
	MSISDN       string
	DataRecords  int64
	VoiceRecords int64
	First, Last  analysis.Moment // zero when the subscriber has no records
}

// SubscriberTotalsOf returns the summary of the subscriber with this id.
func (s *Store) SubscriberTotalsOf(ctx context.Context, id int64) (SubscriberTotals, error) {
	t := SubscriberTotals{ID: id}
	var first, last sql.NullInt64
	var firstOff, lastOff int32
	err := s.db.QueryRowContext(ctx, `SELECT msisdn, data_records, voice_records, first_seen, first_offset, last_seen, last_offset
		FROM subscribers WHERE id = ?`, id).Scan(&t.MSISDN, &t.DataRecords, &t.VoiceRecords, &first, &firstOff, &last, &lastOff)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("%w: id %d", ErrNoSubscriber, id)
	}
	if err != nil {
		return t, err
	}
	if first.Valid {
		t.First = analysis.Moment{Unix: first.Int64, Offset: firstOff}
	}
	if last.Valid {
		t.Last = analysis.Moment{Unix: last.Int64, Offset: lastOff}
	}
	return t, nil
}

// MSISDNsEndingIn lists the subscribers whose MSISDN ends in digits (an
// analyst who left off the country code or a leading zero), at most limit,
// by MSISDN.
func (s *Store) MSISDNsEndingIn(ctx context.Context, digits string, limit int) ([]SubscriberRef, error) {
	return queryAll(ctx, s.db, subscriberRefFields, `SELECT id, msisdn FROM subscribers WHERE substr(msisdn, -length(?1)) = ?1
		ORDER BY msisdn LIMIT ?2`, digits, limit)
}

// PortActivities returns the data records of the given subscribers (every
// subscriber when ids is empty) per destination port, from the activity
// summary: one row per port, Port -1 for records without one.
func (s *Store) PortActivities(ctx context.Context, ids []int64) ([]analysis.PortActivity, error) {
	var hours strings.Builder
	for h := range 24 {
		fmt.Fprintf(&hours, ", sum(h%02d)", h)
	}
	q := "SELECT dest_port, sum(records), sum(bytes)" + hours.String() + " FROM activity"
	var args []any
	if len(ids) > 0 {
		q += " WHERE subscriber_id IN (" + placeholders(len(ids)) + ")"
		for _, id := range ids {
			args = append(args, id)
		}
	}
	q += " GROUP BY dest_port ORDER BY dest_port"
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []analysis.PortActivity
	for rows.Next() {
		var a analysis.PortActivity
		dst := []any{&a.Port, &a.Records, &a.Bytes}
		for h := range a.Hours {
			dst = append(dst, &a.Hours[h])
		}
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

// DeviceUses returns the (IMSI, IMEI) pairs a subscriber's records carried,
// data and voice together, with records and first and last use (the
// wall offset of the record at each end).
func (s *Store) DeviceUses(ctx context.Context, sub int64) ([]analysis.DeviceUse, error) {
	out, err := queryAll(ctx, s.db, func(u *analysis.DeviceUse) []any {
		return []any{&u.IMSI, &u.IMEI, &u.Records, &u.First.Unix, &u.Last.Unix}
	}, `SELECT d.imsi, d.imei, sum(sd.records), min(sd.first_seen), max(sd.last_seen)
		FROM subscriber_devices sd JOIN devices d ON d.id = sd.device_id
		WHERE sd.subscriber_id = ? GROUP BY d.id ORDER BY min(sd.first_seen), d.id`, sub)
	if err != nil {
		return nil, err
	}
	offsets := newOffsetFinder(s.db, sub)
	for i := range out {
		if err := offsets.span(ctx, &out[i].First, &out[i].Last); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CellUse is a subscriber's records in one cell: one cell identity,
// however many encodings the records wrote it in.
type CellUse struct {
	CellID       int64  // the cells.id of the form shown (DataSelection.CellID selects every form)
	Cell         string // the form most of the records wrote
	Key          string // MCC-MNC-LAC-CI (ident.CellKey), "" when the cell has no key
	Forms        []string
	DataRecords  int64
	VoiceRecords int64
	First, Last  analysis.Moment
}

// CellUses returns the cells of a subscriber's records, data and voice,
// most records first. A cell written in several encodings (dashed, decimal
// CGI, hex CGI) is one CellUse under its key, with the forms written.
func (s *Store) CellUses(ctx context.Context, sub int64) ([]CellUse, error) {
	rows, err := queryAll(ctx, s.db, func(u *CellUse) []any {
		return []any{&u.CellID, &u.Cell, &u.Key, &u.DataRecords, &u.VoiceRecords, &u.First.Unix, &u.Last.Unix}
	}, `SELECT c.id, c.cell, coalesce(c.cell_key, ''),
		sum(CASE sc.kind WHEN 'ipdr' THEN sc.records ELSE 0 END), sum(CASE sc.kind WHEN 'voice' THEN sc.records ELSE 0 END),
		min(sc.first_seen), max(sc.last_seen)
		FROM subscriber_cells sc JOIN cells c ON c.id = sc.cell_id
		WHERE sc.subscriber_id = ? GROUP BY c.id ORDER BY sum(sc.records) DESC, min(sc.first_seen), c.id`, sub)
	if err != nil {
		return nil, err
	}
	out := MergeCellForms(rows) // most records first: the first form of a key is the one shown
	offsets := newOffsetFinder(s.db, sub)
	for i := range out {
		sort.Strings(out[i].Forms)
		if err := offsets.span(ctx, &out[i].First, &out[i].Last); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// offsetFinder finds the wall offset of a subscriber's record that started
// at a given instant (the summaries keep instants only), caching answers.
type offsetFinder struct {
	db    *sql.DB
	sub   int64
	cache map[int64]int32
}

func newOffsetFinder(db *sql.DB, sub int64) *offsetFinder {
	return &offsetFinder{db: db, sub: sub, cache: map[int64]int32{}}
}

func (f *offsetFinder) at(ctx context.Context, start int64) (int32, error) {
	if off, ok := f.cache[start]; ok {
		return off, nil
	}
	var off int32
	err := f.db.QueryRowContext(ctx, `SELECT coalesce(
		(SELECT wall_offset FROM ipdr WHERE subscriber_id = ?1 AND start = ?2 LIMIT 1),
		(SELECT wall_offset FROM voice WHERE subscriber_id = ?1 AND start = ?2 LIMIT 1), 0)`, f.sub, start).Scan(&off)
	if err != nil {
		return 0, err
	}
	f.cache[start] = off
	return off, nil
}

// span sets the wall offsets of a first and a last use.
func (f *offsetFinder) span(ctx context.Context, first, last *analysis.Moment) error {
	var err error
	if first.Offset, err = f.at(ctx, first.Unix); err != nil {
		return err
	}
	last.Offset, err = f.at(ctx, last.Unix)
	return err
}

// DestinationUse is a subscriber's data records to one destination IP and
// port.
type DestinationUse struct {
	IP          string // "" when not given
	Port        int    // -1 when not given
	Records     int64
	Bytes       int64
	First, Last analysis.Moment
}

// DestinationUses returns every destination of a subscriber's data
// records, most records first (then IP and port).
func (s *Store) DestinationUses(ctx context.Context, sub int64) ([]DestinationUse, error) {
	out, err := queryAll(ctx, s.db, func(d *DestinationUse) []any {
		return []any{&d.IP, &d.Port, &d.Records, &d.Bytes, &d.First.Unix, &d.Last.Unix}
	}, `SELECT coalesce(dest_ip, ''), coalesce(dest_port, -1), count(*), coalesce(sum(total), 0),
		min(start), max(start)
		FROM ipdr WHERE subscriber_id = ? GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`, sub)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FillOffsets sets the wall offsets of the first and last use of the given
// destinations (only those the caller shows: a lookup each).
func (s *Store) FillOffsets(ctx context.Context, sub int64, ds []DestinationUse) error {
	f := newOffsetFinder(s.db, sub)
	for i := range ds {
		if err := f.span(ctx, &ds[i].First, &ds[i].Last); err != nil {
			return err
		}
	}
	return nil
}

// MergeCellForms puts the uses of one cell written in several forms (one
// key) into one use: records summed, first and last widened, every form
// kept in Forms (the first of rows is the one shown); a cell without a key
// stays alone. The result is sorted by records, most first (stable).
func MergeCellForms(rows []CellUse) []CellUse {
	var out []CellUse
	byKey := map[string]int{}
	for _, r := range rows {
		i, ok := byKey[r.Key]
		if r.Key == "" || !ok {
			r.Forms = []string{r.Cell}
			if r.Key != "" {
				byKey[r.Key] = len(out)
			}
			out = append(out, r)
			continue
		}
		u := &out[i]
		u.Forms = append(u.Forms, r.Cell)
		u.DataRecords += r.DataRecords
		u.VoiceRecords += r.VoiceRecords
		u.First.Unix = min(u.First.Unix, r.First.Unix)
		u.Last.Unix = max(u.Last.Unix, r.Last.Unix)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].DataRecords+out[i].VoiceRecords > out[j].DataRecords+out[j].VoiceRecords
	})
	return out
}
