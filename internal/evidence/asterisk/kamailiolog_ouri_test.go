package asterisk

import (
	"strings"
	"testing"
)

// A published 1&1 openser log (de.schlund.rtstat's test lines) has an
// INVITE whose o-uri the proxy rewrote to an announcement
// (o-uri=sip:tal-rsp-404@tal...): the call's dst was "tal-rsp-404" and the
// number dialled, in the i-uri and To, was nowhere among its parties. The
// number dialled is read from the i-uri then; an o-uri that is a number
// stays the dst. Made-up values in that layout.
func TestAccLogOURIToAServiceTakesTheDialledNumber(t *testing.T) {
	log := strings.Join([]string{
		`2024-07-24T17:20:15+02:00 sip3 /usr/sbin/openser[6260]: ACC: transaction answered: method=INVITE, i-uri=sip:4930555123@proxy.example, o-uri=sip:tal-rsp-404@tal.example:5060, call_id=AB12@10.1.1.1, from="anonymous" <sip:4940777888@sip.example>;tag=F8, code=200, cseq=27, to=<sip:4930555123@sip.example>;tag=as1, target=pstn`,
		`2024-07-24T17:25:00+02:00 sip3 /usr/sbin/openser[6260]: ACC: transaction answered: method=INVITE, i-uri=sip:004930555124@proxy.example, o-uri=sip:4930555124@gw.example, call_id=AB13@10.1.1.1, from=<sip:4940777888@sip.example>;tag=F9, code=486, cseq=28, to=<sip:004930555124@sip.example>;tag=as2, target=pstn`,
	}, "\n") + "\n"
	calls, rejects := readAllCalls(t, []byte(log), FormatKamailioAccLog)
	if len(calls) != 2 || len(rejects) != 0 {
		t.Fatalf("%d calls, rejects %v; want 2, none", len(calls), rejects)
	}
	if calls[0].Src != "4940777888" || calls[0].Dst != "4930555123" {
		t.Errorf("rewritten to a service: src %q dst %q; want 4940777888, 4930555123 (the i-uri's)", calls[0].Src, calls[0].Dst)
	}
	if calls[1].Dst != "4930555124" {
		t.Errorf("o-uri a number: dst %q; want 4930555124 (the o-uri's)", calls[1].Dst)
	}
}
