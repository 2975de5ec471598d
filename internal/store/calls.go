package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// This file reads voice records (calls and SMS) for the call analyses of
// the Calls pane and the link graph: a subscriber's records one by one,
// and call and SMS edges between numbers with their counts.

// CallRecord is one voice record of a subscriber as the call analyses read
// it (see analysis.CallEvent), with the file and line it came from.
type CallRecord = analysis.CallEvent

// CallRecords returns every voice record of a subscriber whose wall clock
// is in [from, to) (0: open), ordered by start then id, read through
// voice_by_subscriber.
func (s *Store) CallRecords(ctx context.Context, sub int64, from, to int64) ([]CallRecord, error) {
	scope, args := wallScopeSQL("v", from, to)
	q := `SELECT v.id, v.start, v.wall_offset, v.call_type, coalesce(v.other, ''), coalesce(v.other_key, ''),
		coalesce(v.duration, 0), coalesce(c.cell, ''), coalesce(c.cell_key, ''),
		coalesce(d.imsi, ''), coalesce(d.imei, ''), v.source_id, v.line
		FROM voice v LEFT JOIN cells c ON c.id = v.cell_id LEFT JOIN devices d ON d.id = v.device_id
		WHERE v.subscriber_id = ? AND ` + scope + ` ORDER BY v.start, v.id`
	out, err := queryAll(ctx, s.db, func(r *CallRecord) []any {
		return []any{&r.ID, &r.Start, &r.Offset, &r.Type, &r.Other, &r.OtherKey, &r.Duration, &r.Cell, &r.CellKey,
			&r.IMSI, &r.IMEI, &r.SourceID, &r.Line}
	}, q, append([]any{sub}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("voice records: %w", err)
	}
	return out, nil
}

// VoiceEdge is what one subscriber's voice records say about one other
// party: the calls and SMS each way, the talk time, the first and last
// record. Other is the party's E.164 key when it has one (Keyed), else the
// party as written (an alphanumeric sender, a short code), so that a
// number written differently by two exports is one edge.
type VoiceEdge struct {
	SubscriberID int64
	MSISDN       string // the subscriber: subscribers.msisdn (its E.164 key when keyed)
	Other        string // the other party's key, or as written when it has none
	Keyed        bool   // Other is an E.164 key
	Written      string // one form the records wrote the other party in (the smallest)
	CallsOut     int64
	CallsIn      int64
	SMSOut       int64
	SMSIn        int64
	TalkS        int64 // sum of the durations of calls (both ways)
	Records      int64 // every record with this party, other types included
	First, Last  int64 // Unix seconds of the first and last record
}

// Weight is calls plus SMS, both ways.
func (e VoiceEdge) Weight() int64 { return e.CallsOut + e.CallsIn + e.SMSOut + e.SMSIn }

// VoiceEdges returns the call and SMS edges of the given subscribers (all
// subscribers with voice records when subs is empty), over voice records
// whose wall clock is in [from, to) (0: open), one per (subscriber, other
// party by key), ordered by subscriber id then Other. Records with no
// other party are left out. The given subscribers are read through
// voice_by_subscriber; all of them is one pass over the voice table.
//
// An edge is what the subscriber's own records hold: a call between two
// subscribers of the case appears once from each side when both were
// exported (A's VOICE_OUT and B's VOICE_IN), and callers merging both
// sides should key the pair and keep the larger count of each direction
// rather than add them.
func (s *Store) VoiceEdges(ctx context.Context, subs []int64, from, to int64) ([]VoiceEdge, error) {
	scope, args := wallScopeSQL("v", from, to)
	where := []string{"v.other <> ''", scope}
	if len(subs) > 0 {
		where = append(where, "v.subscriber_id IN ("+placeholders(len(subs))+")")
		for _, id := range subs {
			args = append(args, id)
		}
	}
	q := `SELECT v.subscriber_id, s.msisdn, coalesce(v.other_key, v.other), v.other_key IS NOT NULL, min(v.other),
		sum(v.call_type = 'VOICE_OUT'), sum(v.call_type = 'VOICE_IN'), sum(v.call_type = 'SMS_OUT'), sum(v.call_type = 'SMS_IN'),
		coalesce(sum(CASE WHEN v.call_type IN ('VOICE_OUT', 'VOICE_IN') THEN v.duration END), 0),
		count(*), min(v.start), max(v.start)
		FROM voice v JOIN subscribers s ON s.id = v.subscriber_id
		WHERE ` + strings.Join(where, " AND ") + `
		GROUP BY v.subscriber_id, coalesce(v.other_key, v.other)
		ORDER BY v.subscriber_id, coalesce(v.other_key, v.other)`
	out, err := queryAll(ctx, s.db, func(e *VoiceEdge) []any {
		return []any{&e.SubscriberID, &e.MSISDN, &e.Other, &e.Keyed, &e.Written, &e.CallsOut, &e.CallsIn, &e.SMSOut, &e.SMSIn,
			&e.TalkS, &e.Records, &e.First, &e.Last}
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("voice edges: %w", err)
	}
	return out, nil
}

// VoiceSubscriber is a subscriber with voice records, under its key.
type VoiceSubscriber struct {
	ID      int64
	MSISDN  string // subscribers.msisdn: the E.164 key when Keyed
	Keyed   bool
	Records int64 // voice records
}

// VoiceSubscribers lists the subscribers with voice records, by id.
func (s *Store) VoiceSubscribers(ctx context.Context) ([]VoiceSubscriber, error) {
	return queryAll(ctx, s.db, func(v *VoiceSubscriber) []any {
		return []any{&v.ID, &v.MSISDN, &v.Keyed, &v.Records}
	}, `SELECT id, msisdn, msisdn_key IS NOT NULL, voice_records FROM subscribers WHERE voice_records > 0 ORDER BY id`)
}

// SubscribersByKey maps numbers (E.164 keys, or digits as subscribers.msisdn
// holds an unkeyed number) to the subscribers of the case that have them,
// so that a party of a call can be followed to its own records. Numbers
// that are no subscriber are absent from the map.
func (s *Store) SubscribersByKey(ctx context.Context, numbers []string) (map[string]VoiceSubscriber, error) {
	out := map[string]VoiceSubscriber{}
	for len(numbers) > 0 {
		n := min(len(numbers), 500)
		args := make([]any, n)
		for i, k := range numbers[:n] {
			args[i] = k
		}
		rows, err := queryAll(ctx, s.db, func(v *VoiceSubscriber) []any {
			return []any{&v.ID, &v.MSISDN, &v.Keyed, &v.Records}
		}, `SELECT id, msisdn, msisdn_key IS NOT NULL, voice_records FROM subscribers WHERE msisdn IN (`+placeholders(n)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.MSISDN] = r
		}
		numbers = numbers[n:]
	}
	return out, nil
}

// DeviceSharer is a subscriber whose records carried a given handset or
// SIM, with the (IMSI, IMEI) pair, its records and first and last use, as
// the device summaries hold them (data and voice records together).
type DeviceSharer struct {
	SubscriberID int64
	MSISDN       string
	IMSI, IMEI   string
	Handset      string // the IMEI's handset key (first 14 digits), "" without one
	Records      int64
	First, Last  int64 // Unix seconds
}

// DeviceSharers returns every subscriber's use of the given handsets (by
// handset key, devices.handset) or SIMs (IMSIs), one row per subscriber and
// (IMSI, IMEI) pair, ordered by first use.
func (s *Store) DeviceSharers(ctx context.Context, handsets, imsis []string) ([]DeviceSharer, error) {
	if len(handsets)+len(imsis) == 0 {
		return nil, nil
	}
	var args []any
	for _, h := range handsets {
		args = append(args, h)
	}
	for _, i := range imsis {
		args = append(args, i)
	}
	q := `SELECT sd.subscriber_id, s.msisdn, d.imsi, d.imei, d.handset, sum(sd.records), min(sd.first_seen), max(sd.last_seen)
		FROM devices d JOIN subscriber_devices sd ON sd.device_id = d.id JOIN subscribers s ON s.id = sd.subscriber_id
		WHERE (d.handset <> '' AND d.handset IN (` + placeholders(len(handsets)) + `))
		   OR (d.imsi <> '' AND d.imsi IN (` + placeholders(len(imsis)) + `))
		GROUP BY sd.subscriber_id, d.id ORDER BY min(sd.first_seen), sd.subscriber_id, d.id`
	return queryAll(ctx, s.db, func(x *DeviceSharer) []any {
		return []any{&x.SubscriberID, &x.MSISDN, &x.IMSI, &x.IMEI, &x.Handset, &x.Records, &x.First, &x.Last}
	}, q, args...)
}

// SubscriberMSISDN returns subscribers.msisdn of a subscriber id: its E.164
// key when keyed, the number's digits otherwise.
func (s *Store) SubscriberMSISDN(ctx context.Context, id int64) (string, error) {
	var m string
	err := s.db.QueryRowContext(ctx, `SELECT msisdn FROM subscribers WHERE id = ?`, id).Scan(&m)
	return m, err
}
