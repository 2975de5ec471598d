package asterisk

import (
	"fmt"
	"regexp"
	"strings"
)

// Route is an outbound route of a dial plan: a pattern whose step sends
// the number dialled out of the PBX through a trunk.
type Route struct {
	Context string `json:"context"`
	Pattern string `json:"pattern"` // "_9NXXNXXXXXX" as written
	// Strip is how many leading digits are taken off before the number
	// goes out (${EXTEN:1} is 1; ${EXTEN} 0).
	Strip int    `json:"strip"`
	Trunk string `json:"trunk"` // "SIP/carrier", "trunk 2 (OUT_2 = SIP/skynet)"
	Step  string `json:"step"`  // the application and its data as written
	Where string `json:"where"` // file:line of the step
	// Written is the trunk as the step writes it when a variable names
	// it ("SIP/${TRUNK}", "${OUT_3}"; for dialout-trunk "OUT_2"), Trunk
	// being it resolved; Vars says what each variable is and where it is
	// set ("TRUNK = carrier (extensions.conf:4)"), or that it is set
	// nowhere in the case. Both "" when the trunk is written as it is.
	Written string `json:"written,omitempty"`
	Vars    string `json:"vars,omitempty"`
}

// Global is a dial-plan variable of [globals] (or an AEL globals block):
// its value, where that is written (path:line), and the other values it
// is given elsewhere in the case ("SIP/b (globals_custom.conf:3)"), whose
// order Asterisk's reading decides, not this one.
type Global struct {
	Value, Where string
	Also         []string
}

// globalRef is a ${NAME} reference to a dial-plan variable.
var globalRef = regexp.MustCompile(`\$\{([A-Za-z0-9_-]+)\}`)

// OutboundRoutes lists the steps of pattern extensions that pass the
// number dialled (${EXTEN} or ${EXTEN:n}) out through a trunk: FreePBX's,
// Issabel's and Elastix's Macro(dialout-trunk,N,${EXTEN:1},…) (also
// dialout-enum and dialout-dundi), the trunk named by [globals]' OUT_N
// when globals holds it; or a Dial() whose channel is a trunk the
// configuration defines, a GSM modem or a DAHDI group or span
// (SIP/carrier/${EXTEN:1}, ${OUT_1}/${EXTEN} with OUT_1 in globals).
// A Dial() in an outbound-looking context (undefinedTrunk) through a
// SIP, PJSIP or IAX2 peer no configuration defines is listed too, its
// trunk marked NotDefined: a route to a peer of a configuration that was
// not seized, or was deleted, is not dropped.
// where gives each step's file:line.
func (t *Topology) OutboundRoutes(steps []Extension, where func(i int) string, globals map[string]Global) []Route {
	var out []Route
	for i, x := range steps {
		if !strings.HasPrefix(x.Exten, "_") || !strings.Contains(x.AppData, "${EXTEN") {
			continue
		}
		r := Route{Context: x.Context, Pattern: x.Exten, Step: x.App + "(" + x.AppData + ")", Where: where(i)}
		switch strings.ToLower(x.App) {
		case "macro":
			args := strings.Split(x.AppData, ",")
			if len(args) < 3 || !strings.HasPrefix(strings.ToLower(strings.TrimSpace(args[0])), "dialout-") || !strings.Contains(args[2], "${EXTEN") {
				continue
			}
			n := strings.TrimSpace(args[1])
			r.Trunk = "trunk " + n
			if v, ok := globals["OUT_"+n]; ok {
				r.Trunk = fmt.Sprintf("trunk %s (OUT_%s = %s)", n, n, v.Value)
			}
			r.Vars = varsSaid([]string{"OUT_" + n}, globals)
			r.Strip = extenSkip(args[2])
		case "dial":
			data := globalRef.ReplaceAllStringFunc(x.AppData, func(ref string) string {
				if v, ok := globals[ref[2:len(ref)-1]]; ok {
					return v.Value
				}
				return ref
			})
			var via []string
			for _, d := range ParseDialTargets(data) {
				if !strings.Contains(d.Number, "${EXTEN") {
					continue
				}
				trunk, known, _ := t.trunkOf(d.Tech, d.Peer)
				undefined := !known && undefinedTrunk(x.Context, d)
				if trunk || d.Tech == "dahdi" || undefined {
					name := channelTitle(d.Tech) + "/" + d.Peer
					if undefined {
						name += " (" + NotDefined + ")"
					}
					via = append(via, name)
					if r.Strip == 0 {
						r.Strip = extenSkip(d.Number)
					}
				}
			}
			if len(via) == 0 {
				continue
			}
			r.Trunk = strings.Join(via, " & ")
			r.Written, r.Vars = channelVars(x.AppData, globals)
		default:
			continue
		}
		out = append(out, r)
	}
	return out
}

// channelVars is a Dial()'s channels as written (its data before the
// first comma) when they name a variable other than ${EXTEN…}, and what
// those variables are; "", "" when none is named.
func channelVars(appData string, globals map[string]Global) (written, vars string) {
	chans, _ := cutTopLevel(appData)
	var names []string
	for _, m := range globalRef.FindAllStringSubmatch(chans, -1) {
		if n := m[1]; !strings.HasPrefix(n, "EXTEN") && !contains(names, n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "", ""
	}
	return chans, varsSaid(names, globals)
}

// varsSaid says what each variable of names is and where it is set:
// "TRUNK = carrier (extensions.conf:4)", with the other values it is
// given elsewhere, or "NOPE set nowhere in the case".
func varsSaid(names []string, globals map[string]Global) string {
	var out []string
	for _, n := range names {
		g, ok := globals[n]
		if !ok {
			out = append(out, n+" set nowhere in the case")
			continue
		}
		s := fmt.Sprintf("%s = %s (%s)", n, g.Value, g.Where)
		if len(g.Also) > 0 {
			s += "; also set to " + strings.Join(g.Also, ", ") + ": which Asterisk reads last is not decided here"
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// contains says names holds name.
func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// NotDefined marks a route's trunk that no configuration of the case
// defines.
const NotDefined = "not defined in the configuration"

// undefinedTrunk says whether d, a Dial() target the configuration does
// not define, in context ctx, is taken for a trunk: a named SIP, PJSIP or
// IAX2 peer (no ${variable} left unread) in a context whose name says it
// sends calls out (FreePBX's outrt-N, outbound…, outgoing…, out-…).
func undefinedTrunk(ctx string, d DialTarget) bool {
	switch d.Tech {
	case "sip", "pjsip", "iax2":
	default:
		return false
	}
	if d.Peer == "" || strings.ContainsAny(d.Peer, "${}") {
		return false
	}
	c := strings.ToLower(ctx)
	for _, p := range []string{"outrt", "outbound", "outgoing", "out-", "out_", "dialout", "to-pstn", "to-trunk"} {
		if strings.HasPrefix(c, p) {
			return true
		}
	}
	return strings.Contains(c, "outbound") || strings.Contains(c, "outgoing")
}
