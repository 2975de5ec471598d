package store

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// KindAsteriskQueueLog is app_queue's queue_log.
const KindAsteriskQueueLog = "asterisk-queue-log"

// queueDetection describes a queue_log and how to import it.
func queueDetection(reason string, gz bool) *detection {
	return &detection{kind: KindAsteriskQueueLog, format: reason, zone: "UTC",
		notes:    "queue_log times are Unix epochs: read as written, no zone needed.",
		importer: func(ctx context.Context, j *importJob) error { return importQueueLog(ctx, j, gz) }}
}

// importQueueLog reads every event into ast_queue; lines that are not
// events are rejects with their line.
func importQueueLog(ctx context.Context, j *importJob, gz bool) error {
	r, err := j.stream(gz)
	if err != nil {
		return err
	}
	qr := asterisk.NewQueueReader(r)
	if err := importQueueEvents(ctx, j, qr.Next); err != nil {
		return err
	}
	if n := qr.ZeroPadded(); n > 0 {
		j.det.notes = strings.TrimSpace(j.det.notes + " " + analysis.Plural(n, "line begins", "lines begin") +
			" with a run of zero bytes (what an unclean shutdown leaves in a file being appended to): its event, after them, is read.")
	}
	return nil
}

// importQueueEvents writes the events next yields into ast_queue, each
// with its line; rows that are not events are rejects with their line.
func importQueueEvents(ctx context.Context, j *importJob, next func() (asterisk.QueueEvent, error)) error {
	var rows [][]any
	flush := func(rejects []reject) error {
		if err := j.insert(ctx, `INSERT INTO ast_queue(source_id, line, time, callid, queue, agent, event, data, wait, talk) %s`, 10, rows); err != nil {
			return err
		}
		if err := j.writeRejects(ctx, rejects); err != nil {
			return err
		}
		rows = rows[:0]
		j.progress()
		return nil
	}
	events := map[string]int64{}
	take := func(e asterisk.QueueEvent) (bool, []reject) {
		var wait, talk any
		if e.Wait >= 0 {
			wait = e.Wait
		}
		if e.Talk >= 0 {
			talk = e.Talk
		}
		rows = append(rows, []any{j.sourceID, e.Line, e.Time, e.CallID, e.Queue, e.Agent, e.Event, strings.Join(e.Data, "|"), wait, talk})
		events[e.Event]++
		j.rows.Add(1)
		return true, nil
	}
	if err := eachRow(j, next, take, flush); err != nil {
		return err
	}
	j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" %d calls entered a queue, %d were answered (CONNECT), %d abandoned.",
		events["ENTERQUEUE"], events["CONNECT"], events["ABANDON"]))
	return nil
}

// QueueReport is one queue of a queue_log: its calls, who answered them,
// the abandons and the waits.
type QueueReport struct {
	Queue     string        `json:"queue"`
	Entered   int64         `json:"entered"`
	Answered  int64         `json:"answered"`
	Abandoned int64         `json:"abandoned"`
	TimedOut  int64         `json:"timed_out"`
	AvgWait   float64       `json:"avg_wait_answered"` // seconds, over CONNECT events
	MaxWait   int64         `json:"max_wait"`          // seconds, answered or not
	Agents    []AgentReport `json:"agents"`
}

// AgentReport is what one agent (queue member) answered.
type AgentReport struct {
	Agent    string `json:"agent"`
	Answered int64  `json:"answered"`
	TalkSec  int64  `json:"talk_seconds"`
}

// QueueReports summarises every queue_log in the case by queue.
func (s *Store) QueueReports(ctx context.Context) ([]QueueReport, error) {
	qs, err := queryAll(ctx, s.db, func(q *QueueReport) []any {
		return []any{&q.Queue, &q.Entered, &q.Answered, &q.Abandoned, &q.TimedOut, &q.AvgWait, &q.MaxWait}
	}, `SELECT queue, sum(event = 'ENTERQUEUE'), sum(event = 'CONNECT'), sum(event = 'ABANDON'), sum(event = 'EXITWITHTIMEOUT'),
		coalesce(avg(CASE WHEN event = 'CONNECT' THEN wait END), 0), coalesce(max(wait), 0)
		FROM ast_queue WHERE queue NOT IN ('', 'NONE') GROUP BY queue ORDER BY queue`)
	if err != nil {
		return nil, err
	}
	for i := range qs {
		agents, err := queryAll(ctx, s.db, func(a *AgentReport) []any { return []any{&a.Agent, &a.Answered, &a.TalkSec} },
			`SELECT agent, sum(event = 'CONNECT'), coalesce(sum(CASE WHEN event IN ('COMPLETECALLER', 'COMPLETEAGENT', 'TRANSFER') THEN talk END), 0)
			FROM ast_queue WHERE queue = ? AND agent NOT IN ('', 'NONE') GROUP BY agent HAVING sum(event = 'CONNECT') > 0
			ORDER BY 2 DESC, agent`, qs[i].Queue)
		if err != nil {
			return nil, err
		}
		if agents == nil {
			agents = []AgentReport{}
		}
		qs[i].Agents = agents
	}
	return qs, nil
}

// queueTableDetection describes a realtime queue_log table export: its
// wall clocks are the PBX's local time (main/logger.c's ast_localtime),
// or UTC when logger.conf sets queue_log_realtime_use_gmt; a value with
// its offset or in Unix seconds needs neither.
func queueTableDetection(reason string, opts ImportOptions, gz bool) *detection {
	loc, zone, note := clockZone(opts)
	if img := opts.image; img != nil && img.queueGMT {
		loc, zone, note = time.UTC, "UTC", img.queueNote
	} else if img != nil && img.queueNote != "" {
		note += "; " + img.queueNote
	}
	if loc == nil {
		note += "; a time written without its offset is then refused row by row (Unix seconds and times with an offset are read)"
	}
	return &detection{kind: KindAsteriskQueueLog, format: reason, zone: zone,
		notes: "A realtime queue_log table: app_queue wrote each time as the PBX's wall clock unless logger.conf sets queue_log_realtime_use_gmt; " + note + ".",
		importer: func(ctx context.Context, j *importJob) error {
			r, err := j.stream(gz)
			if err != nil {
				return err
			}
			return importQueueEvents(ctx, j, asterisk.NewQueueTableReader(r, loc).Next)
		}}
}

// readQueueClock reads logger.conf's [general] queue_log_realtime_use_gmt.
func readQueueClock(r *os.Root, info *imageInfo) {
	b, err := readRootFile(r, "etc/asterisk/logger.conf")
	if err != nil {
		return
	}
	c, err := asterisk.ParseConf(bytes.NewReader(b))
	if err != nil {
		return
	}
	if v, ok := c.Get("general", "queue_log_realtime_use_gmt"); ok {
		info.queueGMT = asterisk.IsTrue(v)
		info.queueNote = fmt.Sprintf("etc/asterisk/logger.conf line %d: [general] queue_log_realtime_use_gmt=%s", confLine(c, "general", "queue_log_realtime_use_gmt"), v)
	}
}
