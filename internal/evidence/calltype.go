package evidence

import "strings"

// NormalizeCallType maps the many ways operators write a call type and
// direction (VOICE_OUT, MOC, MO, "Voice"+"outgoing", SMS-MT, a_out,
// A2P_SMSIN ...) to VOICE_IN, VOICE_OUT, SMS_IN or SMS_OUT. A type it cannot
// place (USSD, DATA, CALL_FORWARD) is kept in upper case as written, so
// nothing is forced into a wrong class.
func NormalizeCallType(callType, direction string) string {
	t := foldWord(callType)
	d := foldWord(direction)
	sms := containsAny(t, "SMS", "MSG", "TEXT", "MMS")
	other := containsAny(t, "USSD", "DATA", "GPRS", "FORWARD", "FWD", "DIVERT", "VIDEO")
	dir := directionOf(d)
	if dir == "" {
		dir = directionOf(t)
	}
	switch {
	case sms && dir != "":
		return "SMS_" + dir
	case !sms && !other && dir != "":
		return "VOICE_" + dir
	}
	if t == "" {
		return "UNKNOWN"
	}
	return strings.ToUpper(strings.TrimSpace(callType))
}

// directionOf reads IN or OUT from a folded word.
func directionOf(w string) string {
	switch {
	case w == "":
		return ""
	case containsAny(w, "OUTGOING", "OUTBOUND", "ORIGINAT", "SENT") || hasToken(w, "OUT", "MO", "MOC", "AOUT", "ORIG"):
		return "OUT"
	case containsAny(w, "INCOMING", "INBOUND", "TERMINAT", "RECEIVED") || hasToken(w, "IN", "MT", "MTC", "AIN", "TERM"):
		return "IN"
	case strings.HasSuffix(w, "OUT") || strings.HasSuffix(w, "MO"):
		return "OUT"
	case strings.HasSuffix(w, "IN") || strings.HasSuffix(w, "MT"):
		return "IN"
	}
	return ""
}

// foldWord upper-cases and drops everything but letters and digits, keeping
// word boundaries as single spaces for hasToken.
func foldWord(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToUpper(strings.TrimSpace(s)) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// hasToken reports whether one of the space-separated tokens of s, or s
// with its spaces removed, is one of words.
func hasToken(s string, words ...string) bool {
	joined := strings.ReplaceAll(s, " ", "")
	for _, tok := range append(strings.Fields(s), joined) {
		for _, w := range words {
			if tok == w {
				return true
			}
		}
	}
	return false
}
