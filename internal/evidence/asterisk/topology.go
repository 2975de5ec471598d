package asterisk

import (
	"fmt"
	"sort"
	"strings"
	"time"
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
	// windows are the time restrictions of includes, by "ctx\x00target"
	// (lower case).
	windows map[string]includeWin
}

// includeWin is an include's time restriction: as written, read, and
// where (file line), or why it cannot be read.
type includeWin struct {
	w     IncludeWindow
	err   error
	where string
}

// IncludeWindowed records an include of target in ctx with its time
// restriction (window "" for none) written at where.
func (t *Topology) IncludeWindowed(ctx, target, window, where string) {
	t.Include(ctx, target)
	if strings.TrimSpace(window) == "" {
		return
	}
	if t.windows == nil {
		t.windows = map[string]includeWin{}
	}
	w, err := ParseIncludeWindow(window)
	t.windows[strings.ToLower(ctx)+"\x00"+strings.ToLower(target)] = includeWin{w: w, err: err, where: where}
}

// searchPath is Asterisk's search order for an extension dialled in a
// context at a moment: the contexts searched, and for each one reached
// through a time-restricted include what was said of it; skipped are the
// contexts an include would have searched but whose window did not cover
// the moment.
type searchPath struct {
	order   []string
	notes   map[string]string
	skipped map[string]string
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
// pbx_find_extension), each context once. With the call's moment known
// (at.known), an include whose time restriction does not cover it is not
// followed (pbx.c checks ast_check_timing before it searches an include);
// one that cannot be read is followed and said so.
func (t *Topology) searchOrder(ctx string, at Moment) searchPath {
	p := searchPath{notes: map[string]string{}, skipped: map[string]string{}}
	seen := map[string]bool{}
	var walk func(c, note string)
	walk = func(c, note string) {
		if seen[c] || len(p.order) >= 256 {
			return
		}
		seen[c] = true
		p.order = append(p.order, c)
		if note != "" {
			p.notes[c] = note
		}
		for _, in := range t.Includes[c] {
			n := note
			if w, ok := t.windows[c+"\x00"+in]; ok {
				line := fmt.Sprintf("include => %s,%s (%s)", in, w.w.Spec, w.where)
				switch {
				case w.err != nil:
					line += " has a time restriction that cannot be read (" + w.err.Error() + "): followed as if it always applied"
				case !at.Known:
					line += ": the call's time is unknown, so whether it applied is not known"
				case w.w.Covers(at.Wall, at.UTC):
					line += " applied at " + at.String(w.w)
				default:
					if _, done := p.skipped[in]; !done && !seen[in] {
						p.skipped[in] = line + " did not apply at " + at.String(w.w) + ": not searched"
					}
					continue
				}
				if n != "" {
					n += "; "
				}
				n += line
			}
			walk(in, n)
		}
	}
	walk(strings.ToLower(ctx), "")
	for c := range p.skipped {
		if seen[c] {
			delete(p.skipped, c)
		}
	}
	return p
}

// Moment is when a call started: its wall clock (Unix seconds read as UTC
// fields) and the instant, for include time restrictions.
type Moment struct {
	Known     bool
	Wall, UTC int64
}

// String writes the moment as the window reads it ("Fri 2024-03-01 10:00").
func (m Moment) String(w IncludeWindow) string {
	t := time.Unix(m.Wall, 0).UTC()
	if w.Zone != nil {
		t = time.Unix(m.UTC, 0).In(w.Zone)
		return t.Format("Mon 2006-01-02 15:04") + " " + w.ZoneName
	}
	return t.Format("Mon 2006-01-02 15:04") + " (the call's wall clock)"
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

// extenSkip returns n of the first ${EXTEN:n} in data (0 when none). A
// substring with a length, ${EXTEN:1:9}, passes on only part of the rest
// (the nine digits after the first), so it is no prefix strip: 0.
func extenSkip(data string) int {
	i := strings.Index(data, "${EXTEN:")
	if i < 0 {
		return 0
	}
	rest := data[i+len("${EXTEN:"):]
	n, j := 0, 0
	for ; j < len(rest) && j < 3 && rest[j] >= '0' && rest[j] <= '9'; j++ {
		n = n*10 + int(rest[j]-'0')
	}
	if j < len(rest) && rest[j] != '}' {
		return 0
	}
	return n
}

// strip returns the rule that strips dst in ctx (a rule of the same
// context first, then of the contexts it includes in Asterisk's search
// order at the call's moment, then any but those an include did not reach
// at that moment), or false; the rule's Where then says which
// time-restricted include led to it.
func (t *Topology) strip(dst, ctx string, at Moment) (StripRule, bool) {
	if t == nil {
		return StripRule{}, false
	}
	path := t.searchOrder(ctx, at)
	for _, c := range path.order {
		for _, r := range t.Strips {
			if len(dst) > r.Skip && strings.EqualFold(r.Context, c) && MatchPattern(r.Pattern, dst) {
				if n := path.notes[c]; n != "" {
					r.Where += " (reached through " + n + ")"
				}
				return r, true
			}
		}
	}
	var other *StripRule
	for i, r := range t.Strips {
		if len(dst) <= r.Skip || !MatchPattern(r.Pattern, dst) {
			continue
		}
		if _, closed := path.skipped[strings.ToLower(r.Context)]; closed {
			continue
		}
		if other == nil {
			other = &t.Strips[i]
		}
	}
	if other != nil {
		r := *other
		if len(path.skipped) > 0 {
			var why []string
			for _, n := range path.skipped {
				why = append(why, n)
			}
			sort.Strings(why)
			r.Where += " (a rule of a context the call's context does not reach: " + strings.Join(why, "; ") + ")"
		}
		return r, true
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
