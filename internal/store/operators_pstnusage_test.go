package store

import (
	"strings"
	"testing"
	"time"
)

// Microsoft's PSTN usage report as the admin center exports it (a
// tab-delimited ".csv": Call ID, User ID, Phone number, User location,
// Caller ID, Call type, …, Start Time (UTC), Duration, …): two users,
// each with a call out (user_out) and one in (user_in). Phone number is
// the number called, the user's own only on an incoming call; Caller ID
// the caller, the user on an outgoing call. So each record's subscriber
// is the user (+14255550100 for Alice, +14255550200 for Bob), the other
// party the outside number; before, Phone number was read as the
// subscriber and an outgoing call's subscriber was the number dialled.
func TestOperatorMicrosoftPSTNUsage(t *testing.T) {
	rows := []string{
		"2|14255550100|VOICE_OUT|+12065550123|2024-03-05 10:00:00|125|||",
		"3|14255550100|VOICE_IN|+12065550999|2024-03-05 11:00:00|60|||",
		"4|14255550200|VOICE_OUT|+12065550777|2024-03-05 12:00:00|30|||",
		"5|14255550200|VOICE_IN|+12065550888|2024-03-05 13:00:00|40|||",
	}
	st, _ := checkOperatorLayoutWith(t, operatorLayoutCase{"ms_pstn_usage.csv", "voice", []string{"delimiter tab", "times in UTC", `"Phone number" not msisdn`}, rows, nil},
		ImportOptions{Country: "US", Zone: time.FixedZone("PST", -8*3600)})
	// Start Time (UTC) 2024-03-05 10:00:00 is 1709632800 whatever --tz says
	if got := strings.Join(readRows(t, st, "SELECT start, wall_offset FROM voice WHERE line = 2"), ""); got != "1709632800|0" {
		t.Errorf("line 2 start %s, want 1709632800|0", got)
	}
}

// The Teams admin center's Calling Plans export (PSTN.calls.{date}.csv, the
// documented 20 fields: UsageId, Call ID, …, Caller ID, Call Type, …,
// Destination Dialed, Destination Number, Start Time, End Time, Duration
// Seconds, …): Caller ID the caller, Destination Number the number
// dialled, Call Type the direction (user_out_transfer an outgoing call,
// ucap_in an incoming one to a bot); each record's subscriber is the
// user's (or the bot's) number, never the outside party's, and Start Time
// is UTC by its Z whatever --tz says (10:00:00Z is 1709632800).
func TestOperatorTeamsPSTNCalls(t *testing.T) {
	rows := []string{
		"2|14255550100|VOICE_OUT|+12065550123|2024-03-05 10:00:00|125|||",
		"3|14255550100|VOICE_IN|+12065550999|2024-03-05 11:00:00|60|||",
		"4|14255550200|VOICE_OUT|+12065550777|2024-03-05 12:00:00|30|||",
		"5|14255550200|VOICE_IN|+12065550888|2024-03-05 13:00:00|40|||",
		"6|14255550100|VOICE_OUT|+12065550444|2024-03-05 14:00:00|60|||",
		"7|14255550300|VOICE_IN|+12065550555|2024-03-05 15:00:00|50|||",
	}
	st, _ := checkOperatorLayoutWith(t, operatorLayoutCase{"ms_teams_pstn_calls.csv", "voice", []string{"delimiter comma"}, rows, nil},
		ImportOptions{Country: "US", Zone: time.FixedZone("PST", -8*3600)})
	if got := strings.Join(readRows(t, st, "SELECT start, wall_offset FROM voice WHERE line = 2"), ""); got != "1709632800|0" {
		t.Errorf("line 2 start %s, want 1709632800|0", got)
	}
}

// The Teams admin center's Direct Routing export (Correlation ID, SIP
// Address, Display Name, Caller Number, Callee Number, Call type, Start
// time, Invite time, Failure time, End time, Duration (seconds), Final
// SIP code, …): Caller Number the caller, Callee Number the callee (the
// Teams user or bot on an incoming call, the PSTN party on an outgoing
// one), Call type dr_in/dr_out (dr_in_ucap, dr_out_user_conf) the
// direction. Each record's subscriber is the user's or bot's number and
// its other party the outside number; before, Callee Number was no
// column, so an incoming call's subscriber was the outside caller and no
// record had another party. A failed call (486, no Start time) is
// rejected saying so.
func TestOperatorTeamsDirectRouting(t *testing.T) {
	rows := []string{
		"2|14255550100|VOICE_OUT|+12065550123|2024-03-05 10:00:08|125|||",
		"3|14255550100|VOICE_IN|+12065550999|2024-03-05 11:00:01|60|||",
		"5|14255550300|VOICE_IN|+12065550888|2024-03-05 13:00:01|40|||",
		"6|14255550200|VOICE_OUT|+12065550666|2024-03-05 14:00:05|60|||",
	}
	rejects := []string{"4|row|start time: empty"}
	checkOperatorLayoutWith(t, operatorLayoutCase{"ms_teams_direct_routing.csv", "voice", []string{"delimiter comma"}, rows, rejects},
		ImportOptions{Country: "US"})
}
