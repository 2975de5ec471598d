package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// callKeys keys the numbers of PBX call records under a numbering plan,
// so that a number a seized PBX dialled or was called from meets the same
// number in an operator's records: the caller (src) and the number called
// (the recipient), each kept as written beside its key. An extension, a
// short code or a number the plan cannot key gets none.
type callKeys struct {
	plan              ident.Plan
	srcs, recipients  int64 // numbers keyed
	unkeyed           int64 // numbers of seven digits or more left without a key
	memoSrc, memoRcpt map[string]any
}

// key fills the key columns of a call's row.
func (k *callKeys) key(row []any, recipient string) {
	if k.memoSrc == nil {
		k.memoSrc, k.memoRcpt = map[string]any{}, map[string]any{}
	}
	src, _ := row[3].(string)
	if row[callSrcKey] = k.of(k.memoSrc, src); row[callSrcKey] != nil {
		k.srcs++
	}
	if row[callRecipientKey] = k.of(k.memoRcpt, recipient); row[callRecipientKey] != nil {
		k.recipients++
	}
}

func (k *callKeys) of(memo map[string]any, written string) any {
	if written == "" {
		return nil
	}
	if v, ok := memo[written]; ok {
		if v == nil && longNumber(written) {
			k.unkeyed++
		}
		return v
	}
	var v any
	if key, ok := k.plan.NumberKey(written); ok {
		v = key
	} else if longNumber(written) {
		k.unkeyed++
	}
	if len(memo) < 1<<16 {
		memo[written] = v
	}
	return v
}

// longNumber reports whether a value is a number long enough to be a
// subscriber's (not an extension or a short code).
func longNumber(written string) bool {
	d, _, ok := ident.SplitNumber(written)
	return ok && len(d) >= 7
}

// describe says, for the source's notes, how the numbers were keyed.
func (k *callKeys) describe(how string) string {
	plan := "no numbering plan (only numbers written with their country code are keyed; import with --country to key national ones)"
	if k.plan.Country != "" {
		plan = "numbering plan " + k.plan.Country
		if how != "" {
			plan += " (" + how + ")"
		}
	}
	s := fmt.Sprintf("Numbers keyed under %s: %d callers, %d numbers called.", plan, k.srcs, k.recipients)
	if k.unkeyed > 0 {
		s += fmt.Sprintf(" %d numbers of seven digits or more could not be keyed: kept as written, matched only as written.", k.unkeyed)
	}
	return s
}

// rekeyCall keys anew the recipient of a call whose recipient changed
// (reclassifyCalls), each under the plan its source was keyed by (the
// case's when the source names none).
func rekeyCall(ctx context.Context, q queryer, casePlan ident.Plan, id int64, country, recipient string) error {
	p := casePlan
	if country != "" {
		if sp, ok := ident.PlanFor(country); ok {
			p = sp
		}
	}
	var key any
	if k, ok := p.NumberKey(recipient); ok && recipient != "" {
		key = k
	}
	_, err := q.ExecContext(ctx, "UPDATE ast_calls SET recipient_key = ? WHERE id = ?", key, id)
	return err
}

// backfillPBXKeys keys the numbers of the PBX calls of a case made before
// they were keyed, under the case's plan, and records that plan as the
// one every source was keyed by.
func backfillPBXKeys(ctx context.Context, conn *sql.Conn) error {
	plan, _, err := numberingPlanOn(ctx, conn)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "UPDATE sources SET country = ?", plan.Country); err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, "SELECT id, src, recipient FROM ast_calls")
	if err != nil {
		return err
	}
	type upd struct {
		id       int64
		src, rcp any
	}
	var ups []upd
	k := &callKeys{plan: plan, memoSrc: map[string]any{}, memoRcpt: map[string]any{}}
	for rows.Next() {
		var u upd
		var src, rcp string
		if err := rows.Scan(&u.id, &src, &rcp); err != nil {
			rows.Close()
			return err
		}
		u.src, u.rcp = k.of(k.memoSrc, src), k.of(k.memoRcpt, rcp)
		if u.src != nil || u.rcp != nil {
			ups = append(ups, u)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, u := range ups {
		if _, err := conn.ExecContext(ctx, "UPDATE ast_calls SET src_key = ?, recipient_key = ? WHERE id = ?", u.src, u.rcp, u.id); err != nil {
			return err
		}
	}
	return nil
}
