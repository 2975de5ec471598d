package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
	"github.com/cdrtui/cdrtui/internal/ident"
)

// queryer is a database handle or connection.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// loadTopology builds what the case's configuration says about the PBX's
// parties (sip.conf, pjsip.conf, iax.conf peers; dongle.conf modems) and
// the prefixes its dial plan strips. Backup copies derive nothing, so they
// are not here, nor the parties of a file Asterisk never loaded
// (ast_peers.not_loaded).
func loadTopology(ctx context.Context, q queryer) (*asterisk.Topology, error) {
	t := &asterisk.Topology{}
	type peerRow struct {
		asterisk.Peer
		path string
	}
	var peers []peerRow
	rows, err := q.QueryContext(ctx, `SELECT p.conf, p.name, p.type, p.host, p.port, p.username, p.context, p.line, p.detail, s.path
		FROM ast_peers p JOIN sources s ON s.id = p.source_id WHERE p.not_loaded = '' ORDER BY p.source_id, p.line`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var p peerRow
		if err := rows.Scan(&p.Source, &p.Name, &p.Type, &p.Host, &p.Port, &p.Username, &p.Context, &p.Line, &p.Detail, &p.path); err != nil {
			rows.Close()
			return nil, err
		}
		peers = append(peers, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	regs, identifies := map[string]bool{}, map[string]bool{}
	for _, p := range peers {
		switch p.Type {
		case "registration":
			regs[strings.ToLower(p.Name)] = true
			for _, f := range strings.Fields(p.Detail) {
				if v, ok := strings.CutPrefix(f, "peer="); ok {
					regs[strings.ToLower(v)] = true
				}
			}
		case "identify":
			for _, f := range strings.Fields(p.Detail) {
				if v, ok := strings.CutPrefix(f, "endpoint="); ok {
					identifies[strings.ToLower(v)] = true
				}
			}
		}
	}
	for _, p := range peers {
		if party, ok := asterisk.PeerParty(p.Peer, filepath.Base(p.path), regs, identifies); ok {
			t.Add(party)
		}
	}
	rows, err = q.QueryContext(ctx, `SELECT d.name, d.line, s.path FROM ast_dongles d JOIN sources s ON s.id = d.source_id ORDER BY d.source_id, d.line`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name, path string
		var line int
		if err := rows.Scan(&name, &line, &path); err != nil {
			rows.Close()
			return nil, err
		}
		t.Add(asterisk.DongleParty(name, filepath.Base(path), line))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var steps []asterisk.Extension
	where := map[int]string{}
	rows, err = q.QueryContext(ctx, `SELECT d.context, d.exten, d.priority, d.app, d.appdata, d.line, s.path
		FROM ast_dialplan d JOIN sources s ON s.id = d.source_id WHERE d.appdata LIKE '%${EXTEN:%' ORDER BY d.source_id, d.line`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var x asterisk.Extension
		var path string
		if err := rows.Scan(&x.Context, &x.Exten, &x.Priority, &x.App, &x.AppData, &x.Line, &path); err != nil {
			rows.Close()
			return nil, err
		}
		where[len(steps)] = fmt.Sprintf("%s line %d", filepath.Base(path), x.Line)
		steps = append(steps, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	t.Strips = asterisk.StripRules(steps, func(i int) string { return where[i] })
	rows, err = q.QueryContext(ctx, `SELECT d.context, d.appdata, s.path, d.line FROM ast_dialplan d JOIN sources s ON s.id = d.source_id
		WHERE d.priority = 'include' AND d.exten = '' ORDER BY d.source_id, d.line`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var from, to, path string
		var line int64
		if err := rows.Scan(&from, &to, &path, &line); err != nil {
			rows.Close()
			return nil, err
		}
		target, window, _ := strings.Cut(to, ",")
		t.IncludeWindowed(from, strings.TrimSpace(target), window, fmt.Sprintf("%s line %d", filepath.Base(path), line))
	}
	rows.Close()
	return t, rows.Err()
}

// includeRows are a dial plan's include => lines as ast_dialplan rows:
// no extension, priority 'include', the included context as the data and
// its time restriction after it ("outbound,09:00-17:00,mon-fri,*,*").
func includeRows(src any, dp asterisk.DialPlan) [][]any {
	var out [][]any
	for _, in := range dp.Includes {
		data := in.Target
		if in.Window != "" {
			data += "," + in.Window
		}
		out = append(out, []any{src, in.Context, "", "include", "", data, int64(in.Line)})
	}
	return out
}

// reclassifyPage is how many calls reclassifyCalls reads at a time (a
// variable so that a test can page through a few hundred calls rather
// than tens of thousands).
var reclassifyPage = 5000

// reclassifyCalls derives every Asterisk call's recipient and direction
// anew from the configuration now in the case (called inside the import
// transaction of a configuration file). Calls are read a page at a time
// by id, so memory stays bounded whatever the case holds; only rows that
// change are written.
func reclassifyCalls(ctx context.Context, q queryer) (changed int64, err error) {
	t, err := loadTopology(ctx, q)
	if err != nil {
		return 0, err
	}
	var casePlan ident.Plan
	if qr, ok := q.(queryRower); ok {
		if casePlan, _, err = numberingPlanOn(ctx, qr); err != nil {
			return 0, err
		}
	}
	type update struct {
		id      int64
		v       asterisk.Verdict
		country string
		rekey   bool
	}
	page := reclassifyPage
	for after := int64(0); ; {
		rows, err := q.QueryContext(ctx, `SELECT c.id, c.src, c.dst, c.dcontext, c.channel, c.dstchannel, c.lastapp, c.lastdata,
			c.recipient, c.recipient_from, c.recipient_note, c.dialled, c.trunk, c.direction, c.direction_reason, s.country, c.start, c.wall_offset
			FROM ast_calls c JOIN sources s ON s.id = c.source_id WHERE s.kind = ? AND c.id > ? ORDER BY c.id LIMIT ?`, KindAsteriskCDR, after, page)
		if err != nil {
			return changed, err
		}
		var updates []update
		n := 0
		for rows.Next() {
			var id int64
			var c asterisk.Call
			var old asterisk.Verdict
			var country string
			var start, wallOff int64
			if err := rows.Scan(&id, &c.Src, &c.Dst, &c.DContext, &c.Channel, &c.DstChannel, &c.LastApp, &c.LastData,
				&old.Recipient, &old.RecipientFrom, &old.RecipientNote, &old.Dialled, &old.Trunk, &old.Direction, &old.DirectionReason, &country,
				&start, &wallOff); err != nil {
				rows.Close()
				return changed, err
			}
			c.At = asterisk.Moment{Known: true, Wall: start + wallOff, UTC: start}
			n++
			after = id
			if v := c.Classify(t); v != old {
				updates = append(updates, update{id, v, country, v.Recipient != old.Recipient})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return changed, err
		}
		for _, u := range updates {
			v := u.v
			if _, err := q.ExecContext(ctx, `UPDATE ast_calls SET recipient = ?, recipient_from = ?, recipient_note = ?, dialled = ?, trunk = ?,
				direction = ?, direction_reason = ? WHERE id = ?`,
				v.Recipient, v.RecipientFrom, v.RecipientNote, v.Dialled, v.Trunk, v.Direction, v.DirectionReason, u.id); err != nil {
				return changed, err
			}
			if u.rekey {
				if err := rekeyCall(ctx, q, casePlan, u.id, u.country, v.Recipient); err != nil {
					return changed, err
				}
			}
		}
		changed += int64(len(updates))
		if n < page {
			return changed, nil
		}
	}
}
