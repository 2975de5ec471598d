package calls

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// splitList reads "X, Y Z" into numbers.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// run computes one view through the casework function its CLI twin calls.
func run(ctx context.Context, st casework.CallsCase, v view, a, b, groups string, within time.Duration, scope casework.TimeScope) (*result, error) {
	r := &result{view: v, a: a}
	switch v {
	case viewContacts:
		rep, err := casework.Calls(ctx, st, a, scope)
		if err != nil {
			return nil, err
		}
		r.report, r.src = rep, contactsSource(rep)
		r.title = "contacts by calls of " + rep.MSISDN
		r.note = fmt.Sprintf("%s · %s · %s (listed last) · numbers matched by key, shown as written",
			analysis.Plural(int64(rep.Records), "voice record", "voice records"), analysis.Plural(int64(len(rep.Contacts)), "number", "numbers"),
			analysis.Plural(int64(len(rep.Senders)), "alphanumeric sender", "alphanumeric senders"))
	case viewCommon:
		if g1, g2, two := strings.Cut(groups, ";"); two {
			rep, err := casework.Bridges(ctx, st, splitList(g1), splitList(g2), scope)
			if err != nil {
				return nil, err
			}
			r.report, r.src, r.b = rep, bridgeSource(rep), groups
			r.title = "numbers linking " + strings.Join(rep.Group1, ",") + " and " + strings.Join(rep.Group2, ",")
			r.note = "who links these two groups: numbers in contact with members of both (M: change, esc: back to A and B)"
			return r, nil
		}
		subs := splitList(groups)
		if groups == "" {
			if b == "" {
				return nil, fmt.Errorf("common numbers need B as well as A (b on a row of any pane), or M to type subscribers")
			}
			subs = []string{a, b}
		}
		rep, err := casework.Common(ctx, st, subs, 2, scope)
		if err != nil {
			return nil, err
		}
		r.report, r.src, r.b = rep, commonSource(rep), strings.Join(rep.Subscribers, ",")
		r.title = "numbers common to " + strings.Join(rep.Subscribers, ", ")
		r.note = "numbers in contact (calls or SMS, either way) with at least 2 of them · M: type subscribers, or two groups X,Y;Z,W"
	case viewDevices:
		rep, err := casework.Devices(ctx, st, a, scope)
		if err != nil {
			return nil, err
		}
		r.report, r.src = rep, devicesSource(rep)
		r.title = "handsets and SIMs of " + rep.MSISDN
		r.note = fmt.Sprintf("%s · %s · %s flagged · %s behind A's handsets or SIMs (data and voice records)",
			analysis.Plural(int64(len(rep.IMEIs)), "handset", "handsets"), analysis.Plural(int64(len(rep.IMSIs)), "SIM", "SIMs"),
			analysis.Plural(int64(len(rep.Changes)), "change", "changes"), analysis.Plural(int64(len(rep.Shared)), "other number", "other numbers"))
	case viewSilences:
		rep, err := casework.Silences(ctx, st, a, scope)
		if err != nil {
			return nil, err
		}
		r.report, r.src = rep, silencesSource(rep)
		r.title = "silences and bursts of " + rep.MSISDN
		bl := rep.Baseline
		r.note = fmt.Sprintf("silence: no record at all for > %.1f h (%.0f × A's usual longest daily gap %.1f h, at least %.0f h) · burst: an hour far above A's usual at that hour",
			bl.ThresholdHours, bl.Factor, bl.UsualHours, bl.MinHours)
	case viewChains:
		rep, err := casework.Chains(ctx, st, a, int64(within.Seconds()), 2, scope)
		if err != nil {
			return nil, err
		}
		r.report, r.src = rep, chainsSource(rep)
		r.title = fmt.Sprintf("relay chains %s → B → C within %s", rep.A, uikit.WindowText(within))
		r.note = fmt.Sprintf("%s followed (%s without records of their own) · %s", analysis.Plural(int64(rep.Parties), "B", "Bs"),
			analysis.Plural(int64(len(rep.Missing)), "called number", "called numbers"), casework.ChainMethod)
	case viewInternational:
		rep, err := casework.International(ctx, st, a, scope)
		if err != nil {
			return nil, err
		}
		r.report, r.src = rep, internationalSource(rep)
		r.title = "international calls and roaming of " + rep.MSISDN
		r.note = fmt.Sprintf("home +%s, networks %s · foreign by the numbering plan; roaming: cells of another country's MCC", rep.Home,
			strings.Join(rep.HomeMCCs, " "))
		if rep.Note != "" {
			r.note += " · " + rep.Note
		}
	}
	return r, nil
}
