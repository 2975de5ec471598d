package asterisk

import (
	"fmt"
	"strings"
)

// Party is a channel endpoint a PBX's configuration defines: a sip.conf or
// iax.conf peer, a pjsip.conf endpoint, a chan_dongle device.
type Party struct {
	Tech  string // "sip", "pjsip", "iax2", "dongle" (lower case, as in channel names)
	Name  string
	Trunk bool
	// Reason says why the party is a trunk or an extension, naming the
	// file, line and setting ("sip.conf line 12: host=sip.example.net").
	Reason string
}

// StripRule is a dial-plan step that passes the dialled extension on
// without its first Skip digits (${EXTEN:1}): an outside-line prefix.
type StripRule struct {
	Context, Pattern string
	Skip             int
	Where            string // file:line of the step
	Data             string // the step's application and data
}

// Topology is what a PBX's configuration says about the parties its calls
// pass through and the prefixes its dial plan strips. The zero value (or
// nil) knows nothing, and calls are then judged by their channels' forms
// and their contexts' words only.
type Topology struct {
	Parties map[string]Party // "sip/name" (lower case) -> party
	Strips  []StripRule
	// Includes are each context's include => targets in order, lower
	// case.
	Includes map[string][]string
}

// Include records that context ctx includes target (after those before).
func (t *Topology) Include(ctx, target string) {
	if t.Includes == nil {
		t.Includes = map[string][]string{}
	}
	k := strings.ToLower(ctx)
	t.Includes[k] = append(t.Includes[k], strings.ToLower(target))
}

// searchOrder lists the contexts Asterisk searches for an extension dialled
// in ctx: ctx, then each include in order, depth first (pbx.c's
// pbx_find_extension), each context once.
func (t *Topology) searchOrder(ctx string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(c string)
	walk = func(c string) {
		if seen[c] || len(out) >= 256 {
			return
		}
		seen[c] = true
		out = append(out, c)
		for _, in := range t.Includes[c] {
			walk(in)
		}
	}
	walk(strings.ToLower(ctx))
	return out
}

// Add records a party; a trunk reason wins over an extension one.
func (t *Topology) Add(p Party) {
	if t.Parties == nil {
		t.Parties = map[string]Party{}
	}
	key := strings.ToLower(p.Tech + "/" + p.Name)
	if old, ok := t.Parties[key]; ok && (old.Trunk || !p.Trunk) {
		return
	}
	t.Parties[key] = p
}

// Known reports whether the topology holds any configuration.
func (t *Topology) Known() bool { return t != nil && (len(t.Parties) > 0 || len(t.Strips) > 0) }

// party looks a party up by technology and name.
func (t *Topology) party(tech, name string) (Party, bool) {
	if t == nil || name == "" {
		return Party{}, false
	}
	tech = strings.ToLower(tech)
	p, ok := t.Parties[tech+"/"+strings.ToLower(name)]
	if !ok && tech == "iax2" {
		p, ok = t.Parties["iax/"+strings.ToLower(name)]
	}
	return p, ok
}

// PeerParty turns a configuration's peer into a party, deciding whether it
// is a trunk: it has a host (not dynamic), an outbound proxy, a
// from-trunk/from-pstn context, or (for PJSIP) a registration or identify
// section naming it. conf is "sip", "iax" or "pjsip"; where is the file
// name shown in reasons; regs and identifies are the names of the PJSIP
// registrations and the endpoints identify sections match.
func PeerParty(p Peer, where string, regs, identifies map[string]bool) (Party, bool) {
	tech := p.Source
	switch tech {
	case "iax":
		tech = "iax2"
	case "sip", "pjsip":
	default:
		return Party{}, false
	}
	switch p.Type {
	case "registration", "identify", "aor":
		return Party{}, false
	}
	at := fmt.Sprintf("%s line %d", where, p.Line)
	party := Party{Tech: tech, Name: p.Name}
	lname := strings.ToLower(p.Name)
	ctx := strings.ToLower(p.Context)
	host := strings.ToLower(p.Host)
	switch {
	case strings.HasPrefix(ctx, "from-trunk") || strings.HasPrefix(ctx, "from-pstn"):
		party.Trunk, party.Reason = true, fmt.Sprintf("%s: [%s] context=%s", at, p.Name, p.Context)
	case host != "" && host != "dynamic":
		party.Trunk, party.Reason = true, fmt.Sprintf("%s: [%s] host=%s", at, p.Name, p.Host)
	case detailValue(p.Detail, "outboundproxy") != "" || detailValue(p.Detail, "outbound_proxy") != "":
		party.Trunk, party.Reason = true, fmt.Sprintf("%s: [%s] sets an outbound proxy", at, p.Name)
	case regs[lname]:
		party.Trunk, party.Reason = true, fmt.Sprintf("%s: [%s] has a registration to a provider", at, p.Name)
	case identifies[lname]:
		party.Trunk, party.Reason = true, fmt.Sprintf("%s: [%s] is matched by IP address (identify)", at, p.Name)
	case p.Type == "wizard" && strings.Contains(strings.ToLower(p.Detail), "sends_registrations=yes"):
		party.Trunk, party.Reason = true, fmt.Sprintf("%s: [%s] wizard sends registrations", at, p.Name)
	default:
		why := "no host, proxy, registration or trunk context"
		if host == "dynamic" {
			why = "host=dynamic (a phone that registers)"
		}
		party.Reason = fmt.Sprintf("%s: [%s] is an extension: %s", at, p.Name, why)
	}
	return party, true
}

// detailValue reads key=value out of a Peer's Detail.
func detailValue(detail, key string) string {
	for _, f := range strings.Fields(detail) {
		if k, v, ok := strings.Cut(f, "="); ok && strings.EqualFold(k, key) {
			return v
		}
	}
	return ""
}

// DongleParty is a chan_dongle device: always a trunk (a GSM line).
func DongleParty(name, where string, line int) Party {
	return Party{Tech: "dongle", Name: name, Trunk: true,
		Reason: fmt.Sprintf("%s line %d: [%s] is a GSM modem (chan_dongle)", where, line, name)}
}

// StripRules finds (where names step i's file and line) the dial-plan steps that pass ${EXTEN:n} (n > 0) on, so
// that a dst of that pattern is known to lose its first n digits.
func StripRules(steps []Extension, where func(i int) string) []StripRule {
	var out []StripRule
	for i, x := range steps {
		switch strings.ToLower(x.App) {
		case "dial", "macro", "gosub", "goto", "execif", "stackpush":
		default:
			continue // Set(CDR(userfield)=${EXTEN:1}) passes nothing on
		}
		skip := extenSkip(x.AppData)
		if skip <= 0 || !strings.HasPrefix(x.Exten, "_") && !isDigits(x.Exten) {
			continue
		}
		out = append(out, StripRule{Context: x.Context, Pattern: x.Exten, Skip: skip, Where: where(i), Data: x.App + "(" + x.AppData + ")"})
	}
	return out
}

// extenSkip returns n of the first ${EXTEN:n} in data (0 when none).
func extenSkip(data string) int {
	i := strings.Index(data, "${EXTEN:")
	if i < 0 {
		return 0
	}
	rest := data[i+len("${EXTEN:"):]
	n := 0
	for j := 0; j < len(rest) && j < 3 && rest[j] >= '0' && rest[j] <= '9'; j++ {
		n = n*10 + int(rest[j]-'0')
	}
	return n
}

// strip returns the rule that strips dst in ctx (a rule of the same
// context first, then of the contexts it includes in Asterisk's search
// order, then any), or false.
func (t *Topology) strip(dst, ctx string) (StripRule, bool) {
	if t == nil {
		return StripRule{}, false
	}
	for _, c := range t.searchOrder(ctx) {
		for _, r := range t.Strips {
			if len(dst) > r.Skip && strings.EqualFold(r.Context, c) && MatchPattern(r.Pattern, dst) {
				return r, true
			}
		}
	}
	var other *StripRule
	for i, r := range t.Strips {
		if len(dst) <= r.Skip || !MatchPattern(r.Pattern, dst) {
			continue
		}
		if other == nil {
			other = &t.Strips[i]
		}
	}
	if other != nil {
		return *other, true
	}
	return StripRule{}, false
}

// MatchPattern reports whether an extension matches a dial-plan extension:
// literal, or a pattern "_..." with X (0-9), Z (1-9), N (2-9), [a-b] sets,
// '.' (one or more of anything) and '!' (zero or more).
func MatchPattern(pattern, ext string) bool {
	if !strings.HasPrefix(pattern, "_") {
		return pattern == ext
	}
	p := pattern[1:]
	i := 0
	for j := 0; j < len(p); j++ {
		switch c := p[j]; c {
		case '.':
			return i < len(ext)
		case '!':
			return true
		case '[':
			end := strings.IndexByte(p[j:], ']')
			if end < 0 || i >= len(ext) || !inSet(p[j+1:j+end], ext[i]) {
				return false
			}
			j += end
		default:
			if i >= len(ext) {
				return false
			}
			e := ext[i]
			switch c {
			case 'X', 'x':
				if e < '0' || e > '9' {
					return false
				}
			case 'Z', 'z':
				if e < '1' || e > '9' {
					return false
				}
			case 'N', 'n':
				if e < '2' || e > '9' {
					return false
				}
			case '-':
				i--
			default:
				if c != e {
					return false
				}
			}
		}
		i++
	}
	return i == len(ext)
}

// inSet reports whether b is in a [..] set such as "0-5" or "13-5".
func inSet(set string, b byte) bool {
	for k := 0; k < len(set); k++ {
		if k+2 < len(set) && set[k+1] == '-' {
			if b >= set[k] && b <= set[k+2] {
				return true
			}
			k += 2
			continue
		}
		if set[k] == b {
			return true
		}
	}
	return false
}
