package engine

import (
	"strconv"
	"strings"

	"auger/internal/types"
)

// TextStyle is how the session writes values in text format: in its time
// zone, DateStyle, IntervalStyle, extra_float_digits and bytea_output.
func (s *Session) TextStyle() types.Style {
	style := types.DefaultStyle(s.Location())
	dates, order, _ := strings.Cut(s.mustShow("DateStyle"), ", ")
	style.Dates = dateStyles[dates]
	style.Order = dateOrders[order]
	style.Intervals = intervalStyles[s.mustShow("IntervalStyle")]
	if digits, err := strconv.Atoi(s.mustShow("extra_float_digits")); err == nil {
		style.ExtraFloatDigits = digits
	}
	style.ByteaEscape = s.mustShow("bytea_output") == "escape"
	return style
}

// dateStyles, dateOrders and intervalStyles read the settings as SHOW
// spells them.
var (
	dateStyles = map[string]types.DateStyle{"ISO": types.ISODates, "SQL": types.SQLDates,
		"Postgres": types.PostgresDates, "German": types.GermanDates}
	dateOrders     = map[string]types.DateOrder{"MDY": types.MDY, "DMY": types.DMY, "YMD": types.YMD}
	intervalStyles = map[string]types.IntervalStyle{"postgres": types.PostgresIntervals,
		"postgres_verbose": types.VerboseIntervals, "sql_standard": types.SQLStandardIntervals,
		"iso_8601": types.ISO8601Intervals}
)
