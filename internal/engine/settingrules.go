package engine

import (
	"strings"

	"auger/internal/sqlstate"
)

// settingCheck checks a value of a parameter whose values are not just a
// type's and returns it as SHOW shows it, given the current value
// (DateStyle keeps the half a value leaves out).
type settingCheck func(d *settingDef, value, current string) (string, error)

// settingRules are the parameters with checks of their own, by lower-case
// name.
var settingRules = map[string]settingCheck{
	"datestyle":        checkDateStyle,
	"timezone":         checkTimeZone,
	"client_encoding":  checkClientEncoding,
	"application_name": checkApplicationName,
	"lc_messages":      checkLocale,
	"lc_monetary":      checkLocale,
	"lc_numeric":       checkLocale,
	"lc_time":          checkLocale,
	"search_path":      checkIdentifierList,
}

// roleRules check SET ROLE and SET SESSION AUTHORIZATION against the
// session's user, the one role Auger knows of a session; they are rules
// of the session (see Session.check).
var roleRules = map[string]bool{"role": true, "session_authorization": true}

// listSettings take a list (SET name = a, b): its items are joined with
// ", ", each quoted as an identifier where the value is true.
var listSettings = map[string]bool{"datestyle": false, "search_path": true, "temp_tablespaces": true,
	"local_preload_libraries": true, "session_preload_libraries": true, "wal_consistency_checking": false}

func checkTimeZone(d *settingDef, value, _ string) (string, error) {
	z, err := parseZoneSetting(value)
	if err != nil {
		return "", err
	}
	return z.Name, nil
}

// checkDateStyle reads a DateStyle as PostgreSQL's check_datestyle does:
// an output style (ISO, SQL, Postgres, German) and a field order (MDY,
// DMY, YMD), either of which may be left to the current value.
func checkDateStyle(d *settingDef, value, current string) (string, error) {
	style, order, _ := strings.Cut(current, ", ")
	haveStyle, haveOrder := false, false
	for _, item := range splitList(value) {
		word := strings.ToLower(strings.Trim(strings.TrimSpace(item), `"`))
		newStyle, newOrder := "", ""
		switch {
		case word == "iso":
			newStyle = "ISO"
		case word == "sql":
			newStyle = "SQL"
		case strings.HasPrefix(word, "postgres"):
			newStyle = "Postgres"
		case word == "german":
			newStyle = "German"
			if !haveOrder {
				order = "DMY"
			}
		case word == "ymd":
			newOrder = "YMD"
		case word == "dmy" || strings.HasPrefix(word, "euro"):
			newOrder = "DMY"
		case word == "mdy" || word == "us" || strings.HasPrefix(word, "noneuro"):
			newOrder = "MDY"
		case word == "default":
			newStyle, newOrder = "ISO", "MDY"
		default:
			e := invalidValue(d, value)
			e.Detail = `Unrecognized key word: "` + item + `".`
			return "", e
		}
		if (newStyle != "" && haveStyle && newStyle != style) || (newOrder != "" && haveOrder && newOrder != order) {
			e := invalidValue(d, value)
			e.Detail = `Conflicting "datestyle" specifications.`
			return "", e
		}
		if newStyle != "" {
			style, haveStyle = newStyle, true
		}
		if newOrder != "" {
			order, haveOrder = newOrder, true
		}
	}
	return style + ", " + order, nil
}

// encodings are PostgreSQL's encoding names, by their normalised
// spelling (lower case, letters and digits only), and its aliases.
var encodings = func() map[string]string {
	m := map[string]string{"unicode": "UTF8", "latin1": "LATIN1", "win": "WIN1251", "alt": "WIN866",
		"shiftjis": "SJIS", "koi8": "KOI8R", "tcvn": "WIN1258", "tcvn5712": "WIN1258", "vscii": "WIN1258"}
	for _, name := range strings.Fields(`SQL_ASCII EUC_JP EUC_CN EUC_KR EUC_TW EUC_JIS_2004 UTF8 MULE_INTERNAL
		LATIN1 LATIN2 LATIN3 LATIN4 LATIN5 LATIN6 LATIN7 LATIN8 LATIN9 LATIN10 WIN1256 WIN1258 WIN866 WIN874
		KOI8R WIN1251 WIN1252 ISO_8859_5 ISO_8859_6 ISO_8859_7 ISO_8859_8 WIN1250 WIN1253 WIN1254 WIN1255
		WIN1257 KOI8U SJIS BIG5 GBK UHC GB18030 JOHAB SHIFT_JIS_2004`) {
		m[normalEncoding(name)] = name
	}
	return m
}()

func normalEncoding(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// checkClientEncoding accepts UTF8 (also spelled utf-8 or unicode) and
// SQL_ASCII, which needs no conversion; Auger converts to no other
// encoding, and says so as PostgreSQL does of a conversion it lacks.
func checkClientEncoding(d *settingDef, value, _ string) (string, error) {
	name, ok := encodings[normalEncoding(value)]
	if !ok {
		return "", invalidValue(d, value)
	}
	if name != "UTF8" && name != "SQL_ASCII" {
		e := invalidValue(d, value)
		e.Code = sqlstate.FeatureNotSupported
		e.Detail = "Conversion between " + name + " and UTF8 is not supported."
		return "", e
	}
	return name, nil
}

// checkApplicationName replaces each byte that is not printable ASCII
// with '?', as PostgreSQL does.
func checkApplicationName(_ *settingDef, value, _ string) (string, error) {
	b := []byte(value)
	for i, c := range b {
		if c < 32 || c > 126 {
			b[i] = '?'
		}
	}
	return string(b), nil
}

// checkLocale accepts the locales every system has: C, POSIX and C.UTF-8;
// "" means the server's own.
func checkLocale(d *settingDef, value, _ string) (string, error) {
	switch value {
	case "", "C", "POSIX", "C.UTF-8", "C.utf8":
		return value, nil
	}
	return "", invalidValue(d, value)
}

func checkIdentifierList(d *settingDef, value, _ string) (string, error) {
	if _, ok := splitIdentifiers(value); !ok {
		e := invalidValue(d, value)
		e.Detail = "List syntax is invalid."
		return "", e
	}
	return value, nil
}

// splitList splits a list setting at its commas, outside double quotes.
func splitList(value string) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(value); i++ {
		switch value[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				out = append(out, value[start:i])
				start = i + 1
			}
		}
	}
	return append(out, value[start:])
}

// splitIdentifiers reads a list of identifiers as PostgreSQL's
// SplitIdentifierString does: items separated by commas, each a quoted
// identifier ("" for a quote) or a bare word folded to lower case.
func splitIdentifiers(value string) ([]string, bool) { return splitNames(value, ',') }

// splitNames reads identifiers separated by sep.
func splitNames(value string, sep byte) ([]string, bool) {
	var out []string
	rest := strings.TrimSpace(value)
	if rest == "" {
		return nil, true
	}
	for {
		var item string
		if strings.HasPrefix(rest, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(rest); i++ {
				if rest[i] == '"' {
					if i+1 < len(rest) && rest[i+1] == '"' {
						b.WriteByte('"')
						i++
						continue
					}
					break
				}
				b.WriteByte(rest[i])
			}
			if i >= len(rest) {
				return nil, false
			}
			item, rest = b.String(), strings.TrimSpace(rest[i+1:])
		} else {
			end := strings.IndexAny(rest, string(sep)+" \t\n")
			if end < 0 {
				end = len(rest)
			}
			if end == 0 {
				return nil, false
			}
			item, rest = strings.ToLower(rest[:end]), strings.TrimSpace(rest[end:])
		}
		out = append(out, item)
		if rest == "" {
			return out, true
		}
		if rest[0] != sep {
			return nil, false
		}
		rest = strings.TrimSpace(rest[1:])
	}
}
