package asterisk

import (
	"fmt"
	"strings"
)

// Recipient sources beyond those of Call.Recipient.
const (
	FromTrunk       = "trunk"        // the number dialled on a trunk (Dial(SIP/trunk/NUM), NUM@trunk, Dongle/dongle0/NUM)
	FromDstStripped = "dst-stripped" // dst less the prefix a dial-plan step strips (${EXTEN:1})
)

// Verdict is who a call went to and which way it went, with the reasons.
type Verdict struct {
	Recipient, RecipientFrom string
	// RecipientNote explains the recipient when it differs from dst or
	// was chosen by a rule of the dial plan.
	RecipientNote string
	Dialled       string // the number dialled on the trunk, as written ("" when none)
	Trunk         string // the trunk ("sip/sipus1", "dongle/dongle0"), "" when none
	Direction     string // outbound, inbound, internal, unknown
	// DirectionReason names the channel, peer and rule that decided.
	DirectionReason string
}

// DialTarget is one channel of a Dial() target list.
type DialTarget struct {
	Tech    string // lower case: sip, pjsip, iax2, dongle, local, dahdi ...
	Peer    string // the peer, endpoint, modem or group the call goes through; "" when none
	Number  string // the number dialled through it ("" when none)
	Context string // for Local/NUM@context
	Raw     string
}

// ParseDialTargets reads the channel list of Dial() data (before the first
// ',' or '|', split at '&'): SIP/peer/NUM, SIP/NUM@peer, SIP/peer,
// PJSIP/NUM@endpoint, PJSIP/endpoint/sip:NUM@host, IAX2/peer/NUM,
// IAX2/user:secret@host/NUM, Dongle/dongle0/NUM, DAHDI/g1/NUM,
// Local/NUM@context/n.
func ParseDialTargets(data string) []DialTarget {
	if i := strings.IndexAny(data, ",|"); i >= 0 {
		data = data[:i]
	}
	var out []DialTarget
	for _, raw := range strings.Split(data, "&") {
		raw = strings.TrimSpace(raw)
		tech, rest, ok := strings.Cut(raw, "/")
		if !ok || tech == "" || rest == "" {
			continue
		}
		t := DialTarget{Tech: strings.ToLower(tech), Raw: raw}
		parts := strings.Split(rest, "/")
		switch t.Tech {
		case "local":
			num, ctx, _ := strings.Cut(parts[0], "@")
			t.Number, t.Context = num, ctx
		case "iax2", "iax":
			t.Tech = "iax2"
			peer := parts[0]
			if at := strings.LastIndexByte(peer, '@'); at >= 0 {
				peer = peer[at+1:] // user:secret@host
			}
			t.Peer = peer
			if len(parts) > 1 {
				t.Number, _, _ = strings.Cut(parts[1], "@")
			}
		default:
			first := parts[0]
			if len(parts) > 1 {
				t.Peer = first
				num := parts[1]
				if strings.HasPrefix(strings.ToLower(num), "sip:") || strings.HasPrefix(strings.ToLower(num), "sips:") {
					num, _, _ = parseSIPURI(num)
				}
				t.Number, _, _ = strings.Cut(num, "@")
			} else if num, peer, ok := strings.Cut(first, "@"); ok {
				t.Number, t.Peer = num, peer
			} else {
				t.Peer = first
			}
		}
		out = append(out, t)
	}
	return out
}

// channelParty splits a channel name into technology and party:
// "SIP/sipus1-0000001a" -> sip, sipus1; "Dongle/dongle0-0100000001" ->
// dongle, dongle0; "Local/100@from-internal-0000;1" -> local, 100@from-internal.
func channelParty(ch string) (tech, name string) {
	tech, rest, ok := strings.Cut(strings.TrimSpace(ch), "/")
	if !ok {
		return "", ""
	}
	if i := strings.IndexByte(rest, ';'); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '-'); i > 0 {
		rest = rest[:i]
	}
	return strings.ToLower(tech), rest
}

// isGSMTech: modem technologies (always a GSM line).
func isGSMTech(tech string) bool {
	switch tech {
	case "dongle", "quectel", "datacard", "mobile":
		return true
	}
	return false
}

// trunkOf says whether a party is a trunk and why; known is false when the
// configuration does not define it (then structural hints decide).
func (t *Topology) trunkOf(tech, name string) (trunk, known bool, reason string) {
	if isGSMTech(tech) {
		if p, ok := t.party("dongle", name); ok {
			return true, true, p.Reason
		}
		return true, true, fmt.Sprintf("%s/%s is a GSM modem channel", channelTitle(tech), name)
	}
	if p, ok := t.party(tech, name); ok {
		return p.Trunk, true, p.Reason
	}
	return false, false, ""
}

// channelTitle writes a technology as Asterisk does.
func channelTitle(tech string) string {
	switch tech {
	case "sip", "pjsip", "iax2", "dahdi":
		return strings.ToUpper(tech)
	case "":
		return "(none)"
	case "local":
		return "Local"
	case "dongle":
		return "Dongle"
	}
	return tech
}

// trunkTarget is a Dial target that leaves the PBX, with why; known says
// the configuration (or the modem technology) makes it a trunk, not only
// the form of the target.
type trunkTarget struct {
	DialTarget
	reason string
	known  bool
}

// trunkTargets lists the Dial() targets that go out a trunk: a modem, a
// party the configuration defines as a trunk, or (a party the
// configuration does not define) a number of 7 or more digits dialled
// through a named peer (SIP/peer/NUM, SIP/NUM@peer, DAHDI/g1/NUM): a
// shorter one is as likely an extension of another PBX.
func (t *Topology) trunkTargets(c Call) []trunkTarget {
	if !dialApps[strings.ToLower(strings.TrimSpace(c.LastApp))] {
		return nil
	}
	var out []trunkTarget
	for _, d := range ParseDialTargets(c.LastData) {
		if d.Tech == "local" {
			if tt, ok := t.localTarget(d, c.At); ok {
				out = append(out, tt)
			}
			continue
		}
		if d.Peer == "" {
			continue
		}
		trunk, known, reason := t.trunkOf(d.Tech, d.Peer)
		switch {
		case trunk:
		case !known && isPhoneNumber(d.Number) && len(strings.TrimPrefix(d.Number, "+")) >= 7:
			reason = fmt.Sprintf("Dial() sends a number of %d digits through %s/%s, which no configuration in the case defines: taken for a trunk by the form of the target", len(strings.TrimPrefix(d.Number, "+")), channelTitle(d.Tech), d.Peer)
		default:
			continue
		}
		out = append(out, trunkTarget{d, reason, trunk})
	}
	return out
}

// Classify decides a call's recipient and direction from the topology
// (nil: nothing known of the configuration).
//
// Direction, first rule that applies: the calling channel is a trunk or a
// modem (inbound); the called channel or a Dial() target is one (outbound);
// both channels are extensions the configuration defines (internal); the
// calling channel is such an extension and nothing left through a trunk
// (internal); the words of the context (from-did-direct is not inbound:
// FreePBX files extension-to-extension calls there), except that a number
// of 7+ digits dialled through a peer no configuration defines
// (SIP/peer/NUM) is outbound before an "internal" word (from-internal is
// where FreePBX's outbound calls start); the same number with no word; two
// phone channels (internal); else unknown.
//
// Recipient: a number dialled on a trunk wins over dst (which may be a
// forwarding extension or carry an outside-line prefix); dst is kept
// beside it. A call that came in on a trunk keeps dst (the number the
// caller dialled); where it was passed on to is kept as dialled. A target only the Dial() form makes a trunk counts only when
// it decided the direction. A dst whose prefix a dial-plan step strips
// (${EXTEN:1}) is read without it when no trunk number was logged.
// Otherwise Call.Recipient's rules apply.
func (c Call) Classify(t *Topology) Verdict {
	var v Verdict
	all := t.trunkTargets(c)
	var known []trunkTarget
	for _, tt := range all {
		if tt.known {
			known = append(known, tt)
		}
	}
	var structural bool
	v.Direction, v.DirectionReason, structural = c.direction(t, known, all)
	if c.StatedDirection != "" {
		v.Direction, v.DirectionReason = c.StatedDirection, "as the file's direction column states it"
	}
	targets := known
	if structural {
		targets = all
	}
	v.Recipient, v.RecipientFrom = c.Recipient()
	dst := strings.TrimSpace(c.Dst)
	if tt := pickTarget(targets, c.DstChannel); tt != nil && tt.Number != "" {
		v.Dialled, v.Trunk = tt.Number, tt.Tech+"/"+tt.Peer
		switch {
		case v.Direction == "inbound" && tt.Number != dst:
			v.RecipientNote = fmt.Sprintf("came in for %s and was passed on through %s to %s (kept as dialled)", dst, v.Trunk, tt.Number)
		case tt.Number == dst:
			v.Recipient, v.RecipientFrom = dst, FromDst
		default:
			v.Recipient, v.RecipientFrom = tt.Number, FromTrunk
			if r, ok := t.strip(dst, c.DContext, c.At); ok && dst[r.Skip:] == tt.Number {
				v.RecipientNote = fmt.Sprintf("dst %s less the prefix %s that %s strips (%s) is the number dialled on %s", dst, dst[:r.Skip], r.Where, r.Data, v.Trunk)
			} else if dst != "" {
				v.RecipientNote = fmt.Sprintf("dialled %s on %s; dst %s kept beside it (no dial-plan step in the case strips it to that number)", tt.Number, v.Trunk, dst)
			}
		}
	} else if v.RecipientFrom == FromDst {
		if r, ok := t.strip(dst, c.DContext, c.At); ok {
			v.Recipient, v.RecipientFrom = dst[r.Skip:], FromDstStripped
			v.RecipientNote = fmt.Sprintf("dst %s less the prefix %s that %s strips (%s)", dst, dst[:r.Skip], r.Where, r.Data)
		}
	}
	return v
}

// pickTarget prefers the trunk target the called channel went through.
func pickTarget(targets []trunkTarget, dstChannel string) *trunkTarget {
	if len(targets) == 0 {
		return nil
	}
	tech, name := channelParty(dstChannel)
	for i := range targets {
		if targets[i].Tech == tech && strings.EqualFold(targets[i].Peer, name) {
			return &targets[i]
		}
	}
	return &targets[0]
}

// direction applies Classify's direction rules; structural says a Dial()
// target's form alone decided.
func (c Call) direction(t *Topology, known, all []trunkTarget) (dir, reason string, structural bool) {
	chTech, chName := channelParty(c.Channel)
	dTech, dName := channelParty(c.DstChannel)
	chTrunk, chKnown, chWhy := t.trunkOf(chTech, chName)
	if chTech != "" && chTrunk {
		return "inbound", fmt.Sprintf("arrived on %s/%s, a trunk: %s", channelTitle(chTech), chName, chWhy), false
	}
	dTrunk, dKnown, dWhy := t.trunkOf(dTech, dName)
	if dTech != "" && dTrunk {
		return "outbound", fmt.Sprintf("left on %s/%s, a trunk: %s", channelTitle(dTech), dName, dWhy), false
	}
	if len(known) > 0 {
		if known[0].Tech == "local" {
			return "outbound", "Dial() leaves the PBX through the dial plan's outside line: " + known[0].reason, false
		}
		return "outbound", fmt.Sprintf("Dial() through %s/%s, a trunk: %s", channelTitle(known[0].Tech), known[0].Peer, known[0].reason), false
	}
	if chKnown && dKnown {
		return "internal", fmt.Sprintf("between two extensions: %s; %s", chWhy, dWhy), false
	}
	if r, ok := t.strip(strings.TrimSpace(c.Dst), c.DContext, c.At); ok && c.DstChannel == "" {
		return "outbound", fmt.Sprintf("dst %s fits the outside-line pattern %s of %s, which passes it on without its first %d digit(s); no channel was reached", strings.TrimSpace(c.Dst), r.Pattern, r.Where, r.Skip), false
	}
	if chKnown && (c.DstChannel == "" || dTech == "local") {
		return "internal", fmt.Sprintf("from an extension and nothing left through a trunk: %s", chWhy), false
	}
	d, word := contextDirection(c.DContext)
	if d == "internal" && len(all) > 0 {
		// from-internal is where FreePBX's outbound calls start too
		return "outbound", all[0].reason, true
	}
	if d != "" {
		return d, fmt.Sprintf("context %s (the word %q); no channel of the call is a trunk the configuration defines", c.DContext, word), false
	}
	if len(all) > 0 {
		return "outbound", all[0].reason, true
	}
	if hasTechPrefix(c.Channel, endpointTechs) && hasTechPrefix(c.DstChannel, endpointTechs) {
		return "internal", fmt.Sprintf("two phone channels (%s/%s to %s/%s), neither a known trunk", channelTitle(chTech), chName, channelTitle(dTech), dName), false
	}
	return "unknown", "no channel is a trunk or an extension the configuration defines, and the context says nothing", false
}

// localTarget: Local/NUM@context sends NUM back into the dial plan. When an
// outside-line pattern of the dial plan fits NUM, it leaves through that
// route, without the prefix the route strips (known); a number of 7 or more
// digits with no such pattern is taken for an outside number by its form.
func (t *Topology) localTarget(d DialTarget, at Moment) (trunkTarget, bool) {
	num := strings.TrimSpace(d.Number)
	if !isPhoneNumber(num) {
		return trunkTarget{}, false
	}
	d.Peer = d.Context
	if r, ok := t.strip(num, d.Context, at); ok {
		d.Number = num[r.Skip:]
		return trunkTarget{d, fmt.Sprintf("Local/%s@%s: %s fits the outside-line pattern %s of %s, which passes on %s", num, d.Context, num, r.Pattern, r.Where, d.Number), true}, true
	}
	if len(strings.TrimPrefix(num, "+")) >= 7 {
		return trunkTarget{d, fmt.Sprintf("Dial() sends a number of %d digits into context %s through a Local channel: taken for an outside number by its form", len(strings.TrimPrefix(num, "+")), d.Context), false}, true
	}
	return trunkTarget{}, false
}
