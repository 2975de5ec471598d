package hostimage

import "testing"

func TestLocate(t *testing.T) {
	cases := []struct {
		path, root string
		place      Place
		phase      int
	}{
		{"/mnt/img/var/log/asterisk/cdr-csv/Master.csv", "/mnt/img", PlaceCDR, 2},
		{"/mnt/img/var/log/asterisk/cdr-csv/100.csv", "/mnt/img", PlaceCDR, 3},
		{"/mnt/img/var/log/asterisk/cdr-custom/Master.csv", "/mnt/img", PlaceCDR, 2},
		{"/mnt/img/var/log/asterisk/messages.1.gz", "/mnt/img", PlaceLog, 4},
		{"/mnt/img/var/log/asterisk/full", "/mnt/img", PlaceLog, 4},
		{"/mnt/img/var/log/asterisk/queue_log", "/mnt/img", PlaceQueueLog, 3},
		{"/mnt/img/etc/asterisk/dongle.conf", "/mnt/img", PlaceConf, 1},
		{"/mnt/img/etc/asterisk/sip.conf~", "/mnt/img", PlaceConf, 1},
		{"/mnt/img/etc/asterisk/README", "", PlaceNone, 3},
		{"/mnt/img/etc/timezone", "/mnt/img", PlaceTimezone, 0},
		{"/etc/localtime", "/", PlaceLocaltime, 0},
		{"/mnt/img/root/.bash_history", "/mnt/img", PlaceHistory, 5},
		{"/mnt/img/home/ivan/.bash_history", "/mnt/img", PlaceHistory, 5},
		{"/mnt/img/tmp/.bash_history", "", PlaceNone, 3},
		{"/cases/x/sip.conf", "", PlaceNone, 1},
		{"/cases/x/messages.head", "", PlaceNone, 4},
		{"/mnt/img/var/log/asterisk/master.db", "/mnt/img", PlaceCDRDB, 3},
		{"/mnt/img/var/log/syslog", "/mnt/img", PlaceSyslog, 3},
		{"/mnt/img/var/log/syslog.2.gz", "/mnt/img", PlaceSyslog, 3},
		{"/mnt/img/var/log/messages-20250105", "/mnt/img", PlaceSyslog, 4},
		{"/mnt/img/var/log/kamailio.log", "/mnt/img", PlaceSyslog, 3},
		{"/mnt/img/var/log/nginx/syslog", "", PlaceNone, 3},
	}
	for _, c := range cases {
		root, place, ok := Locate(c.path)
		if root != c.root || place != c.place || ok != (c.place != PlaceNone) {
			t.Errorf("%s: %q %q %v", c.path, root, place, ok)
		}
		if got := Phase(c.path); got != c.phase {
			t.Errorf("%s: phase %d, want %d", c.path, got, c.phase)
		}
	}
}

func TestConfStemAndUser(t *testing.T) {
	for _, c := range []struct {
		base, stem string
		backup     bool
	}{{"sip.conf", "sip", false}, {"sip.conf~", "sip", true}, {"extensions.conf.bak", "extensions", true}, {".conf", "", false}, {"notes.txt", "", false}} {
		if stem, backup := ConfStem(c.base); stem != c.stem || backup != c.backup {
			t.Errorf("%s: %q %v", c.base, stem, backup)
		}
	}
	for p, want := range map[string]string{"/i/root/.bash_history": "root", "/i/home/ivan/.zsh_history": "ivan", "/x/.bash_history": ""} {
		if got := HistoryUser(p); got != want {
			t.Errorf("%s: %q, want %q", p, got, want)
		}
	}
}
