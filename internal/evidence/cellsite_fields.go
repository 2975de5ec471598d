package evidence

import "strings"

// siteField is a column of a cell-site table.
type siteField int

const (
	sfNone siteField = iota
	sfRadio
	sfMCC
	sfMNC
	sfLAC
	sfCI  // a cell identity, or a whole CGI (read as one when it parses)
	sfCGI // a whole CGI / ECGI
	sfLat
	sfLon
	sfLatLon // both in one column: "22.39711/88.43938"
	sfAzimuth
	sfBeam
	sfRange
	sfSamples
	sfAddress
	sfENB // an eNodeB id: the cell column then numbers the cell under it
	sfCount
)

var siteAliases = map[string]siteField{
	"radio": sfRadio, "rat": sfRadio, "technology": sfRadio, "tech": sfRadio, "networktype": sfRadio, "generation": sfRadio, "radiotype": sfRadio,
	"mcc": sfMCC, "mobilecountrycode": sfMCC,
	"mnc": sfMNC, "net": sfMNC, "mobilenetworkcode": sfMNC,
	"lac": sfLAC, "tac": sfLAC, "area": sfLAC, "locationareacode": sfLAC, "trackingareacode": sfLAC, "laccode": sfLAC, "lactac": sfLAC,
	"ci": sfCI, "cell": sfCI, "cellid": sfCI, "eci": sfCI, "nci": sfCI, "cellidentity": sfCI, "cellcode": sfCI,
	"ecellid": sfCI, "ecellidentity": sfCI, "eutrancellid": sfCI, "eutrancellidentity": sfCI, "cid": sfCI, "localcellid": sfCI,
	"cgi": sfCGI, "ecgi": sfCGI, "ncgi": sfCGI, "cellglobalid": sfCGI, "cellglobalidentity": sfCGI, "cgiid": sfCGI, "firstcgi": sfCGI,
	"firstcellglobalid": sfCGI, "cellsiteid": sfCGI, "globalcellid": sfCGI,
	"lat": sfLat, "latitude": sfLat, "latitud": sfLat, "sitelat": sfLat, "sitelatitude": sfLat, "celllat": sfLat, "cellsitelat": sfLat, "towerlat": sfLat,
	"lon": sfLon, "long": sfLon, "lng": sfLon, "longitude": sfLon, "longitud": sfLon, "sitelong": sfLon, "sitelon": sfLon, "sitelongitude": sfLon,
	"celllong": sfLon, "celllon": sfLon, "cellsitelong": sfLon, "cellsitelon": sfLon, "towerlong": sfLon, "towerlon": sfLon,
	"latlong": sfLatLon, "latlon": sfLatLon, "latlng": sfLatLon, "firstcgilatlong": sfLatLon, "cgilatlong": sfLatLon, "sitelatlong": sfLatLon,
	"azimuth": sfAzimuth, "azm": sfAzimuth, "az": sfAzimuth, "bearing": sfAzimuth, "antennaazimuth": sfAzimuth, "sectorazimuth": sfAzimuth, "azimuthdeg": sfAzimuth,
	"celldir": sfAzimuth, "antdirection": sfAzimuth, "antennadirection": sfAzimuth, "sectordirection": sfAzimuth,
	"sectorangle": sfBeam,
	"beamwidth":   sfBeam, "beam": sfBeam, "hbw": sfBeam, "horizontalbeamwidth": sfBeam, "hbwd": sfBeam, "hbeamwidth": sfBeam, "antennabeamwidth": sfBeam, "beamwidthdeg": sfBeam,
	"range": sfRange, "radius": sfRange, "rangem": sfRange, "rangemeters": sfRange, "rangemetres": sfRange, "coverageradius": sfRange, "accuracy": sfRange,
	"enodebid": sfENB, "enbid": sfENB, "enodeb": sfENB, "enb": sfENB, "enodebidentity": sfENB, "enbidentity": sfENB, "menbid": sfENB,
	"samples": sfSamples,
	"address": sfAddress, "siteaddress": sfAddress, "location": sfAddress, "btslocation": sfAddress, "sitename": sfAddress,
	"towerlocation": sfAddress, "towaddress": sfAddress, "toweraddress": sfAddress, "firstbtslocation": sfAddress, "celladdress": sfAddress,
}

// siteFieldOf reads a header cell: an alias, else its words (a name ending
// in "latitude" is a latitude, one naming both lat and long is the pair).
func siteFieldOf(h string) siteField {
	n := normalizeHeader(h)
	if f, ok := siteAliases[n]; ok {
		return f
	}
	if bare := withoutHemisphere(h); bare != "" {
		if f := siteFieldOf(bare); f == sfLat || f == sfLon {
			return f // "longitud_w", "W Longitude", "Latitude (S)"
		}
	}
	hasLat := strings.Contains(n, "lat")
	hasLon := strings.Contains(n, "long") || strings.HasSuffix(n, "lon") || strings.HasSuffix(n, "lng")
	switch {
	case hasLat && hasLon:
		return sfLatLon
	case hasLat && (strings.HasSuffix(n, "lat") || strings.HasSuffix(n, "latitude") || strings.HasSuffix(n, "latitud")):
		return sfLat
	case hasLon && !hasLat && (strings.HasSuffix(n, "long") || strings.HasSuffix(n, "longitude") || strings.HasSuffix(n, "longitud") || strings.HasSuffix(n, "lon") || strings.HasSuffix(n, "lng")):
		return sfLon
	case strings.HasSuffix(n, "azimuth"):
		return sfAzimuth
	case strings.HasSuffix(n, "beamwidth"):
		return sfBeam
	}
	return sfNone
}
