package gen

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// writeAsteriskImage writes the seized PC's tree under dir/image (as
// image.partial until finish renames it) and the PBX's truth: the zone
// (etc/timezone and an etc/localtime link), etc/asterisk/{dongle,
// extensions,sip}.conf, var/log/asterisk/cdr-csv/{Master,100}.csv, the
// daemon log split into messages and a gzipped messages.1.gz, and two
// users' shell histories.
func writeAsteriskImage(dir string, w *world, t *Truth) error {
	r := newRNG(w.cfg.Seed, tagAsterisk)
	modems := planModems(w, t, r)
	calls := planCalls(w, r, modems)
	at := &AsteriskTruth{Root: ImageDir, Zone: imageZone, ZoneOffset: imageOffset, Modems: modems,
		SIPPeer: pbxPeerName, SIPHost: pbxPeerHost}
	describeCalls(w, at, calls)
	files := map[string][]byte{
		"etc/timezone":                        []byte(imageZone + "\n"),
		"etc/asterisk/dongle.conf":            []byte(dongleConf(modems)),
		"etc/asterisk/extensions.conf":        []byte(extensionsConf(modems)),
		"etc/asterisk/sip.conf":               []byte(sipConf()),
		"var/log/asterisk/cdr-csv/Master.csv": []byte(cdrFile(w, calls, modems, false)),
		"var/log/asterisk/cdr-csv/100.csv":    []byte(cdrFile(w, calls, modems, true)),
	}
	log := messagesLog(w, calls, modems)
	files["var/log/asterisk/messages"] = []byte(log.current)
	if log.rotated != "" {
		gz, err := gzipBytes([]byte(log.rotated))
		if err != nil {
			return err
		}
		files["var/log/asterisk/messages.1.gz"] = gz
	}
	at.LogEntries, at.LogYear = log.entries, w.wall(log.last).Year()
	rootHist, userHist, lines := histories(w)
	files["root/.bash_history"], files["home/gsm/.bash_history"] = []byte(rootHist), []byte(userHist)
	at.HistoryLines = lines
	root := filepath.Join(dir, ImageDir+partial)
	written, err := writeImage(root, files)
	if err != nil {
		return err
	}
	at.Files = append(at.Files, written...)
	if err := os.Symlink(imageZoneLink, filepath.Join(root, "etc", "localtime")); err != nil {
		return err
	}
	at.Files = append(at.Files, "etc/localtime")
	sort.Strings(at.Files)
	t.Asterisk = at
	return nil
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeImage writes an image's files under root (made afresh) and lists
// what it wrote.
func writeImage(root string, files map[string][]byte) ([]string, error) {
	if err := os.RemoveAll(root); err != nil {
		return nil, err
	}
	var written []string
	for rel, body := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			return nil, err
		}
		written = append(written, rel)
	}
	return written, nil
}

// quote writes a cdr_csv string: in double quotes, inner quotes doubled.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// cdrRow is one cdr_csv row of 18 columns (loguniqueid and loguserfield
// on): times already written as the file's clock has them, answer "" for
// a call never answered.
type cdrRow struct {
	acct, src, dst, ctx, clid, ch, dstch, app, data string
	start, answer, end                              string
	duration, bill                                  int64
	disposition, uniqueid                           string
}

// writeCDR appends r to b as cdr_csv writes it: strings quoted, the
// durations bare, an empty answer left unquoted.
func writeCDR(b *strings.Builder, r cdrRow) {
	answer := ""
	if r.answer != "" {
		answer = quote(r.answer)
	}
	fields := []string{quote(r.acct), quote(r.src), quote(r.dst), quote(r.ctx), quote(r.clid), quote(r.ch), quote(r.dstch),
		quote(r.app), quote(r.data), quote(r.start), answer, quote(r.end), strconv.FormatInt(r.duration, 10),
		strconv.FormatInt(r.bill, 10), quote(r.disposition), quote("DOCUMENTATION"), quote(r.uniqueid), quote("")}
	b.WriteString(strings.Join(fields, ","))
	b.WriteByte('\n')
}

// cdrFile writes Master.csv (every call) or, with account, 100.csv (the
// calls of operator 100, which cdr_csv copies there too): 18 columns,
// loguniqueid and loguserfield on, no header.
func cdrFile(w *world, calls []pbxCall, modems []ModemTruth, account bool) string {
	var b strings.Builder
	planted := false // one caller ID carries bytes that are not UTF-8
	for i, c := range calls {
		if account && !c.account {
			continue
		}
		m := modems[c.modem]
		dongle := fmt.Sprintf("Dongle/%s-01%s", m.Name, channelID(2*i+1))
		sip := "SIP/" + pbxPeerName + "-" + channelID(2*i)
		var acct, src, dst, ctx, clid, ch, dstch, data string
		if c.inbound {
			src, dst, ctx, ch, dstch = c.victim, m.Number, "from-dongle", dongle, sip
			name := c.victim
			if !planted {
				name, planted = c.victim[:10]+"\xa5\xa5", true
			}
			clid, data = fmt.Sprintf(`"%s" <%s>`, name, c.victim), "SIP/"+pbxPeerName+"/7002,30"
		} else {
			src = "7002"
			if c.account {
				acct, src = pbxAccount, pbxAccount
			}
			dst = c.victim
			if c.glued {
				dst = src + c.victim
			}
			ctx, ch, dstch = "from-pbx", sip, dongle
			clid, data = fmt.Sprintf(`"Operator" <%s>`, src), fmt.Sprintf("Dongle/%s/%s,60", m.Name, c.victim)
		}
		answer := ""
		if c.disposition == "ANSWERED" {
			answer = w.wall(c.t + c.ring).Format(WallLayoutCDR)
		}
		writeCDR(&b, cdrRow{acct: acct, src: src, dst: dst, ctx: ctx, clid: clid, ch: ch, dstch: dstch, app: "Dial", data: data,
			start: w.wall(c.t).Format(WallLayoutCDR), answer: answer, end: w.wall(c.t + c.ring + c.bill).Format(WallLayoutCDR),
			duration: c.ring + c.bill, bill: c.bill, disposition: c.disposition,
			uniqueid: fmt.Sprintf("%d.%d", w.cfg.Start.Unix()+c.t-imageOffset, c.seq)})
	}
	return b.String()
}

// WallLayoutCDR is how cdr_csv writes times ("%Y-%m-%d %T").
const WallLayoutCDR = "2006-01-02 15:04:05"

func dongleConf(modems []ModemTruth) string {
	var b strings.Builder
	b.WriteString("[general]\ninterval=15\t\t\t; number of seconds between trying to connect to devices\n\n")
	b.WriteString("[defaults]\n; default values for all devices\ncontext=from-dongle\ngroup=0\nrxgain=0\ntxgain=0\n" +
		"autodeletesms=yes\nresetdongle=yes\nu2diag=-1\nusecallingpres=yes\ncallingpres=allowed_passed_screen\n" +
		"disablesms=no\nlanguage=en\nsmsaspdu=yes\ncallwaiting=auto\ndisable=no\ninitstate=start\nexten=+1234567890\ndtmf=relax\n")
	for i, m := range modems {
		fmt.Fprintf(&b, "\n[%s]\naudio=/dev/ttyUSB%d\t\t; tty port for audio connection\ndata=/dev/ttyUSB%d\t\t; tty port for AT commands\n"+
			"imei=%s\nimsi=%s\nexten=%s\n", m.Name, 3*i+1, 3*i+2, m.IMEI, m.IMSI, m.Number)
	}
	return b.String()
}

func extensionsConf(modems []ModemTruth) string {
	var b strings.Builder
	b.WriteString("[general]\nstatic=yes\nwriteprotect=no\n\n[globals]\nTRUNK=" + pbxPeerName + "\n\n")
	b.WriteString("[from-pbx]\n; the IP-PBX picks the modem by prefix: 7002 and 100 are its operators\n")
	for i, m := range modems {
		fmt.Fprintf(&b, "exten => _%dX.,1,Set(CALLERID(num)=%s)\nsame => n,Dial(Dongle/%s/${EXTEN:1},60)\nsame => n,Hangup()\n", i, m.Number, m.Name)
	}
	b.WriteString("\n[from-dongle]\n; victims calling back reach the operators\n")
	for _, m := range modems {
		fmt.Fprintf(&b, "exten => %s,1,Dial(SIP/%s/7002,30)\n", m.Number, pbxPeerName)
	}
	return b.String()
}

func sipConf() string {
	return "[general]\ncontext=default\nbindport=5060\nallowguest=no\nalwaysauthreject=yes\n\n" +
		"[" + pbxPeerName + "]\ntype=peer\nhost=" + pbxPeerHost + "\nport=" + pbxPeerPort + "\nusername=gw01\nsecret=Pa55w0rd\n" +
		"fromuser=gw01\ncontext=from-pbx\ninsecure=port,invite\ndisallow=all\nallow=alaw\nallow=ulaw\n"
}

// histories writes root's history (no times) and the gsm user's (with
// HISTTIMEFORMAT's #epoch lines), and counts their command lines.
func histories(w *world) (root, user string, lines int) {
	rootCmds := []string{"apt update", "apt install -y asterisk asterisk-dev git build-essential autoconf automake",
		"git clone https://github.com/wdoekes/asterisk-chan-dongle.git", "cd asterisk-chan-dongle",
		"./bootstrap && ./configure --with-astversion=16 && make && make install",
		"cp etc/dongle.conf /etc/asterisk/", "nano /etc/asterisk/dongle.conf", "nano /etc/asterisk/sip.conf",
		"nano /etc/asterisk/extensions.conf", "systemctl restart asterisk", "asterisk -rx \"dongle show devices\"",
		"tail -f /var/log/asterisk/messages", "history -c"}
	root = strings.Join(rootCmds, "\n") + "\n"
	userCmds := []string{"sudo asterisk -rvvv", "asterisk -rx \"dongle cmd dongle0 AT+CSQ\"", "ls -la /var/log/asterisk/cdr-csv/",
		"wc -l /var/log/asterisk/cdr-csv/Master.csv", "rm -f ~/calls_export.csv"}
	at := w.cfg.Start.Unix() + 8*hourSeconds - imageOffset // 08:00 on the first day, image clock
	var b strings.Builder
	for i, c := range userCmds {
		fmt.Fprintf(&b, "#%d\n%s\n", at+int64(i*97), c)
	}
	return root, b.String(), len(rootCmds) + len(userCmds)
}

// imageDirs are the directories a case directory may hold besides its
// files: the image, and the image being written.
var imageDirs = map[string]bool{ImageDir: true, ImageDir + partial: true}

// finishImage puts the image written as image.partial in place, removing
// the image of the case generated there before (prepareDir has checked the
// directory is the generator's own).
func finishImage(dir string, t *Truth) error {
	final := filepath.Join(dir, ImageDir)
	if err := os.RemoveAll(final); err != nil {
		return err
	}
	if t.Asterisk == nil {
		return nil
	}
	return os.Rename(filepath.Join(dir, ImageDir+partial), final)
}
