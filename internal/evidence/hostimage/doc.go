// Package hostimage reads what a seized host's file system says beside its
// Asterisk artefacts: the zone its clocks ran in (etc/timezone, and
// etc/localtime as a symbolic link's text or as TZif bytes, never followed
// out of the image), its users' shell history, and where the standard
// layout puts each artefact (so that an import finds them wherever a
// mounted image sits and reads the zone before the call records that need
// it).
//
// It is pure: callers hand in bytes, readers and paths; nothing here opens
// files, touches a database or draws on a terminal. Bytes that are not
// UTF-8 are carried through unchanged.
package hostimage
