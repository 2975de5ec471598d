package asterisk

import (
	"strings"
	"testing"
)

// SQL dumps of a PBX's tables, as backups of FreePBX's asteriskcdrdb and
// of a PostgreSQL CDR database hold them, are recognised and refused with
// the table and line; a cdr table export with its header is not a dump.
func TestDetectSQLDump(t *testing.T) {
	for _, c := range []struct {
		name, head string
		ok         bool
		want       string
	}{
		{"mysqldump", "-- MySQL dump 10.13  Distrib 5.5.68-MariaDB, for Linux (x86_64)\n--\n-- Host: localhost    Database: asteriskcdrdb\n" +
			"DROP TABLE IF EXISTS `cdr`;\nCREATE TABLE `cdr` (\n  `calldate` datetime NOT NULL,\n", true, "(mysqldump) of the PBX table cdr (line 5)"},
		{"pg_dump COPY", "--\n-- PostgreSQL database dump\n--\n\nCOPY public.cel (id, eventtype, eventtime) FROM stdin;\n1\tCHAN_START\t2024-03-01 10:00:00\n",
			true, "(pg_dump) of the PBX table cel (line 5)"},
		{"sqlite .dump", "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE cdr (AcctId INTEGER PRIMARY KEY, clid VARCHAR(80));\nINSERT INTO cdr VALUES(1,'\"Ann\" <201>');\n",
			true, "an SQL dump of the PBX table cdr (line 3)"},
		{"other dump", "-- MySQL dump 10.13\nCREATE TABLE `users` (\n", true, "if it holds a PBX's tables"},
		{"cdr export", "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition\n" +
			"2024-03-01 10:00:00,\"\"\"Ann\"\" <201>\",201,203,phones,SIP/201-1,SIP/203-2,Dial,\"SIP/203,30\",32,30,ANSWERED\n", false, ""},
	} {
		ok, reason := DetectSQLDump([]byte(c.head))
		if ok != c.ok || !strings.Contains(reason, c.want) {
			t.Errorf("%s: %v %q, want %v and %q", c.name, ok, reason, c.ok, c.want)
		}
	}
}
