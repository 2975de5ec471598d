package hostimage

import (
	"path"
	"path/filepath"
	"strings"
)

// Place is where the standard layout of a Linux PBX puts an artefact.
type Place string

// The places an import looks at.
const (
	PlaceNone      Place = ""
	PlaceTimezone  Place = "etc/timezone"                            // Debian's zone name file
	PlaceLocaltime Place = "etc/localtime"                           // the zone libc (and Asterisk) use
	PlaceConf      Place = "etc/asterisk/*.conf"                     // configuration
	PlaceCDR       Place = "var/log/asterisk/cdr-*/*"                // cdr_csv, cdr_custom
	PlaceLog       Place = "var/log/asterisk/messages*"              // daemon log, rotated and gzipped ones too
	PlaceHistory   Place = "root|home/*/.<shell>_history"            // shell history
	PlaceQueueLog  Place = "var/log/asterisk/queue_log*"             // app_queue's events
	PlaceCDRDB     Place = "var/log/asterisk/master.db"              // cdr_sqlite3(_custom)'s database
	PlaceSyslog    Place = "var/log/{syslog,messages,kamailio.log}*" // the system log (Kamailio's ACC lines)
)

// historyNames are the shell history files read.
var historyNames = map[string]bool{".bash_history": true, ".zsh_history": true, ".sh_history": true, ".history": true}

// Locate says where the file at p (an absolute path) sits in the standard
// layout and the root of the image it belongs to: "/mnt/image" for
// "/mnt/image/var/log/asterisk/cdr-csv/Master.csv". ok is false for a
// file the layout does not name and for a relative path; the content still
// decides what a file is.
func Locate(p string) (root string, place Place, ok bool) {
	if !filepath.IsAbs(p) {
		return "", PlaceNone, false
	}
	s := filepath.ToSlash(filepath.Clean(p))
	base := path.Base(s)
	switch {
	case strings.HasSuffix(s, "/etc/timezone"):
		return rootBefore(s, "/etc/timezone"), PlaceTimezone, true
	case strings.HasSuffix(s, "/etc/localtime"):
		return rootBefore(s, "/etc/localtime"), PlaceLocaltime, true
	case historyNames[base]:
		dir := path.Dir(s)
		if path.Base(dir) == "root" {
			return fromSlash(path.Dir(dir)), PlaceHistory, true
		}
		if home := path.Dir(dir); path.Base(home) == "home" {
			return fromSlash(path.Dir(home)), PlaceHistory, true
		}
		return "", PlaceNone, false
	}
	if i := strings.LastIndex(s, "/etc/asterisk/"); i >= 0 {
		if stem, _ := ConfStem(base); stem != "" || IsAELName(base) || IsLuaDialPlanName(base) {
			return fromSlash(s[:i]), PlaceConf, true
		}
		return "", PlaceNone, false
	}
	if i := strings.LastIndex(s, "/var/log/asterisk/"); i >= 0 {
		rest := s[i+len("/var/log/asterisk/"):]
		dir, _, nested := strings.Cut(rest, "/")
		switch {
		case nested && (dir == "cdr-csv" || dir == "cdr-custom"):
			return fromSlash(s[:i]), PlaceCDR, true
		case !nested && (strings.HasPrefix(base, "messages") || strings.HasPrefix(base, "full")):
			return fromSlash(s[:i]), PlaceLog, true
		case !nested && strings.HasPrefix(base, "queue_log"):
			return fromSlash(s[:i]), PlaceQueueLog, true
		case !nested && base == "master.db":
			return fromSlash(s[:i]), PlaceCDRDB, true
		}
	}
	if i := strings.LastIndex(s, "/var/log/"); i >= 0 && !strings.Contains(s[i+len("/var/log/"):], "/") {
		for _, name := range []string{"syslog", "messages", "kamailio.log", "opensips.log"} {
			if strings.HasPrefix(base, name) {
				return fromSlash(s[:i]), PlaceSyslog, true
			}
		}
	}
	return "", PlaceNone, false
}

func rootBefore(s, suffix string) string { return fromSlash(strings.TrimSuffix(s, suffix)) }

func fromSlash(s string) string {
	if s == "" {
		return string(filepath.Separator)
	}
	return filepath.FromSlash(s)
}

// backupSuffixes mark editor and admin copies of a configuration file.
var backupSuffixes = []string{"~", ".bak", ".orig", ".old", ".save", ".dpkg-old", ".dpkg-dist"}

// ConfStem returns the name of a configuration file without ".conf" and
// without a backup suffix ("sip.conf~" -> "sip", backup true); "" when the
// name is not a .conf file.
func ConfStem(base string) (stem string, backup bool) {
	for _, suf := range backupSuffixes {
		if strings.HasSuffix(base, suf) && len(base) > len(suf) {
			base, backup = strings.TrimSuffix(base, suf), true
			break
		}
	}
	if !strings.HasSuffix(base, ".conf") || len(base) == len(".conf") {
		return "", false
	}
	return strings.TrimSuffix(base, ".conf"), backup
}

// asteriskConfStems are configuration files of Asterisk and its usual
// modules, recognised by name wherever they sit.
var asteriskConfStems = map[string]bool{
	"dongle": true, "extensions": true, "sip": true, "pjsip": true, "iax": true, "chan_dongle": true,
	"quectel": true, "datacard": true, "cdr": true, "cdr_custom": true, "cdr_manager": true, "logger": true,
	"manager": true, "modules": true, "asterisk": true, "voicemail": true, "queues": true, "features": true,
	"rtp": true, "users": true, "sip_custom": true, "extensions_custom": true, "pjsip_wizard": true,
}

// IsAELName reports whether a file name is a dial plan in AEL, which
// pbx_ael reads (extensions.ael, and the .ael files it #includes).
func IsAELName(base string) bool {
	return strings.HasSuffix(base, ".ael") && len(base) > len(".ael")
}

// IsLuaDialPlanName reports whether a file name is a dial plan in Lua,
// which pbx_lua runs (extensions.lua and the .lua files it requires).
func IsLuaDialPlanName(base string) bool {
	return strings.HasSuffix(base, ".lua") && len(base) > len(".lua")
}

// IsAsteriskConfName reports whether a file name is one of Asterisk's
// configuration files (or a backup of one).
func IsAsteriskConfName(base string) bool {
	stem, _ := ConfStem(base)
	return asteriskConfStems[stem]
}

// HistoryUser names the user whose history a file is: "root" for
// .../root/.bash_history, the directory name under home/ otherwise, "" when
// the path says nothing.
func HistoryUser(p string) string {
	s := filepath.ToSlash(p)
	dir := path.Dir(s)
	if path.Base(dir) == "root" || path.Base(path.Dir(dir)) == "home" {
		return path.Base(dir)
	}
	return ""
}

// Phase orders the files of a walk so that what others need is read
// first: the zone (0), configuration (1), Master.csv files (2), everything
// else (3), daemon logs, whose year-less stamps take their year from the
// call records (4), and shell history (5). It decides nothing about what a
// file is.
func Phase(p string) int {
	_, place, _ := Locate(p)
	base := filepath.Base(p)
	switch {
	case place == PlaceTimezone || place == PlaceLocaltime:
		return 0
	case place == PlaceConf || IsAsteriskConfName(base):
		return 1
	case strings.EqualFold(base, "Master.csv"):
		return 2
	case place == PlaceLog || strings.HasPrefix(base, "messages"):
		return 4
	case place == PlaceHistory:
		return 5
	}
	return 3
}
