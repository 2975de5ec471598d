// Package asterisk parses the artefacts an Asterisk PBX leaves behind: call
// records (cdr_csv and cdr_custom Master.csv files, and FreeSWITCH's
// mod_cdr_csv file of the same name, which it recognises so it is never
// mistaken for Asterisk), the daemon log (/var/log/asterisk/messages) and the
// .conf files that name the GSM modems, dial plan and SIP peers
// (dongle.conf, extensions.conf, sip.conf, pjsip.conf, with include =>
// time windows), queue_log, and Channel Event Logging by the mapping that
// wrote it (cel_custom.conf, a table's header, cel_sqlite3_custom.conf).
//
// It is pure parsing: callers hand in an io.Reader (and, for detection, the
// first bytes of a file); nothing here opens files, touches a database or
// draws on a terminal. Bytes that are not UTF-8 are carried through
// unchanged in Go strings, because evidence must not be rewritten.
package asterisk
