package asterisk

import "strings"

// UsersPeers reads the parties users.conf creates (the Asterisk GUI's and
// AsteriskNOW's shorthand, read by chan_sip and chan_iax2): every section
// but [general] and [authentication] is a SIP friend when hassip is true and
// an IAX2 friend when hasiax is true, each key falling back to [general]'s
// value (the defaults of every user); host defaults to dynamic, as a
// users.conf user is a phone that registers unless host= names a server
// (the GUI's trunks, [trunk_1] host=...). The Source of each Peer is "sip"
// or "iax"; Detail carries users.conf's own trunkname and cid_number.
func UsersPeers(c *Conf) []Peer {
	var out []Peer
	done := map[string]bool{}
	for _, s := range c.Sections {
		lname := strings.ToLower(s.Name)
		if s.Name == "" || s.IsTemplate || lname == "general" || lname == "authentication" || done[lname] {
			continue
		}
		done[lname] = true
		get := func(key string) string {
			if v, ok := c.Get(s.Name, key); ok {
				return v
			}
			v, _ := c.Get("general", key)
			return v
		}
		for _, tech := range []struct{ key, source string }{{"hassip", "sip"}, {"hasiax", "iax"}} {
			if !IsTrue(get(tech.key)) {
				continue
			}
			p := Peer{Name: s.Name, Type: "friend", Context: get("context"), Source: tech.source, Line: s.Line}
			host := get("host")
			if host == "" {
				host = "dynamic"
			}
			p.Host, p.Port = host, get("port")
			if p.Port == "" && host != "dynamic" {
				p.Host, p.Port = splitHostPort(host)
			}
			p.Username = firstOf(get("username"), get("defaultuser"))
			p.Detail = details(get, "trunkname", "cid_number", "callerid", "fromdomain", "outboundproxy")
			out = append(out, p)
		}
	}
	return out
}
