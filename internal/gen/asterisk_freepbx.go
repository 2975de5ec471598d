package gen

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// PBXFreePBX is Config.PBX for a FreePBX/Issabel-style office PBX instead
// of the chan_dongle gateway.
const PBXFreePBX = "freepbx"

// The FreePBX image's fixed parts: a zone without summer time, a SIP and a
// PJSIP trunk with their outside-line prefixes, a queue.
const (
	fpbxZone       = "America/Regina" // UTC-06:00 all year
	fpbxOffset     = -6 * 3600
	fpbxSIPTrunk   = "sipus1"
	fpbxSIPHost    = "sip.carrier.example"
	fpbxPJSIPTrunk = "pjtrunk"
	fpbxPJSIPHost  = "198.51.100.20"
	fpbxQueue      = "400"
	fpbxDID        = "3065550100"
	tagFreePBX     = 1002
)

// PBXCallTruth is one planted call of the FreePBX variant: who it went to
// and which way, as an import must find it.
type PBXCallTruth struct {
	Line      int    `json:"line"` // in Master.csv
	UniqueID  string `json:"uniqueid"`
	Start     int64  `json:"start"` // Unix seconds
	Src       string `json:"src"`
	Dst       string `json:"dst"`       // as written (with the outside-line prefix)
	Recipient string `json:"recipient"` // the number dialled on the trunk, or the DID / extension
	Direction string `json:"direction"`
	Kind      string `json:"kind"` // out-sip, out-pjsip, internal, inbound, queue
}

// QueueTruth is what the queue_log says of the queue.
type QueueTruth struct {
	Queue     string         `json:"queue"`
	Entered   int            `json:"entered"`
	Answered  int            `json:"answered"`
	Abandoned int            `json:"abandoned"`
	ByAgent   map[string]int `json:"answered_by_agent"`
}

// fpbxCall is one planned call.
type fpbxCall struct {
	t          int64 // Unix seconds
	kind       string
	ext, other string // the extension and the other party (number or extension)
	ring, bill int64
	agent      string // queue: who answered ("" abandoned)
}

// writeFreePBXImage writes image/ as a FreePBX-style PBX: trunks in
// sip_additional.conf (through sip.conf's #include) and pjsip.conf, an
// outbound route per trunk stripping its prefix (${EXTEN:1}),
// from-did-direct extension calls, a queue, cdr.conf's usegmtime=yes (so
// Master.csv is in UTC while the host's zone is America/Regina), a JSON
// log and a queue_log. The truth lists every call's recipient and
// direction.
func writeFreePBXImage(dir string, w *world, t *Truth) error {
	r := newRNG(w.cfg.Seed, tagFreePBX)
	exts := []string{"201", "202", "203", "204"}
	var calls []fpbxCall
	day0 := time.Date(w.cfg.Start.Year(), w.cfg.Start.Month(), w.cfg.Start.Day(), 0, 0, 0, 0, time.UTC).Unix() - fpbxOffset
	for d := 0; d < w.cfg.Days; d++ {
		n := r.between(8, 16)
		for i := 0; i < n; i++ {
			c := fpbxCall{t: day0 + int64(d)*86400 + int64(r.between(8*3600, 18*3600)), ring: int64(r.between(2, 20)), bill: int64(r.between(0, 600))}
			c.ext = exts[r.intn(len(exts))]
			switch p := r.float(); {
			case p < 0.35:
				c.kind, c.other = "out-sip", usNumber(r)
			case p < 0.5:
				c.kind, c.ext, c.other = "out-pjsip", "301", usNumber(r)
			case p < 0.7:
				c.kind = "internal"
				for c.other = exts[r.intn(len(exts))]; c.other == c.ext; c.other = exts[r.intn(len(exts))] {
				}
			case p < 0.85:
				c.kind, c.other = "inbound", usNumber(r)
			default:
				c.kind, c.other = "queue", usNumber(r)
				if r.chance(0.7) {
					c.agent = exts[r.intn(2)]
				}
			}
			if c.kind == "queue" && c.agent == "" || r.chance(0.1) {
				c.bill = 0
			}
			calls = append(calls, c)
		}
	}
	sort.SliceStable(calls, func(i, j int) bool { return calls[i].t < calls[j].t })
	at := &AsteriskTruth{Root: ImageDir, Zone: fpbxZone, ZoneOffset: fpbxOffset, Variant: PBXFreePBX,
		SIPPeer: fpbxSIPTrunk, SIPHost: fpbxSIPHost, Dispositions: map[string]int{}, PerDay: map[string]int{}}
	master, json, queue := fpbxRecords(calls, at)
	files := map[string]string{
		"etc/timezone":                            fpbxZone + "\n",
		"etc/asterisk/cdr.conf":                   "[general]\nenable=yes\n\n[csv]\nusegmtime=yes    ; log date/time in GMT.  Default is \"no\"\nloguniqueid=yes\nloguserfield=yes\naccountlogs=yes\n",
		"etc/asterisk/logger.conf":                "[general]\nqueue_log=yes\n\n[logfiles]\nfull => [json]notice,warning,error,verbose\n",
		"etc/asterisk/sip.conf":                   "[general]\n#include sip_general_additional.conf\n#include sip_additional.conf\n#include sip_custom.conf\n",
		"etc/asterisk/sip_additional.conf":        fpbxSIPAdditional(exts),
		"etc/asterisk/pjsip.conf":                 fpbxPJSIP(),
		"etc/asterisk/extensions.conf":            "#include extensions_additional.conf\n#include extensions_custom.conf\n\n[general]\nstatic=yes\nwriteprotect=no\n",
		"etc/asterisk/extensions_additional.conf": fpbxDialPlan(exts),
		"etc/asterisk/extensions_custom.conf":     "[from-internal-custom]\nexten => 1234,1,Playback(demo-congrats)\n",
		"var/log/asterisk/cdr-csv/Master.csv":     master,
		"var/log/asterisk/full":                   json,
		"var/log/asterisk/queue_log":              queue,
	}
	bodies := make(map[string][]byte, len(files))
	for rel, body := range files {
		bodies[rel] = []byte(body)
	}
	written, err := writeImage(filepath.Join(dir, ImageDir+partial), bodies)
	if err != nil {
		return err
	}
	at.Files = append(at.Files, written...)
	sort.Strings(at.Files)
	t.Asterisk = at
	return nil
}

// usNumber is a ten-digit NANP number (NXX-NXX-XXXX).
func usNumber(r *rng) string {
	return fmt.Sprintf("%d%02d%d%02d%04d", r.between(2, 9), r.intn(100), r.between(2, 9), r.intn(100), r.intn(10000))
}

func fpbxSIPAdditional(exts []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s]\nusername=%s\ntype=peer\nsecret=Tr0nk\nhost=%s\ncontext=from-trunk\ninsecure=port,invite\nqualify=yes\n\n", fpbxSIPTrunk, fpbxDID, fpbxSIPHost)
	for _, e := range exts {
		fmt.Fprintf(&b, "[%s]\ndeny=0.0.0.0/0.0.0.0\nsecret=x%s\ndtmfmode=rfc2833\ncontext=from-internal\ntype=friend\nhost=dynamic\ncallerid=device <%s>\n\n", e, e, e)
	}
	return b.String()
}

func fpbxPJSIP() string {
	return "[" + fpbxPJSIPTrunk + "]\ntype=endpoint\ntransport=0.0.0.0-udp\ncontext=from-pstn\ndisallow=all\nallow=ulaw\naors=" + fpbxPJSIPTrunk + "\noutbound_auth=" + fpbxPJSIPTrunk + "\n\n" +
		"[" + fpbxPJSIPTrunk + "]\ntype=aor\ncontact=sip:" + fpbxPJSIPHost + ":5060\n\n" +
		"[" + fpbxPJSIPTrunk + "]\ntype=registration\nserver_uri=sip:" + fpbxPJSIPHost + ":5060\nclient_uri=sip:" + fpbxDID + "@" + fpbxPJSIPHost + "\noutbound_auth=" + fpbxPJSIPTrunk + "\n\n" +
		"[301]\ntype=endpoint\naors=301\nauth=301\ncontext=from-internal\ncallerid=Reception <301>\n\n[301]\ntype=aor\nmax_contacts=1\n"
}

func fpbxDialPlan(exts []string) string {
	var b strings.Builder
	b.WriteString("[outrt-1] ; SIP out, dial 9\ninclude => outrt-1-custom\n")
	b.WriteString("exten => _9NXXNXXXXXX,1,Macro(user-callerid,LIMIT,EXTERNAL,)\nexten => _9NXXNXXXXXX,n,Set(_NODEST=)\nexten => _9NXXNXXXXXX,n,Macro(dialout-trunk,1,${EXTEN:1},,off)\nexten => _9NXXNXXXXXX,n,Macro(outisbusy,)\n\n")
	b.WriteString("[outrt-2] ; PJSIP out, dial 8\ninclude => outrt-2-custom\n")
	b.WriteString("exten => _8NXXNXXXXXX,1,Macro(user-callerid,LIMIT,EXTERNAL,)\nexten => _8NXXNXXXXXX,n,Macro(dialout-trunk,2,${EXTEN:1},,off)\n\n")
	b.WriteString("[from-did-direct]\ninclude => ext-findmefollow\ninclude => ext-local\n\n[ext-local]\n")
	for _, e := range append(exts, "301") {
		fmt.Fprintf(&b, "exten => %s,1,Set(__RINGTIMER=${IF($[${DB(AMPUSER/%s/ringtimer)} > 0]?${DB(AMPUSER/%s/ringtimer)}:${RINGTIMER_DEFAULT})})\nexten => %s,n,Macro(exten-vm,%s,%s,0,0,0)\n", e, e, e, e, e, e)
	}
	b.WriteString("\n[ext-queues]\nexten => " + fpbxQueue + ",1,Macro(user-callerid,)\nexten => " + fpbxQueue + ",n,Queue(" + fpbxQueue + ",t,,,300)\n\n")
	b.WriteString("[ext-did-0002]\nexten => " + fpbxDID + ",1,Set(__FROM_DID=${EXTEN})\nexten => " + fpbxDID + ",n,Goto(from-did-direct,201,1)\n")
	return b.String()
}

// fpbxRecords writes Master.csv (cdr_csv, 18 columns, UTC), the JSON log
// and the queue_log, and fills the truth.
func fpbxRecords(calls []fpbxCall, at *AsteriskTruth) (master, jsonLog, queue string) {
	var m, j, q strings.Builder
	qt := &QueueTruth{Queue: fpbxQueue, ByAgent: map[string]int{}}
	byNumber := map[string]*RecipientTruth{}
	q.WriteString(fmt.Sprintf("%d|NONE|NONE|NONE|QUEUESTART|\n", calls[0].t-3600))
	utc := func(s int64) string { return time.Unix(s, 0).UTC().Format(WallLayoutCDR) }
	for i, c := range calls {
		uid := fmt.Sprintf("%d.%d", c.t, 2*i)
		ch := fmt.Sprintf("SIP/%s-%08x", c.ext, 2*i)
		dstch := ""
		var src, dst, ctx, clid, app, data, recipient, dir string
		switch c.kind {
		case "out-sip":
			src, dst, ctx, recipient, dir = c.ext, "9"+c.other, "from-internal", c.other, "outbound"
			clid = fmt.Sprintf(`"device" <%s>`, c.ext)
			dstch, app, data = fmt.Sprintf("SIP/%s-%08x", fpbxSIPTrunk, 2*i+1), "Dial", fmt.Sprintf("SIP/%s/%s,300,Tt", fpbxSIPTrunk, c.other)
		case "out-pjsip":
			ch = fmt.Sprintf("PJSIP/301-%08x", 2*i)
			src, dst, ctx, recipient, dir = c.ext, "8"+c.other, "from-internal", c.other, "outbound"
			clid = `"Reception" <301>`
			dstch, app, data = fmt.Sprintf("PJSIP/%s-%08x", fpbxPJSIPTrunk, 2*i+1), "Dial", fmt.Sprintf("PJSIP/%s@%s,300,Tt", c.other, fpbxPJSIPTrunk)
		case "internal":
			src, dst, ctx, recipient, dir = c.ext, c.other, "from-did-direct", c.other, "internal"
			clid = fmt.Sprintf(`"device" <%s>`, c.ext)
			dstch, app, data = fmt.Sprintf("SIP/%s-%08x", c.other, 2*i+1), "Dial", fmt.Sprintf("SIP/%s,,HhtrM(auto-blkvm)", c.other)
		case "inbound":
			ch = fmt.Sprintf("SIP/%s-%08x", fpbxSIPTrunk, 2*i)
			src, dst, ctx, recipient, dir = c.other, fpbxDID, "from-trunk", fpbxDID, "inbound"
			clid = fmt.Sprintf(`"%s" <%s>`, c.other, c.other)
			dstch, app, data = fmt.Sprintf("SIP/%s-%08x", c.ext, 2*i+1), "Dial", fmt.Sprintf("SIP/%s,,HhtrM(auto-blkvm)", c.ext)
		case "queue":
			ch = fmt.Sprintf("SIP/%s-%08x", fpbxSIPTrunk, 2*i)
			src, dst, ctx, recipient, dir = c.other, fpbxQueue, "ext-queues", fpbxQueue, "inbound"
			clid = fmt.Sprintf(`"%s" <%s>`, c.other, c.other)
			app, data = "Queue", fpbxQueue+",t,,,300"
			if c.agent != "" {
				dstch = fmt.Sprintf("SIP/%s-%08x", c.agent, 2*i+1)
			}
		}
		disp, answer := "ANSWERED", ""
		if c.bill > 0 {
			answer = utc(c.t + c.ring)
		} else {
			disp = "NO ANSWER"
		}
		end := c.t + c.ring + c.bill
		writeCDR(&m, cdrRow{src: src, dst: dst, ctx: ctx, clid: clid, ch: ch, dstch: dstch, app: app, data: data,
			start: utc(c.t), answer: answer, end: utc(end), duration: c.ring + c.bill, bill: c.bill, disposition: disp, uniqueid: uid})
		local := time.Unix(c.t, 0).UTC().Add(fpbxOffset * time.Second).Format("2006-01-02 15:04:05.000")
		fmt.Fprintf(&j, `{"hostname":"freepbx","timestamp":"%s","identifiers":{"lwp":"%d","callid":"C-%08x"},"logmsg":{"location":{"filename":"pbx.c","function":"pbx_extension_helper","line":2917},"level":"VERBOSE","message":"Executing [%s@%s:1] %s(\"%s\", \"%s\") in new stack"}}`+"\n",
			local, 4000+i%50, i, dst, ctx, app, ch, strings.ReplaceAll(data, `"`, `\"`))
		if c.kind == "queue" {
			qt.Entered++
			fmt.Fprintf(&q, "%d|%s|%s|NONE|ENTERQUEUE||%s|1\n", c.t, uid, fpbxQueue, c.other)
			if c.agent != "" {
				qt.Answered++
				qt.ByAgent["SIP/"+c.agent]++
				fmt.Fprintf(&q, "%d|%s|%s|SIP/%s|CONNECT|%d|%d.%d|%d\n", c.t+c.ring, uid, fpbxQueue, c.agent, c.ring, c.t, 2*i+1, c.ring)
				fmt.Fprintf(&q, "%d|%s|%s|SIP/%s|COMPLETECALLER|%d|%d|1\n", end, uid, fpbxQueue, c.agent, c.ring, c.bill)
			} else {
				qt.Abandoned++
				fmt.Fprintf(&q, "%d|%s|%s|NONE|ABANDON|1|1|%d\n", end, uid, fpbxQueue, c.ring)
			}
		}
		at.Calls++
		at.BillSec += c.bill
		at.Dispositions[disp]++
		at.PerDay[time.Unix(c.t, 0).UTC().Add(fpbxOffset*time.Second).Format("2006-01-02")]++
		at.CallsTruth = append(at.CallsTruth, PBXCallTruth{Line: i + 1, UniqueID: uid, Start: c.t, Src: src, Dst: dst,
			Recipient: recipient, Direction: dir, Kind: c.kind})
		rt := byNumber[recipient]
		if rt == nil {
			rt = &RecipientTruth{Number: recipient}
			byNumber[recipient] = rt
		}
		rt.Calls++
		rt.BillSec += c.bill
	}
	at.Top = topRecipients(byNumber)
	at.Queue = qt
	at.LogEntries = len(calls)
	return m.String(), j.String(), q.String()
}
