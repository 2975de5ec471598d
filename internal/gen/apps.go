package gen

// app is a class of traffic with its destination ports (Table II of the
// paper), server pools, typical session length and volume.
type app struct {
	name     string
	ports    []uint16
	portCum  []float64
	pools    []ipv4  // /16 prefixes
	share    float64 // mean share of records across subscribers
	optional float64 // share of subscribers who use it at all (1 = all)
	durMed   float64 // median session seconds
	upMed    float64 // median uplink bytes
	downMed  float64 // median downlink bytes
}

// App indexes into apps.
const (
	appWhatsApp = iota
	appHTTPS
	appHTTP
	appIMAP
	appITunes
	appXsan
	appGames
	appSkype
	appUnknown
	appCount
)

// whatsAppPorts are Table II's WhatsApp ports.
var whatsAppPorts = []uint16{5222, 5223, 5228, 4244, 5242}

// IsWhatsAppPort reports whether Table II gives the port to WhatsApp.
func IsWhatsAppPort(p int) bool {
	for _, w := range whatsAppPorts {
		if int(w) == p {
			return true
		}
	}
	return false
}

// apps is the traffic catalogue. No pool is inside 104.198.0.0/16: the
// hunt's server subnet is only ever reached by planted records.
var apps = [appCount]app{
	appWhatsApp: {name: "WhatsApp", ports: whatsAppPorts, portCum: cumulative([]float64{45, 25, 15, 10, 5}),
		pools: []ipv4{ip(157, 240, 0, 0), ip(169, 45, 0, 0)}, share: 0.25, optional: 1, durMed: 60, upMed: 3_000, downMed: 6_000},
	appHTTPS: {name: "HTTPS", ports: []uint16{443}, portCum: []float64{1},
		pools: []ipv4{ip(142, 250, 0, 0), ip(31, 13, 0, 0), ip(52, 84, 0, 0), ip(23, 32, 0, 0), ip(13, 107, 0, 0)},
		share: 0.58, optional: 1, durMed: 20, upMed: 4_000, downMed: 60_000},
	appHTTP: {name: "HTTP", ports: []uint16{80, 8080, 8081}, portCum: cumulative([]float64{80, 17, 3}),
		pools: []ipv4{ip(142, 250, 0, 0), ip(23, 32, 0, 0), ip(203, 208, 0, 0)}, share: 0.09, optional: 1, durMed: 10, upMed: 1_500, downMed: 30_000},
	appIMAP: {name: "IMAP", ports: []uint16{993, 143}, portCum: cumulative([]float64{85, 15}),
		pools: []ipv4{ip(142, 250, 0, 0), ip(40, 99, 0, 0)}, share: 0.03, optional: 0.7, durMed: 5, upMed: 1_000, downMed: 8_000},
	appITunes: {name: "iTunes", ports: []uint16{8024, 8027, 8013, 8017, 8003, 7275, 8025, 8009}, portCum: cumulative([]float64{1, 1, 1, 1, 1, 1, 1, 1}),
		pools: []ipv4{ip(17, 253, 0, 0)}, share: 0.01, optional: 0.2, durMed: 120, upMed: 2_000, downMed: 400_000},
	appXsan: {name: "Xsan", ports: []uint16{58128, 51637, 61076}, portCum: cumulative([]float64{1, 1, 1}),
		pools: []ipv4{ip(17, 142, 0, 0)}, share: 0.005, optional: 0.05, durMed: 30, upMed: 5_000, downMed: 5_000},
	appGames: {name: "Microsoft games", ports: []uint16{40020, 40017, 40023, 40019, 40001, 40004, 40034, 40031, 40029, 40005, 40026, 40008, 40032},
		portCum: cumulative([]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}),
		pools:   []ipv4{ip(20, 190, 0, 0)}, share: 0.02, optional: 0.15, durMed: 600, upMed: 50_000, downMed: 200_000},
	appSkype: {name: "Skype", ports: []uint16{3478, 3479, 3480, 3481}, portCum: cumulative([]float64{4, 2, 2, 1}),
		pools: []ipv4{ip(52, 112, 0, 0)}, share: 0.02, optional: 0.25, durMed: 300, upMed: 300_000, downMed: 300_000},
	appUnknown: {name: "unknown", ports: []uint16{6881, 1935, 27015, 7777, 9001}, portCum: cumulative([]float64{3, 2, 1, 1, 1}),
		pools: []ipv4{ip(185, 60, 0, 0), ip(91, 108, 0, 0)}, share: 0.01, optional: 0.3, durMed: 40, upMed: 10_000, downMed: 50_000},
}
