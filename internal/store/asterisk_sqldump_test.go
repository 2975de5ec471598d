package store

import (
	"strings"
	"testing"
)

// A mysqldump of FreePBX's asteriskcdrdb among the seized files: its cdr
// rows are INSERT statements, which are not read; the file is skipped
// saying so, which table and how to export it, not called an unknown
// operator layout to be named with --map.
func TestCDRSQLDumpRefused(t *testing.T) {
	dump := "-- MySQL dump 10.13  Distrib 5.5.68-MariaDB, for Linux (x86_64)\n--\n-- Host: localhost    Database: asteriskcdrdb\n" +
		"DROP TABLE IF EXISTS `cdr`;\nCREATE TABLE `cdr` (\n  `calldate` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',\n  `src` varchar(80) NOT NULL DEFAULT ''\n) ENGINE=MyISAM;\n" +
		"INSERT INTO `cdr` VALUES ('2024-03-01 10:00:00','201'),('2024-03-01 11:00:00','202');\n"
	st, byName := importImageByName(t, map[string]string{"backup/asteriskcdrdb.sql": dump})
	r := byName["asteriskcdrdb.sql"]
	if !strings.Contains(r.Skipped, "not read: an SQL dump (mysqldump) of the PBX table cdr (line 5)") || !strings.Contains(r.Skipped, "CSV HEADER") {
		t.Errorf("asteriskcdrdb.sql: skipped %q error %q", r.Skipped, r.Error)
	}
	var calls int
	st.DB().QueryRow("SELECT count(*) FROM ast_calls").Scan(&calls)
	if calls != 0 {
		t.Errorf("%d calls", calls)
	}
}
