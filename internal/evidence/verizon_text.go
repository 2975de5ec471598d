package evidence

// Verizon's text-message returns (a file of their own beside the voice
// records: Network Element Name, Switch Type Indicator, MDN, Msg Send
// Date, Msg Deliver Date, Message Completion Status, Originating Address,
// Destination Address, Message Direction Indicator, MIN) say nowhere in a
// record that it is a message: the header does. Read by their words,
// "Destination Address" is an IP column, the file looked like data
// sessions, had no start and was refused; read with --map, every message
// became a voice call. verizonTextColumns names the columns as the layout
// means them and makes every record a short message: sent at Msg Send
// Date, from the Originating to the Destination Address, the subscriber
// the MDN; the Message Direction Indicator's codes are explained nowhere,
// so the direction is where the MDN stands (party_direction.go). The
// delivery time is not the end of anything a duration measures.

// verizonTextNames are the normalised names the layout is told by.
var verizonTextNames = [...]string{"msgsenddate", "originatingaddress", "destinationaddress", "mdn"}

// verizonTextColumns maps a Verizon text-message header; columns the
// analyst named (--map) stand.
func verizonTextColumns(l *Layout, forced map[Field]string) {
	col := map[string]int{}
	for i, h := range l.Header {
		col[normalizeHeader(h)] = i
	}
	for _, n := range verizonTextNames {
		if _, ok := col[n]; !ok {
			return
		}
	}
	_, deliver := col["msgdeliverdate"]
	dirCol, direction := col["messagedirectionindicator"]
	if !deliver && !direction {
		return
	}
	set := func(f Field, c int) {
		if _, named := forced[f]; named {
			return
		}
		for g, gc := range l.Columns {
			if gc == c && g != f {
				if _, named := forced[g]; !named {
					delete(l.Columns, g) // "Destination Address" as an IP
				}
			}
		}
		l.Columns[f] = c
	}
	for _, f := range []Field{FStartDate, FStartTime, FEnd, FEndDate, FEndTime} {
		if _, named := forced[f]; !named {
			delete(l.Columns, f)
		}
	}
	set(FStart, col["msgsenddate"])
	set(FMSISDN, col["mdn"])
	set(FAParty, col["originatingaddress"])
	set(FBParty, col["destinationaddress"])
	if direction {
		set(FDirection, dirCol)
	}
	l.ServiceAll = "SMS"
}
