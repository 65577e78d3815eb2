package types

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Zone is a time zone as a setting or an AT TIME ZONE names it: the name
// SHOW reports and the rules that give its offsets.
type Zone struct {
	Name     string
	Location *time.Location
}

// UTC is PostgreSQL's default zone on a server whose system zone is UTC.
var UTC = Zone{Name: "Etc/UTC", Location: time.UTC}

// LookupZone finds a time zone by its IANA name, in any case
// ("america/new_york" is America/New_York), or by a POSIX-style offset
// ("UTC+5", "<+05>-05", "-08:00": hours west of Greenwich, as POSIX counts
// them).
func LookupZone(name string) (Zone, bool) {
	if canonical, ok := zoneNames()[strings.ToLower(name)]; ok {
		if loc, err := time.LoadLocation(canonical); err == nil {
			return Zone{Name: canonical, Location: loc}, true
		}
	}
	if secs, ok := posixOffset(name); ok {
		return Zone{Name: name, Location: time.FixedZone(offsetName(-secs), -secs)}, true
	}
	return Zone{}, false
}

// OffsetZone is the zone of a fixed offset east of Greenwich, named as
// PostgreSQL names a numeric time zone setting ("<+05>-05").
func OffsetZone(secs int) Zone {
	abbrev := offsetName(secs)
	return Zone{Name: "<" + abbrev + ">" + offsetName(-secs), Location: time.FixedZone(abbrev, secs)}
}

// offsetName renders an offset east of Greenwich as +hh[:mm[:ss]].
func offsetName(secs int) string {
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	out := sign + twoDigits(secs/3600)
	if rest := secs % 3600; rest != 0 {
		out += ":" + twoDigits(rest/60)
		if rest%60 != 0 {
			out += ":" + twoDigits(rest%60)
		}
	}
	return out
}

// posixZone is a POSIX time zone without daylight-saving rules: an
// optional abbreviation and hours (and minutes, seconds) west of Greenwich.
var posixZone = regexp.MustCompile(`^(?:[A-Za-z]{3,}|<[^>]*>)?([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$`)

// posixOffset reads a POSIX zone's offset, in seconds west of Greenwich.
func posixOffset(name string) (int, bool) {
	m := posixZone.FindStringSubmatch(name)
	if m == nil {
		return 0, false
	}
	secs := 0
	for i, unit := range []int{3600, 60, 1} {
		if m[2+i] != "" {
			n, _ := strconv.Atoi(m[2+i])
			secs += n * unit
		}
	}
	if secs > 15*3600+59*60+59 {
		return 0, false
	}
	if m[1] == "-" {
		secs = -secs
	}
	return secs, true
}

// zoneNames maps the lower-cased names of the system's time zone database
// to their own spelling.
var zoneNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{"utc": "UTC"}
	root := os.Getenv("ZONEINFO")
	if root == "" {
		root = "/usr/share/zoneinfo"
	}
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		name, _ := filepath.Rel(root, path)
		if strings.ContainsAny(name, ".") || strings.HasPrefix(name, "posix") || strings.HasPrefix(name, "right") {
			return nil
		}
		if _, err := time.LoadLocation(name); err == nil {
			names[strings.ToLower(name)] = name
		}
		return nil
	})
	return names
})

// zoneAbbreviations are the abbreviations timestamp input knows, as
// PostgreSQL's Default set defines them, in seconds east of Greenwich.
var zoneAbbreviations = map[string]int{
	"utc": 0, "gmt": 0, "z": 0, "zulu": 0, "ut": 0,
	"est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
	"mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
	"akst": -9 * 3600, "akdt": -8 * 3600, "hst": -10 * 3600,
	"cet": 3600, "cest": 2 * 3600, "met": 3600, "mest": 2 * 3600, "eet": 2 * 3600, "eest": 3 * 3600,
	"wet": 0, "west": 3600, "bst": 3600, "ist": 2 * 3600, "msk": 3 * 3600,
	"jst": 9 * 3600, "kst": 9 * 3600, "aest": 10 * 3600, "aedt": 11 * 3600, "acst": 34200, "awst": 8 * 3600,
	"nzst": 12 * 3600, "nzdt": 13 * 3600,
}

// AbbreviationZone is the fixed zone of a time zone abbreviation
// (EST, CET, UTC, Z), as date/time input and AT TIME ZONE read them.
func AbbreviationZone(abbrev string) (*time.Location, bool) {
	secs, ok := zoneAbbreviations[strings.ToLower(abbrev)]
	if !ok {
		return nil, false
	}
	return time.FixedZone(strings.ToUpper(abbrev), secs), true
}

// LocalToInstant reads a wall-clock time (given as if in UTC) in a zone,
// as PostgreSQL does at a transition: a time skipped by a spring-forward
// is read with the offset before it, a time repeated by a fall-back with
// the offset after it.
func LocalToInstant(wall time.Time, loc *time.Location) time.Time {
	u := wall.Unix()
	offsetAt := func(unix int64) int64 {
		_, off := time.Unix(unix, 0).In(loc).Zone()
		return int64(off)
	}
	before, after := offsetAt(u-86400), offsetAt(u+86400)
	fits := func(off int64) bool { return offsetAt(u-off) == off }
	off := before // also for a time a spring-forward skipped
	if fits(after) {
		off = after
	}
	return wall.Add(-time.Duration(off) * time.Second).In(loc)
}
