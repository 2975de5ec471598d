package evidence

import "strings"

// NormalizeCallType maps the many ways operators write a call type and
// direction (VOICE_OUT, MOC, MO, "Voice"+"outgoing", SMS-MT, a_out,
// A2P_SMSIN ...) to VOICE_IN, VOICE_OUT, SMS_IN or SMS_OUT. A type it cannot
// place (USSD, DATA, CALL_FORWARD) is kept in upper case as written, so
// nothing is forced into a wrong class.
func NormalizeCallType(callType, direction string) string {
	t, _ := NormalizeCall(callType, "", direction, nil)
	return t
}

// NormalizeCall is NormalizeCallType with a service column (Voice, SMS)
// beside the call type and a carrier's table of direction codes (codes,
// may be nil). known is false when something was written that gives
// neither a direction nor a known kind of record (a direction code no
// table explains): the value is then kept verbatim, in upper case, and the
// caller flags it.
func NormalizeCall(callType, service, direction string, codes map[string]string) (result string, known bool) {
	t, s, d := foldWord(callType), foldWord(service), foldWord(direction)
	word := t
	if s != "" {
		word = t + " " + s // only files with a service column pay for it
	}
	sms := containsAny(word, "SMS", "MSG", "TEXT", "MMS") || hasToken(word, "SMT", "SMO") || hasToken(word, localSMSWords...) ||
		hasTokenPrefix(word, smsClasses...) || rcsMessage(word)
	other := containsAny(word, "USSD", "DATA", "GPRS", "FORWARD", "FWD", "DIVERT", "VIDEO") || hasToken(word, localOtherWords...) ||
		hasTokenPrefix(word, "VDO", "FRW", "AFRW")
	dir := ""
	if codes != nil {
		dir = codes[strings.ToUpper(strings.TrimSpace(direction))]
	}
	switch d { // a direction column of one letter
	case "I":
		dir = "IN"
	case "O":
		dir = "OUT"
	}
	for _, w := range []string{d, t, s} {
		if dir == "" {
			dir = directionOf(w)
		}
	}
	switch {
	case sms && dir != "":
		return "SMS_" + dir, true
	case !sms && !other && dir != "":
		return "VOICE_" + dir, true
	}
	var parts []string
	for _, v := range []string{callType, direction} {
		if v = strings.TrimSpace(v); v != "" {
			parts = append(parts, strings.ToUpper(v))
		}
	}
	if len(parts) == 0 {
		if s != "" {
			return strings.ToUpper(strings.TrimSpace(service)), other
		}
		return "UNKNOWN", true // nothing written: nothing to flag
	}
	return strings.Join(parts, "/"), other
}

// rcsMessage reports an RCS chat or message (T-Mobile's "RCS-IMChat",
// "rich content message, multimedia and text"): a message, as an MMS is,
// never a voice call because a Direction column gives it a direction. An
// RCS call (voice or video) is not one.
func rcsMessage(word string) bool {
	return (hasToken(word, "RCS", "IMCHAT") || containsAny(word, "RCSIM", "RCSCHAT")) &&
		!containsAny(word, "VOICE", "VIDEO", "CALL")
}

// verizonDirections are the codes of the "Call Direction" column of
// Verizon Wireless call detail returns: 0 and 6 incoming, 1 and 3
// outgoing. 2 (mobile to mobile) and F say no direction and are kept.
var verizonDirections = map[string]string{"0": "IN", "6": "IN", "1": "OUT", "3": "OUT"}

// tapTeleServices are GSMA TAP's (TD.57) teleservice codes a roaming
// record's teleServiceCode holds: 11 telephony, 12 emergency calls, 21
// short message MT (received), 22 short message MO (sent).
var tapTeleServices = map[string]string{"11": "Voice", "12": "Voice", "21": "SMS MT", "22": "SMS MO"}

// sipMethods are the SIP methods of an IMS (VoLTE) record's sIP-Method:
// INVITE sets up a call, MESSAGE carries a short message.
var sipMethods = map[string]string{"INVITE": "Voice", "MESSAGE": "SMS"}

// serviceCodesOf picks the table of service codes a header names.
func serviceCodesOf(l *Layout) map[string]string {
	c, ok := l.Columns[FService]
	if !ok || c >= len(l.Header) {
		return nil
	}
	switch normalizeHeader(l.Header[c]) {
	case "teleservicecode":
		return tapTeleServices
	case "sipmethod":
		return sipMethods
	}
	return nil
}

// directionCodesOf picks the table of direction codes of a carrier whose
// layout the header shows.
func directionCodesOf(l *Layout) map[string]string {
	if !l.Has(FDirection) {
		return nil
	}
	if c := l.Columns[FDirection]; c < len(l.Header) {
		if codes, ok := statedDirectionCodes(l.Header[c]); ok {
			l.CodesOf = `its header ("` + l.Header[c] + `")`
			return codes
		}
	}
	if l.FritzBox && l.FritzPush {
		l.CodesOf = "a FRITZ!Box push-service list (its codes are not the web list's: every type kept as written)"
		return nil
	}
	if l.FritzBox {
		l.CodesOf = "a FRITZ!Box call list (1 incoming, 4 outgoing; 2 and 3 differ by firmware)"
		return fritzDirections
	}
	if c := l.Columns[FDirection]; c >= len(l.Header) || normalizeHeader(l.Header[c]) != "calldirection" {
		return nil // Verizon's table is its calls' (a text message's direction indicator is not read by it)
	}
	for _, h := range l.Header {
		switch normalizeHeader(h) {
		case "mobiledirectorynumber", "networkelementname", "seizuredttm":
			l.CodesOf = "Verizon (0, 6 incoming; 1, 3 outgoing)"
			return verizonDirections
		}
	}
	return nil
}

// directionOf reads IN or OUT from a folded word: first an operator's
// word in its own language (localDirectionOf), then the English and 3GPP
// ones.
func directionOf(w string) string {
	if d, found := localDirectionOf(w); found {
		return d
	}
	// the access a call or message went over, after its direction
	// (Jio's a_out_wifi, a_in_wv, A2P_SMSIN_wifi): the direction is before it
	for {
		rest, last, ok := cutLastToken(w)
		if !ok || !accessWords[last] {
			break
		}
		w = rest
	}
	switch {
	case w == "":
		return ""
	case containsAny(w, "OUTGOING", "OUTBOUND", "ORIGINAT", "SENT", "DIALED", "DIALLED") || hasToken(w, "OUT", "MO", "MOC", "AOUT", "ORIG", "SMO"):
		return "OUT"
	case containsAny(w, "INCOMING", "INBOUND", "TERMINAT", "RECEIVED", "MISSED") || hasToken(w, "IN", "MT", "MTC", "AIN", "TERM", "SMT"):
		return "IN"
	case strings.HasPrefix(w, "MOCALL") || strings.HasPrefix(w, "MOSMS"): // 3GPP record types: moCallRecord, moSMSRecord
		return "OUT"
	case strings.HasPrefix(w, "MTCALL") || strings.HasPrefix(w, "MTSMS"):
		return "IN"
	case strings.HasSuffix(w, "OUT") || strings.HasSuffix(w, "MO"):
		return "OUT"
	case strings.HasSuffix(w, "IN") || strings.HasSuffix(w, "MT"):
		return "IN"
	}
	return ""
}

// foldWord upper-cases, folds accents (REÇU is RECU) and drops everything
// but letters and digits, keeping
// word boundaries as single spaces for hasToken.
func foldWord(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToUpper(foldAccents(strings.TrimSpace(s))) {
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

// smsClasses are India's classes of short messages (TRAI): person to
// person, person to application, application to person. Jio's call
// types write them with the direction: P2POUT, P2AOUT, P2P_SMSIN,
// A2P_SMSIN.
var smsClasses = []string{"P2P", "P2A", "A2P"}

// accessWords name the access a call went over, written after its
// direction (a_out_wifi, a_in_wv, a_in_vw: Wi-Fi, VoWiFi, VoLTE).
var accessWords = map[string]bool{"WIFI": true, "WV": true, "VW": true, "VOWIFI": true, "VOLTE": true, "WLAN": true}

// cutLastToken splits the last space-separated token off s.
func cutLastToken(s string) (rest, last string, ok bool) {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

// hasTokenPrefix reports whether a space-separated token of s begins
// with one of prefixes.
func hasTokenPrefix(s string, prefixes ...string) bool {
	for _, tok := range strings.Fields(s) {
		for _, p := range prefixes {
			if strings.HasPrefix(tok, p) {
				return true
			}
		}
	}
	return false
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
