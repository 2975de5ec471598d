package store

// WallPart is a part of the wall clock a trace query keeps to.
type WallPart int

// The parts of the wall clock: any time, an hour (0-23), a three-hour
// interval (0: 00-03 ... 7: 21-24), a weekday (0 Monday ... 6 Sunday), a
// date.
const (
	WhenAny WallPart = iota
	WhenHour
	WhenBin3h
	WhenWeekday
	WhenDate
)

// WallWhen is a condition on a record's wall clock, written in each
// store's SQL by its TraceQueries.
type WallWhen struct {
	Part WallPart
	N    int    // the hour, interval or weekday
	Date string // WhenDate: 2006-01-02
}

// TraceQueries writes the queries a reader runs on a case to list the
// records behind a report's figure, in the case's own SQL. Every query's
// first two columns are the source file and the line; Data's third is the
// wall clock ("2006-01-02 15:04:05"). Command is the command line that
// runs one (the query follows it as its last argument).
type TraceQueries interface {
	IPDR(msisdn string, ports []int) string
	Voice(msisdn string) string
	Rejects(sourceID int64) string
	Cell(msisdn, cell string) string
	Device(msisdn, column, value string) string
	Destination(msisdn, ip string, port int) string
	Data(msisdn string, sel DataSelection, when WallWhen) string
	Command(caseArg string) []string
}

// sqliteTraces are a local case's trace queries: the *TraceSQL functions,
// for the sqlite3 shell.
type sqliteTraces struct{}

// TraceQueries returns the local case's trace queries.
func (s *Store) TraceQueries() TraceQueries { return sqliteTraces{} }

// CaseArg is the case as a command takes it.
func (s *Store) CaseArg() string { return s.Path() }

func (sqliteTraces) IPDR(msisdn string, ports []int) string { return IPDRTraceSQL(msisdn, ports) }
func (sqliteTraces) Voice(msisdn string) string             { return VoiceTraceSQL(msisdn) }
func (sqliteTraces) Rejects(sourceID int64) string          { return RejectsTraceSQL(sourceID) }
func (sqliteTraces) Cell(msisdn, cell string) string        { return CellTraceSQL(msisdn, cell) }
func (sqliteTraces) Device(msisdn, column, value string) string {
	return DeviceTraceSQL(msisdn, column, value)
}
func (sqliteTraces) Destination(msisdn, ip string, port int) string {
	return DestinationTraceSQL(msisdn, ip, port)
}
func (sqliteTraces) Data(msisdn string, sel DataSelection, when WallWhen) string {
	return DataTraceSQL(msisdn, sel, sqliteWhen(when))
}
func (sqliteTraces) Command(caseArg string) []string { return []string{"sqlite3", caseArg} }

// sqliteWhen is when in SQLite's SQL over the readable views.
func sqliteWhen(w WallWhen) string {
	switch w.Part {
	case WhenHour:
		return AtWallHour(w.N)
	case WhenBin3h:
		return InWallBin3h(w.N)
	case WhenWeekday:
		return OnWallWeekday(w.N)
	case WhenDate:
		return OnWallDate(w.Date)
	}
	return ""
}
