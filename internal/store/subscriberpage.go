package store

// SubscriberSort names the column the Overview's subscriber list is
// ordered by on a case on ClickHouse (a local case orders its summary
// table by the same expressions).
type SubscriberSort string

// The orders of the subscriber list.
const (
	SortMSISDN   SubscriberSort = "msisdn"
	SortRecords  SubscriberSort = "records"
	SortData     SubscriberSort = "data"
	SortVoice    SubscriberSort = "voice"
	SortCalls    SubscriberSort = "calls"
	SortSMS      SubscriberSort = "sms"
	SortContacts SubscriberSort = "contacts"
	SortFirst    SubscriberSort = "first"
	SortLast     SubscriberSort = "last"
	SortIMEIs    SubscriberSort = "imeis"
	SortCells    SubscriberSort = "cells"
)

// SubscriberPageQuery asks for one page of the subscriber list, keyset
// paged: the rows after (or, Backward, before) the row whose sort value
// and id are After, in the order asked.
type SubscriberPageQuery struct {
	Sort     SubscriberSort
	Desc     bool
	Filter   string // the text typed after /: part of an MSISDN, or a number in any form
	After    []any  // the sort value (int64 or string) and the id of the row to continue after; nil: from the start
	Backward bool   // the rows before After, nearest first
	Limit    int
}

// SubscriberRow is one subscriber of the Overview's list: the columns of
// the local case's subscriber table.
type SubscriberRow struct {
	ID                      int64
	MSISDN                  string
	Data, Voice, Calls, SMS int64
	Contacts, IMEIs, Cells  int64
	FirstWall, LastWall     int64         // wall clock of the first and last record (start + wall_offset)
	FirstStart, LastStart   int64         // their start (UTC), what the list is ordered by
	Ports                   map[int]int64 // data records by destination port (-1: none written)
	Placed                  Coverage      // records and those placed by a cell site
	Key                     any           // the sort value, to continue after this row
}
