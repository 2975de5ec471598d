// Package ident gives the canonical keys under which cdrtui matches
// identities that operators write differently, while the evidence keeps
// each one as written:
//
//   - a telephone number's key is its E.164 digits without the '+'
//     (9714499703, +91 97144 99703, 09714499703 and 00919714499703 are all
//     919714499703 under the Indian numbering plan), read through a
//     numbering plan that is data (plans.go);
//   - a cell's key is MCC-MNC-LAC-CI in decimal, from a dashed CGI, a
//     15-digit decimal CGI or a hex CGI/ECGI in either case;
//   - a handset's key is the first 14 digits of its IMEI (the TAC and
//     serial number), the same for an IMEI with or without its check digit
//     and for an IMEISV.
//
// A value that cannot be keyed without guessing gets no key: a wrong key
// would merge two people, which is worse than leaving one unmatched.
// The package is pure: no I/O, no SQL.
package ident
