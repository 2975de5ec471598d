package evidence

import (
	"sort"
	"strings"
)

// Field is a piece of information a column can hold.
type Field string

// The fields cdrtui recognises in operator files.
const (
	FMSISDN      Field = "msisdn"
	FIMSI        Field = "imsi"
	FIMEI        Field = "imei"
	FPrivateIP   Field = "private_ip"
	FPrivatePort Field = "private_port"
	FPublicIP    Field = "public_ip"
	FPublicPort  Field = "public_port"
	FDestIP      Field = "dest_ip"
	FDestPort    Field = "dest_port"
	FStart       Field = "start"      // date and time in one column
	FStartDate   Field = "start_date" // date only
	FStartTime   Field = "start_time" // time of day only
	FEnd         Field = "end"
	FEndDate     Field = "end_date"
	FEndTime     Field = "end_time"
	FDuration    Field = "duration"
	FCell        Field = "cell"
	FLAC         Field = "lac"
	FMCC         Field = "mcc"
	FMNC         Field = "mnc"
	FUplink      Field = "uplink"
	FDownlink    Field = "downlink"
	FTotal       Field = "total"
	FRAT         Field = "rat"
	FDomain      Field = "domain"
	FOther       Field = "other"   // the other party of a call
	FAParty      Field = "a_party" // calling party
	FBParty      Field = "b_party" // called party
	FCallType    Field = "call_type"
	FService     Field = "service" // voice, SMS ... beside a call type that gives the direction
	FDirection   Field = "direction"
	// FDeviceID is a column of device identifiers that may be IMEIs or MAC
	// addresses (DoT's "Source MAC-ID Address/Other device Identification
	// number"): taken for the IMEI only when its values are IMEIs.
	FDeviceID Field = "device_id"
	// A cell's position written in the record itself (Airtel's "First
	// CGI Lat/Long", "Cell Site Lat", T-Mobile's "1st Tower LAT"): it fills
	// the case's cell sites as the records import.
	FCellPos Field = "cell_position" // latitude and longitude in one column
	FCellLat Field = "cell_lat"
	FCellLon Field = "cell_lon"
	FAzimuth Field = "azimuth"
	// An LTE cell given as its eNodeB and the cell's number under it
	// (T-Mobile's "1st LTE Site ID" and "1st LTE Sector ID"): the record's
	// cell is the ECI, eNodeB×256 + sector.
	FLTESite   Field = "lte_site"
	FLTESector Field = "lte_sector"
	// The switch that served a CDMA call (Sprint's NEID and Repoll
	// Number, Verizon's Network Element Name): a bare cell number is
	// unique only on it, so the cell is keyed with it (switch_cell.go).
	FSwitch Field = "switch"
	FRepoll Field = "repoll"
)

// fieldAliases lists, per field, the header names operators use. Names are
// compared after normalizeHeader, so case, spaces, underscores, hyphens,
// dots and slashes do not matter: "Dest IP Address", "dest_ip" and
// "DESTIP ADDRESS" are the same name.
var fieldAliases = map[Field][]string{
	FMSISDN: {"msisdn", "msisdnno", "msisdnnumber", "mobile", "mobileno", "mobilenumber",
		"subscriber", "subscriberno", "subscribernumber", "subscribermsisdn", "phonenumber", "phoneno",
		"targetno", "targetnumber", "target", "targetmsisdn", "servedmsisdn", "usermsisdn", "msisdnmdn", "mdn",
		"targetapartynumber", "apartynumber", "mobiledirectorynumber", "targetnumbermsisdn", "cdrno", "cdrnumber",
		"msisdnid",          // Zong's MSISDN_ID
		"subno",             // Warid's (Pakistan) SUBNO beside B_SUBNO
		"callingstationid"}, // RADIUS: the MSISDN of a mobile data session (3GPP TS 29.061 §16.4.7)
	FIMSI: {"imsi", "imsino", "imsinumber", "servedimsi", "subscriberimsi",
		"imsia"}, // Banglalink's IMSIA: the A party's, the subscriber of every record
	FIMEI: {"imei", "imeino", "imeinumber", "servedimei", "imeisv", "handsetimei", "deviceimei",
		"cldimie"}, // Zong's tower dump: the called party's IMEI, so spelt, beside CLG_IMEI
	FPrivateIP:   {"privateip", "privateipaddress", "sourceip", "sourceipaddress", "srcip", "srcipaddress", "ueip", "ueipaddress", "servedpdpaddress", "pdpaddress", "servedpdppdnaddress", "mobileip", "clientip", "ipaddress", "ipv4address", "servedip", "localip", "framedipaddress"},
	FPrivatePort: {"privateport", "sourceport", "srcport", "ueport", "clientport", "localport"},
	// never "PGW IP" or "GGSN IP": the gateway's own address, the same for
	// every subscriber it serves, not the one a subscriber appeared as
	FPublicIP:   {"publicip", "publicipaddress", "natip", "natipaddress", "translatedip", "translatedsourceip", "postnatip", "publicsourceip"},
	FPublicPort: {"publicport", "natport", "translatedport", "translatedsourceport", "postnatport", "publicsourceport"},
	FDestIP:     {"destip", "destipaddress", "destinationip", "destinationipaddress", "dstip", "dstipaddress", "serverip", "serveripaddress", "remoteip", "remoteipaddress", "destaddress", "destinationaddress"},
	FDestPort:   {"destport", "destinationport", "dstport", "serverport", "remoteport", "destportno", "destinationportno"},
	FStart: {"start", "starttime", "startdatetime", "sessionstart", "sessionstarttime", "starttimestamp",
		"calldatetime", "datetime", "timestamp", "localtimestamp", "calleventstarttimestamp", "eventtime", "recordopeningtime", "connectiontime", "callstarttime", "callstart", "begintime", "startedat",
		"originationtime", "deliverytime", "strttm", // Zong's STRT_TM
		"datetimeutc",    // DIDWW's "Date/Time (UTC)"
		"conndatetime",   // AT&T landline returns: "Conn Date Time", one column (its Records Key)
		"msgsenddate",    // Verizon's text-message returns (verizon_text.go)
		"acctstarttime"}, // RADIUS accounting (FreeRADIUS radacct)
	FStartDate: {"startdate", "date", "calldate", "sessionstartdate", "eventdate", "firstcalldate", "conndate",
		"atransdate"}, // Warid's A_TRANSDATE beside TRANSTIME
	FStartTime: {"calltime", "time", "sessionstarttime2", "eventtime2", "utctime", "timeutc", "conntimeutc", "conntime", "callinitiationtime",
		"transtime"}, // Warid's TRANSTIME
	FEnd:     {"end", "endtime", "enddatetime", "sessionend", "sessionendtime", "endtimestamp", "callendtime", "callend", "stoptime", "endedat", "acctstoptime"},
	FEndDate: {"enddate", "sessionenddate", "callenddate"},
	FEndTime: {"endtime2"},
	FDuration: {"duration", "durationseconds", "durations", "durationsec", "callduration", "calldurationseconds", "sessionduration", "dur", "elapsedtime", "usagetime", "callseconds",
		"durs", "durationinsec", "durationinseconds", "et", "etelapsedtime", "seizureduration", "totalcalleventduration", "acctsessiontime",
		"drtn"}, // Zong's tower dump DRTN,
	FCell: {"cellid", "cell", "cellidentity", "cgi", "cellglobalidentity", "ecgi", "firstcgi", "firstcellid", "cellsiteid",
		"cgiid", "towerid", "celltowerid", "locationcellid", "servingcell", "firstcgiid", "ci", "eci",
		"firstcellglobalid", "cellglobalid", "firstcellglobalidentity", "1stcellid", "firstservingcellsite", "firstcellsiteid",
		"accessnetworkinformation", "paccessnetworkinfo",
		"cistarta", "cisstarta"}, // Banglalink's CISTARTA: the A party's cell at the start
	FLAC: {"lac", "locationareacode", "locationarea", "tac", "trackingareacode", "laccode", "locationlac",
		"lacstarta"}, // Banglalink's LACSTARTA beside CISTARTA
	FMCC: {"mcc", "mobilecountrycode"},
	FCellPos: {"firstcgilatlong", "cgilatlong", "firstcelllatlong", "celllatlong", "firstcgilatlon", "1sttowerlatlong", "firsttowerlatlong", "cellsitelatlong", "latlong", "latlongazimuth", "latlongazimuthfirstcellid",
		"sitelocation",      // Jazz's SiteLocation, "name|lat|long" (site_location.go): taken only when its values hold a position
		"firstbtslocation"}, // BSNL's place of the first cell, ending "; Lat-22.39711; Long-88.43938": taken only when its values hold a position
	FCellLat: {"cellsitelat", "cellsitelatitude", "celllat", "celllatitude", "firstcgilat", "firstcelllat", "1sttowerlat", "firsttowerlat", "towerlat", "sitelat", "cgilatitude",
		"towerlatitude", "sitelatitude", "celltowerlat", "celltowerlatitude", "1sttowerlatitude", "firsttowerlatitude", "btslat", "btslatitude",
		"firstlat", "firstlatitude", "firstcelllatitude", "firstcgilatitude"}, // the 23-field Indian CDR's FIRST_LAT beside FIRST_CGI
	FCellLon: {"cellsitelong", "cellsitelon", "cellsitelongitude", "celllong", "celllon", "celllongitude", "firstcgilong", "firstcelllong", "1sttowerlong", "firsttowerlong", "towerlong", "sitelong", "cgilongitude",
		"towerlongitude", "sitelongitude", "celltowerlong", "celltowerlongitude", "1sttowerlongitude", "firsttowerlongitude", "btslong", "btslongitude",
		"firstlon", "firstlong", "firstlongitude", "firstcelllon", "firstcelllongitude", "firstcgilon", "firstcgilongitude"},
	FAzimuth:   {"azimuth", "cellsiteazimuth", "cellazimuth", "firstcgiazimuth", "firstcellazimuth", "1sttowerazimuth", "firsttowerazimuth", "towerazimuth", "azm"},
	FMNC:       {"mnc", "mobilenetworkcode"},
	FLTESite:   {"1stltesiteid", "firstltesiteid", "ltesiteid", "1stenodebid", "firstenodebid"},
	FSwitch:    {"neid", "networkelementname", "networkelementid", "switch", "switchid"},
	FRepoll:    {"repoll", "repollnumber", "repollno"},
	FLTESector: {"1stltesectorid", "firstltesectorid", "ltesectorid", "1stltecellid", "firstltecellid"},
	FUplink: {"uplinkvolume", "uplink", "ulvolume", "bytesup", "bytesuplink", "uplinkbytes", "datauplinkvolume", "bytesuploaded", "uploadbytes", "upload", "txbytes", "bytessent", "sentbytes", "datavolumeuplink",
		"datavolumegprsuplink", "datavolumefbcuplink",
		"acctinputoctets"}, // RFC 2866: received from the user's port, // 3GPP TS 32.298's, summed over a record's containers
	FDownlink: {"downlinkvolume", "downlink", "dlvolume", "bytesdown", "bytesdownlink", "downlinkbytes", "datadownlinkvolume", "bytesdownloaded", "downloadbytes", "download", "rxbytes", "bytesreceived", "receivedbytes", "datavolumedownlink",
		"datavolumegprsdownlink", "datavolumefbcdownlink", "acctoutputoctets"},
	FTotal:  {"totalvolume", "total", "totalbytes", "bytes", "datavolume", "volume", "totaldatavolume", "totalvolumebytes"},
	FRAT:    {"rattype", "irattype", "rat", "technology", "networktype", "accesstype", "radioaccesstype", "bearer", "2g4g5g", "2g3g4g", "2g3g4g5g"},
	FDomain: {"domain", "host", "hostname", "url", "apn", "accesspointname", "servicename", "sni", "application"},
	FOther: {"bsubno", // Warid's B_SUBNO
		"bnumber", "bparty", "bpartyno", "bpartynumber2", "otherparty", "othernumber", "otherpartynumber", "otherbpartynumber",
		"fromortonumber", "fromtonumber", "counterparty", "calledcallingnumber", "callingcallednumber", "party2",
		"dialednumber", "dialeddigitnumber", "dialeddigits", "destinationnumber"},
	FAParty: {"apartynumberraw", "callingnumber", "callingparty", "callingpartytelephonenumber", "callingpartynumber",
		"anumber", "aparty", "caller", "callernumber", "originatingnumber", "fromnumber", "source",
		"callorignum", "callorgnum", // Telenor Pakistan's CALL_ORIG_NUM, call_org_num
		"dlgno",                                        // Zong's tower dump: DLG_NO, the dialling number beside DLD_NO
		"originatingaddress",                           // a short message's sender (Verizon's text-message returns)
		"callerid",                                     // a research CDR's caller_id (callee_id beside it); hashed ids do not fit a number
		"cli", "callinglineidentity", "callinglineid"}, // UK returns: the Calling Line Identity
	FBParty: {"bpartynumber", "calledpartynumber", "calledpartytelephonenumber", "callednumber", "calledparty",
		"tonumber", "callee", "terminatingnumber", "calleeid",
		"receiver", "receivernumber", // beside "caller" (siva071/TeleForensic-AI's sample_cdr.csv)
		"recipientnumber",       // caller_number beside receiver_number (an analysis tool's sample workbook)
		"calleenumber",          // Teams Direct Routing's "Callee Number" beside "Caller Number"
		"did", "destinationdid", // DIDWW's CDR exports: the DID number called
		"dldno"}, // Zong's tower dump: DLD_NO, the dialled number beside DLG_NO
	FCallType: {"calltype", "type", "eventtype", "recordtype", "usagetype", "calltypedescription", "calltypecode", "ct",
		"oper"}, // Warid's (Pakistan) OPER, the call type as a public loader takes it ("call_type_index = OPER")
	FService: {"servicetype", "service", "teleservice", "basicservice", "telephoneservice", "telephoneserviceused", "serviceused", "teleservicecode", "sipmethod"},
	FDirection: {"direction", "calldirection", "inout", "moormt", "momt", "flow", "mobilerole", "callflow", "mr", "roleofnode",
		"inboundoutboundind",      // Telenor Pakistan's INBOUND_OUTBOUND_IND: I, O
		"callinboundoutbounddesc", // Ufone's tower dump: Outgoing, Incoming
		"dirflg"},                 // Zong's tower dump DIR_FLG: O, I
	FDeviceID: {"deviceid", "deviceidentifier", "deviceidentificationnumber", "otherdeviceidentificationnumber",
		"sourcemacidaddressotherdeviceidentificationnumber", "sourcemacidaddress", "macidaddress", "macid", "macaddress", "mac",
		"sourcemac", "sourcemacaddress", "usermac", "clientmac"},
}

// aliasIndex maps a normalised header name to its field.
var aliasIndex = func() map[string]Field {
	m := make(map[string]Field)
	for f, names := range fieldAliases {
		for _, n := range names {
			m[normalizeHeader(n)] = f
		}
	}
	return m
}()

// normalizeHeader folds a header cell to the form aliases are compared in:
// lower case, letters and digits only, accents folded (DURACIÓN is
// duracion), a BOM or surrounding quotes dropped.
func normalizeHeader(s string) string {
	s = foldAccents(strings.TrimPrefix(s, "\ufeff"))
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

// FieldOf returns the field a header names, if any.
func FieldOf(header string) (Field, bool) {
	f, ok := aliasIndex[normalizeHeader(header)]
	return f, ok
}

// ParseField reads a field name as the analyst types it in --map
// ("msisdn", "dest-ip", "Dest IP" or any alias).
func ParseField(name string) (Field, bool) {
	n := normalizeHeader(name)
	for _, f := range AllFields() {
		if normalizeHeader(string(f)) == n {
			return f, true
		}
	}
	return FieldOf(name)
}

// AllFields lists every field, sorted by name.
func AllFields() []Field {
	out := make([]Field, 0, len(fieldAliases))
	for f := range fieldAliases {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// dataFields are fields only data (IPDR) records have.
var dataFields = []Field{FDestIP, FDestPort, FPrivateIP, FPublicIP, FUplink, FDownlink, FTotal, FDomain}

// voiceFields are fields only voice CDRs have.
var voiceFields = []Field{FCallType, FDirection, FOther, FBParty, FService}
