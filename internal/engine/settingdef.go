package engine

import (
	"math"
	"strconv"
	"strings"

	"auger/internal/sqlstate"
)

// ServerVersion is the PostgreSQL version Auger answers as: clients parse
// the number (libpq, pgjdbc, psycopg2 read "15.0"), and the rest names
// Auger, as PostgreSQL's packagers name their build.
const ServerVersion = "15.0 (Auger)"

// ServerVersionNum is ServerVersion as server_version_num shows it.
const ServerVersionNum = "150000"

// settingDef describes one run-time parameter as a row of pg_settings
// does.
type settingDef struct {
	name     string // spelled as PostgreSQL spells it (DateStyle, TimeZone)
	vartype  string // bool, integer, real, string or enum
	unit     string // the unit of an integer or real: B, kB, 8kB, MB, us, ms, s, min; "" for none
	category string
	desc     string
	context  string // internal, postmaster, superuser, user...
	min, max string
	enumvals []string
	boot     string // the value a session starts with, as pg_settings.setting shows it
}

// hiddenSettings are parameters SHOW and current_setting know that
// PostgreSQL leaves out of SHOW ALL and pg_settings.
var hiddenSettings = []settingDef{
	{"is_superuser", "bool", "", "Preset Options", "Shows whether the current user is a superuser.", "internal", "", "", nil, "off"},
	{"session_authorization", "string", "", "Preset Options", "Sets the session user name.", "user", "", "", nil, ""},
	{"role", "string", "", "Preset Options", "Sets the current role.", "user", "", "", nil, "none"},
	{pushdownSetting, "bool", "", "Customized Options", "Lets the planner hand work to the sources.", "user", "", "", nil, "on"},
	{storeFormatSetting, "enum", "", "Customized Options", "Sets the format CREATE TABLE AS writes files in.", "user", "", "", []string{"parquet", "csv", "json"}, "parquet"},
	{parquetCompressionSetting, "enum", "", "Customized Options", "Sets the compression of the Parquet files CREATE TABLE AS writes.", "user", "", "", []string{"snappy", "gzip", "zstd", "lz4", "brotli", "none"}, "snappy"},
	{parquetBlockSizeSetting, "integer", "B", "Customized Options", "Sets the size a Parquet row group is closed at.", "user", "1048576", "2147483647", nil, "33554432"},
	{fileSizeSetting, "integer", "B", "Customized Options", "Sets the size after which CREATE TABLE AS starts a new file.", "user", "1048576", "2147483647", nil, "536870912"},
}

// settingIndex finds a parameter by its lower-case name.
var settingIndex = func() map[string]*settingDef {
	m := map[string]*settingDef{}
	for _, list := range [][]settingDef{settingDefs, hiddenSettings} {
		for i := range list {
			m[strings.ToLower(list[i].name)] = &list[i]
		}
	}
	return m
}()

// lookupSetting finds a parameter by name, in any case.
func lookupSetting(name string) (*settingDef, bool) {
	d, ok := settingIndex[strings.ToLower(name)]
	return d, ok
}

// placeholder is the definition of a custom parameter (a name with a dot,
// `myapp.flag`), which PostgreSQL keeps as a string.
func placeholder(name string) *settingDef {
	return &settingDef{name: strings.ToLower(name), vartype: "string", category: "Customized Options", context: "user"}
}

// isPlaceholderName tells whether a name may be a custom parameter.
func isPlaceholderName(name string) bool {
	i := strings.IndexByte(name, '.')
	return i > 0 && i < len(name)-1
}

func unrecognizedSetting(name string) error {
	return sqlstate.New(sqlstate.UndefinedObject, "unrecognized configuration parameter %q", name)
}

func invalidValue(d *settingDef, value string) *sqlstate.Error {
	return sqlstate.New(sqlstate.InvalidParameterValue, "invalid value for parameter %q: %q", d.name, value)
}

// parse checks a value given for the parameter by its type and returns it
// as pg_settings.setting shows it (settingRules check the others).
func (d *settingDef) parse(value string) (string, error) {
	switch d.vartype {
	case "bool":
		on, ok := parseBoolSetting(value)
		if !ok {
			return "", sqlstate.New(sqlstate.InvalidParameterValue, "parameter %q requires a Boolean value", d.name)
		}
		return boolText(on), nil
	case "integer":
		return d.parseInteger(value)
	case "real":
		return d.parseReal(value)
	case "enum":
		return d.parseEnum(value)
	}
	return value, nil
}

func boolText(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// The units of memory and time parameters, largest first, in bytes and
// microseconds.
var (
	memoryUnits = []unitSize{{"TB", 1 << 40}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"kB", 1 << 10}, {"B", 1}}
	timeUnits   = []unitSize{{"d", 86400e6}, {"h", 3600e6}, {"min", 60e6}, {"s", 1e6}, {"ms", 1e3}, {"us", 1}}
)

type unitSize struct {
	name string
	size float64
}

// unitTable is the unit list of the parameter's unit and the size of the
// unit itself.
func unitTable(unit string) ([]unitSize, float64) {
	if unit == "8kB" {
		return memoryUnits, 8192
	}
	for _, list := range [][]unitSize{memoryUnits, timeUnits} {
		for _, u := range list {
			if u.name == unit {
				return list, u.size
			}
		}
	}
	return nil, 1
}

func unitHint(list []unitSize) string {
	if len(list) > 0 && list[0].name == "TB" {
		return `Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".`
	}
	return `Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".`
}

// parseNumber reads a number with an optional unit, as PostgreSQL's
// parse_int and parse_real do, in the parameter's own unit.
func (d *settingDef) parseNumber(value string) (float64, error) {
	v := strings.TrimSpace(value)
	end := strings.IndexFunc(v, func(r rune) bool { return !strings.ContainsRune("0123456789.+-eExX", r) })
	if end < 0 {
		end = len(v)
	}
	number, err := parseNumeral(v[:end])
	if err != nil {
		return 0, invalidValue(d, value)
	}
	unit := strings.TrimSpace(v[end:])
	if unit == "" {
		return number, nil
	}
	list, own := unitTable(d.unit)
	if d.unit == "" {
		return 0, invalidValue(d, value)
	}
	for _, u := range list {
		if u.name == unit {
			return number * u.size / own, nil
		}
	}
	e := invalidValue(d, value)
	e.Hint = unitHint(list)
	return 0, e
}

// parseNumeral reads an integer (decimal, 0x hexadecimal) or a decimal
// fraction.
func parseNumeral(s string) (float64, error) {
	if i, err := strconv.ParseInt(s, 0, 64); err == nil {
		return float64(i), nil
	}
	if strings.ContainsAny(s, "xX") {
		return 0, strconv.ErrSyntax
	}
	return strconv.ParseFloat(s, 64)
}

func (d *settingDef) parseInteger(value string) (string, error) {
	number, err := d.parseNumber(value)
	if err != nil {
		return "", err
	}
	n := math.RoundToEven(number)
	if n > math.MaxInt32 || n < math.MinInt32 {
		e := invalidValue(d, value)
		e.Hint = "Value exceeds integer range."
		return "", e
	}
	lo, _ := strconv.ParseFloat(d.min, 64)
	hi, _ := strconv.ParseFloat(d.max, 64)
	if d.min != "" && (n < lo || n > hi) {
		unit := ""
		if d.unit != "" {
			unit = " " + d.unit
		}
		return "", sqlstate.New(sqlstate.InvalidParameterValue, "%d%s is outside the valid range for parameter %q (%s .. %s)",
			int64(n), unit, d.name, d.min, d.max)
	}
	return strconv.FormatInt(int64(n), 10), nil
}

func (d *settingDef) parseReal(value string) (string, error) {
	n, err := d.parseNumber(value)
	if err != nil {
		return "", err
	}
	lo, _ := strconv.ParseFloat(d.min, 64)
	hi, _ := strconv.ParseFloat(d.max, 64)
	if d.min != "" && (n < lo || n > hi) {
		return "", sqlstate.New(sqlstate.InvalidParameterValue, "%s is outside the valid range for parameter %q (%s .. %s)",
			formatReal(n), d.name, d.min, d.max)
	}
	return formatReal(n), nil
}

// formatReal renders a real as C's %g does.
func formatReal(v float64) string {
	s := strconv.FormatFloat(v, 'g', 6, 64)
	if mantissa, exp, ok := strings.Cut(s, "e"); ok {
		sign, digits := exp[:1], strings.TrimLeft(exp[1:], "0")
		for len(digits) < 2 {
			digits = "0" + digits
		}
		return mantissa + "e" + sign + digits
	}
	return s
}

// boolWords are the spellings of on and off an enum parameter that has
// both values accepts, as PostgreSQL's hidden enum entries do.
var boolWords = map[string]string{"true": "on", "yes": "on", "1": "on", "false": "off", "no": "off", "0": "off"}

func (d *settingDef) parseEnum(value string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(value))
	for _, e := range d.enumvals {
		if e == v {
			return e, nil
		}
	}
	if word, ok := boolWords[v]; ok && d.hasEnum("on") && d.hasEnum("off") {
		return word, nil
	}
	e := invalidValue(d, value)
	e.Hint = "Available values: " + strings.Join(d.enumvals, ", ") + "."
	return "", e
}

func (d *settingDef) hasEnum(v string) bool {
	for _, e := range d.enumvals {
		if e == v {
			return true
		}
	}
	return false
}

// show renders a value as SHOW does: a positive memory or time amount in
// the largest unit that divides it.
func (d *settingDef) show(setting string) string {
	if d.unit == "" || (d.vartype != "integer" && d.vartype != "real") {
		return setting
	}
	v, err := strconv.ParseFloat(setting, 64)
	if err != nil || v <= 0 {
		return setting
	}
	list, own := unitTable(d.unit)
	total := v * own
	for _, u := range list {
		if q := total / u.size; q == math.Trunc(q) && q >= 1 {
			if d.vartype == "real" {
				return formatReal(q) + u.name
			}
			return strconv.FormatFloat(q, 'f', -1, 64) + u.name
		}
	}
	return setting + d.unit
}
