package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/evidence"
)

// The whole-case summaries of migration 14 (port_hours, sim_voice,
// sim_called, sim_days), added to by the producer as records stream in and
// written by the consumer between statements, like the other summaries
// (aggregates.go). A record the overlap rule removes is subtracted again
// (subtractSummaries), so the summaries always equal what the records give.

type portHourKey struct{ port, hour int64 }

type simVoice struct {
	out, in, smsOut, smsIn, records, durSum, durCalls int64
}

type simCalledKey struct {
	sub   int64
	other string
}

type simCalled struct {
	calls int64
	hours [24]int32
}

type simDayKey struct{ sub, day int64 }

// caseSummaries are the producer's additions to the whole-case summaries.
type caseSummaries struct {
	portHours map[portHourKey]int64
	simVoice  map[int64]*simVoice
	simCalled map[simCalledKey]*simCalled
	simDays   map[simDayKey]int64
	lastHour  portHourKey
	lastHourN *int64
}

func newCaseSummaries() caseSummaries {
	return caseSummaries{
		portHours: map[portHourKey]int64{},
		simVoice:  map[int64]*simVoice{},
		simCalled: map[simCalledKey]*simCalled{},
		simDays:   map[simDayKey]int64{},
	}
}

func (c *caseSummaries) size() int {
	return len(c.portHours) + len(c.simVoice) + len(c.simCalled) + len(c.simDays)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// addDataHour counts a data record of port (-1: none) in its wall hour.
func (c *caseSummaries) addDataHour(port int64, start int64, off int32) {
	k := portHourKey{port, floorDiv(start+int64(off), 3600)}
	c.portHours[k]++
}

// calledKey is the number a call is counted under: its key when it has
// one, else as stored; "" when the record names no other party.
func calledKey(v *evidence.VoiceRecord, otherKey string) string {
	other := v.OtherAs
	if other == "" {
		other = v.Other
	}
	if other == "" {
		return ""
	}
	if otherKey != "" {
		return otherKey
	}
	return other
}

// addSIM adds a voice record of subscriber sub to the SIM features.
func (c *caseSummaries) addSIM(sub int64, v *evidence.VoiceRecord, otherKey string) {
	s := c.simVoice[sub]
	if s == nil {
		s = &simVoice{}
		c.simVoice[sub] = s
	}
	s.records++
	wall := v.Start + int64(v.WallOffset)
	c.simDays[simDayKey{sub, floorDiv(wall, 86400)}]++
	switch v.CallType {
	case "VOICE_OUT":
		s.out++
		if v.Duration != evidence.Absent {
			s.durSum += v.Duration
			s.durCalls++
		}
		k := simCalledKey{sub, calledKey(v, otherKey)}
		sc := c.simCalled[k]
		if sc == nil {
			sc = &simCalled{}
			k.other = strings.Clone(k.other) // not the line the reader cut it from
			c.simCalled[k] = sc
		}
		sc.calls++
		sc.hours[(wall-floorDiv(wall, 86400)*86400)/3600]++
	case "VOICE_IN":
		s.in++
	case "SMS_OUT":
		s.smsOut++
	case "SMS_IN":
		s.smsIn++
	}
}

func (c *caseSummaries) negate() {
	for k, n := range c.portHours {
		c.portHours[k] = -n
	}
	for _, s := range c.simVoice {
		*s = simVoice{-s.out, -s.in, -s.smsOut, -s.smsIn, -s.records, -s.durSum, -s.durCalls}
	}
	for _, s := range c.simCalled {
		s.calls = -s.calls
		for i := range s.hours {
			s.hours[i] = -s.hours[i]
		}
	}
	for k, n := range c.simDays {
		c.simDays[k] = -n
	}
}

func hourColumns(prefix string) string {
	var b strings.Builder
	for h := range 24 {
		if h > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%sh%02d", prefix, h)
	}
	return b.String()
}

func hourSums() string {
	var b strings.Builder
	for h := range 24 {
		fmt.Fprintf(&b, ", h%02d = h%02d + excluded.h%02d", h, h, h)
	}
	return b.String()
}

var simCalledUpsert = `INSERT INTO sim_called(subscriber_id, other, calls, ` + hourColumns("") + `) %s WHERE true
	ON CONFLICT(subscriber_id, other) DO UPDATE SET calls = calls + excluded.calls` + hourSums()

// write adds the summaries to the case; rows brought to zero by a
// subtraction are removed (a summary holds no empty rows).
func (c *caseSummaries) write(ctx context.Context, j *importJob) error {
	if c.size() == 0 {
		return nil
	}
	ph := make([][]any, 0, len(c.portHours))
	for k, n := range c.portHours {
		ph = append(ph, []any{k.port, k.hour, n})
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, `INSERT INTO port_hours(dest_port, wall_hour, records) %s WHERE true
		ON CONFLICT(dest_port, wall_hour) DO UPDATE SET records = records + excluded.records`, 3, ph); err != nil {
		return fmt.Errorf("%w: port hours: %w", errCaseFailed, err)
	}
	sv := make([][]any, 0, len(c.simVoice))
	for sub, s := range c.simVoice {
		sv = append(sv, []any{sub, s.out, s.in, s.smsOut, s.smsIn, s.records, s.durSum, s.durCalls})
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, `INSERT INTO sim_voice(subscriber_id, voice_out, voice_in, sms_out, sms_in, records, duration_sum, duration_calls) %s WHERE true
		ON CONFLICT(subscriber_id) DO UPDATE SET voice_out = voice_out + excluded.voice_out, voice_in = voice_in + excluded.voice_in,
		sms_out = sms_out + excluded.sms_out, sms_in = sms_in + excluded.sms_in, records = records + excluded.records,
		duration_sum = duration_sum + excluded.duration_sum, duration_calls = duration_calls + excluded.duration_calls`, 8, sv); err != nil {
		return fmt.Errorf("%w: SIM voice summary: %w", errCaseFailed, err)
	}
	sc := make([][]any, 0, len(c.simCalled))
	for k, s := range c.simCalled {
		row := make([]any, 0, 27)
		row = append(row, k.sub, k.other, s.calls)
		for _, h := range s.hours {
			row = append(row, int64(h))
		}
		sc = append(sc, row)
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, simCalledUpsert, 27, sc); err != nil {
		return fmt.Errorf("%w: SIM numbers called: %w", errCaseFailed, err)
	}
	sd := make([][]any, 0, len(c.simDays))
	for k, n := range c.simDays {
		sd = append(sd, []any{k.sub, k.day, n})
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, `INSERT INTO sim_days(subscriber_id, wall_day, records) %s WHERE true
		ON CONFLICT(subscriber_id, wall_day) DO UPDATE SET records = records + excluded.records`, 3, sd); err != nil {
		return fmt.Errorf("%w: SIM days: %w", errCaseFailed, err)
	}
	return nil
}

// pruneCaseSummaries removes the rows a subtraction emptied.
var pruneCaseSummaries = []string{
	"DELETE FROM port_hours WHERE records <= 0",
	"DELETE FROM sim_voice WHERE records <= 0",
	"DELETE FROM sim_called WHERE calls <= 0",
	"DELETE FROM sim_days WHERE records <= 0",
}

// portHoursQuery is WallHourCounts answered from the port_hours summary,
// when nothing but ports and whole wall hours narrows the selection (the
// trend of an application over the whole case, or a time scope of whole
// hours); ok is false otherwise.
func (sel DataSelection) portHoursQuery() (q string, args []any, ok bool) {
	if !sel.broad() || sel.WallFrom%3600 != 0 || sel.WallTo%3600 != 0 {
		return "", nil, false
	}
	var conds []string
	if sel.ByPort {
		var ors []string
		for _, r := range sel.Ports {
			if r[0] == r[1] {
				ors = append(ors, "dest_port = ?")
				args = append(args, r[0])
			} else {
				ors = append(ors, "dest_port BETWEEN ? AND ?")
				args = append(args, r[0], r[1])
			}
		}
		if sel.NoPort {
			ors = append(ors, "dest_port = -1")
		}
		if len(ors) == 0 {
			ors = append(ors, "0")
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if sel.WallFrom != 0 || sel.WallTo != 0 {
		conds = append(conds, "wall_hour >= ? AND wall_hour < ?")
		args = append(args, floorDiv(sel.WallFrom, 3600), floorDiv(sel.WallTo, 3600))
	}
	where := "1"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	return "SELECT wall_hour, sum(records) FROM port_hours WHERE " + where + " GROUP BY wall_hour", args, true
}

// simBoxFromSummaries is SimBoxActivity's first query answered from the
// SIM summaries, when the night window is of whole hours; ok is false
// otherwise. Its columns are those of the query over the records.
func simBoxFromSummaries(night analysis.ClockWindow) (q string, ok bool) {
	if night.From%3600 != 0 || night.To%3600 != 0 {
		return "", false
	}
	var hours []string
	for h := range 24 {
		if night.Contains(int64(h) * 3600) {
			hours = append(hours, fmt.Sprintf("h%02d", h))
		}
	}
	nightSum := "0"
	if len(hours) > 0 {
		nightSum = strings.Join(hours, " + ")
	}
	return fmt.Sprintf(`SELECT v.subscriber_id, s.msisdn, v.voice_out, v.voice_in, v.sms_out, v.sms_in, v.records,
		coalesce(c.called, 0), coalesce(c.night, 0), coalesce(c.night_called, 0),
		(SELECT count(*) FROM sim_days d WHERE d.subscriber_id = v.subscriber_id),
		v.duration_sum, v.duration_calls
		FROM sim_voice v JOIN subscribers s ON s.id = v.subscriber_id
		LEFT JOIN (SELECT subscriber_id, sum(other <> '') AS called, sum(%[1]s) AS night, sum(other <> '' AND (%[1]s) > 0) AS night_called
			FROM sim_called GROUP BY subscriber_id) c ON c.subscriber_id = v.subscriber_id
		ORDER BY v.subscriber_id`, nightSum), true
}
