package asterisk

import (
	"strings"
)

// Peer is a SIP party a configuration names: a sip.conf peer, friend, user
// or register => line, or a pjsip.conf endpoint, aor, registration,
// identify or wizard section.
type Peer struct {
	Name     string // section name; "register" for a sip.conf register => line
	Type     string // peer, friend, user, registration (sip); endpoint, aor, registration, identify, wizard (pjsip)
	Host     string // host, IP or "dynamic"; for identify the match= list
	Port     string
	Username string
	Context  string
	Source   string // "sip" or "pjsip"
	Line     int    // section header line, or the register => line
	Detail   string // other identifying settings as "key=value" separated by spaces
}

// SIPPeers reads chan_sip peers from sip.conf: every non-template section
// (other than [general]) whose type is peer, friend or user or that sets
// host=, with templates honoured, plus one Peer of Type "registration" per
// register => line (user[:secret]@host[:port][/extension]; the secret is
// not kept).
func SIPPeers(c *Conf) []Peer {
	var out []Peer
	for _, s := range c.Sections {
		for _, e := range s.Entries {
			if strings.EqualFold(e.Key, "register") {
				out = append(out, parseRegister(e))
			}
		}
	}
	done := map[string]bool{}
	for _, s := range c.Sections {
		lname := strings.ToLower(s.Name)
		if s.Name == "" || s.IsTemplate || lname == "general" || done[lname] {
			continue
		}
		get := func(key string) string { v, _ := c.Get(s.Name, key); return v }
		typ := strings.ToLower(get("type"))
		host := get("host")
		if typ != "peer" && typ != "friend" && typ != "user" && host == "" {
			continue
		}
		done[lname] = true
		p := Peer{Name: s.Name, Type: typ, Context: get("context"), Source: "sip", Line: s.Line}
		p.Host, p.Port = host, get("port")
		if p.Port == "" && host != "dynamic" {
			p.Host, p.Port = splitHostPort(host)
		}
		p.Username = get("username")
		if p.Username == "" {
			p.Username = get("defaultuser")
		}
		p.Detail = details(get, "callerid", "fromuser", "fromdomain", "outboundproxy", "defaultip")
		out = append(out, p)
	}
	return out
}

// parseRegister reads [peer?][transport://]user[@domain][:secret[:authuser]]
// @host[:port][/extension][~expiry].
func parseRegister(e Entry) Peer {
	p := Peer{Name: "register", Type: "registration", Source: "sip", Line: e.Line}
	s := e.Value
	var detail []string
	if i := strings.IndexByte(s, '?'); i >= 0 {
		detail = append(detail, "peer="+s[:i])
		s = s[i+1:]
	}
	if i := strings.Index(s, "://"); i >= 0 {
		detail = append(detail, "transport="+s[:i])
		s = s[i+3:]
	}
	if i := strings.LastIndexByte(s, '~'); i >= 0 {
		s = s[:i]
	}
	cred, hostPart := "", s
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		cred, hostPart = s[:at], s[at+1:]
	}
	if j := strings.IndexByte(hostPart, '/'); j >= 0 {
		detail = append(detail, "extension="+hostPart[j+1:])
		hostPart = hostPart[:j]
	}
	p.Host, p.Port = splitHostPort(strings.TrimSpace(hostPart))
	user, _, _ := strings.Cut(cred, ":")
	if u, domain, ok := strings.Cut(user, "@"); ok {
		user = u
		detail = append(detail, "domain="+domain)
	}
	p.Username = strings.TrimSpace(user)
	p.Detail = strings.Join(detail, " ")
	return p
}

// PJSIPPeers reads res_pjsip parties from pjsip.conf, section by section
// (pjsip.conf reuses one name for an endpoint, its aor and its auth), with
// templates honoured: endpoints (context, their auth section's username,
// and the host of their first AOR's first contact), AORs (one Peer per
// contact=sip:user@host:port, or one without a host), registrations
// (server_uri= host and port, client_uri= user), identify sections (match=
// list as Host, endpoint= in Detail) and wizards (remote_hosts=).
func PJSIPPeers(c *Conf) []Peer {
	var out []Peer
	for i := range c.Sections {
		s := &c.Sections[i]
		if s.Name == "" || s.IsTemplate {
			continue
		}
		get := func(key string) string { v, _ := c.SectionGet(s, key); return v }
		typ := strings.ToLower(get("type"))
		p := Peer{Name: s.Name, Type: typ, Source: "pjsip", Line: s.Line}
		switch typ {
		case "endpoint":
			p.Context = get("context")
			auth := c.typedSection(firstListItem(firstOf(get("outbound_auth"), get("auth"))), "auth")
			p.Username, _ = c.SectionGet(auth, "username")
			aor := c.typedSection(firstListItem(get("aors")), "aor")
			if contacts := c.SectionValues(aor, "contact"); len(contacts) > 0 {
				_, p.Host, p.Port = parseSIPURI(firstListItem(contacts[0]))
			}
			p.Detail = details(get, "aors", "auth", "outbound_auth", "from_user", "from_domain", "callerid", "outbound_proxy")
		case "aor":
			contacts := c.SectionValues(s, "contact")
			if len(contacts) == 0 {
				out = append(out, p)
				continue
			}
			for _, list := range contacts {
				for _, uri := range strings.Split(list, ",") {
					q := p
					q.Username, q.Host, q.Port = parseSIPURI(uri)
					out = append(out, q)
				}
			}
			continue
		case "registration":
			_, p.Host, p.Port = parseSIPURI(get("server_uri"))
			p.Username, _, _ = parseSIPURI(get("client_uri"))
			if p.Username == "" {
				p.Username, _ = c.SectionGet(c.typedSection(firstListItem(get("outbound_auth")), "auth"), "username")
			}
			p.Detail = details(get, "server_uri", "client_uri", "contact_user", "outbound_proxy")
		case "identify":
			p.Host = strings.Join(c.SectionValues(s, "match"), ",")
			p.Detail = details(get, "endpoint")
		case "wizard":
			p.Host, p.Port = splitHostPort(firstListItem(get("remote_hosts")))
			p.Username = get("outbound_auth/username")
			p.Context = get("endpoint/context")
			p.Detail = details(get, "sends_auth", "sends_registrations", "accepts_registrations")
		default:
			continue
		}
		out = append(out, p)
	}
	return out
}

// typedSection finds the section called name whose type= is typ: in c's
// own sections, else in those of its family (c.Linked), as res_pjsip finds
// an object wherever the files it reads as one define it.
func (c *Conf) typedSection(name, typ string) *Section {
	if name == "" {
		return nil
	}
	for _, secs := range [][]Section{c.Sections, c.Linked} {
		for i := range secs {
			s := &secs[i]
			if !s.IsTemplate && strings.EqualFold(s.Name, name) {
				if t, _ := c.SectionGet(s, "type"); strings.EqualFold(t, typ) {
					return s
				}
			}
		}
	}
	return nil
}

// parseSIPURI reads sip:user@host:port;params (scheme, angle brackets and
// parameters optional).
func parseSIPURI(uri string) (user, host, port string) {
	u := strings.TrimSpace(uri)
	u = strings.TrimSuffix(strings.TrimPrefix(u, "<"), ">")
	if i := strings.IndexByte(u, ':'); i > 0 && (strings.EqualFold(u[:i], "sip") || strings.EqualFold(u[:i], "sips")) {
		u = u[i+1:]
	}
	if i := strings.IndexAny(u, ";?>"); i >= 0 {
		u = u[:i]
	}
	if at := strings.LastIndexByte(u, '@'); at >= 0 {
		user, u = u[:at], u[at+1:]
		user, _, _ = strings.Cut(user, ":")
	}
	host, port = splitHostPort(u)
	return user, host, port
}

// splitHostPort splits "host:port" and "[v6]:port"; a bare IPv6 address
// or a host without a port comes back whole with port "".
func splitHostPort(s string) (host, port string) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") {
		if end := strings.IndexByte(s, ']'); end > 0 {
			host, rest := s[1:end], s[end+1:]
			if strings.HasPrefix(rest, ":") && isDigits(rest[1:]) {
				return host, rest[1:]
			}
			return host, ""
		}
	}
	if strings.Count(s, ":") == 1 {
		h, p, _ := strings.Cut(s, ":")
		if isDigits(p) {
			return h, p
		}
	}
	return s, ""
}

// details joins the set keys as "key=value" separated by spaces.
func details(get func(string) string, keys ...string) string {
	var parts []string
	for _, k := range keys {
		if v := get(k); v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, " ")
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// firstListItem returns the first item of a comma-separated list, trimmed.
func firstListItem(s string) string {
	first, _, _ := strings.Cut(s, ",")
	return strings.TrimSpace(first)
}
