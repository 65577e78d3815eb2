package sql

import (
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// intervalZone reads SET TIME ZONE INTERVAL '+02:00' [HOUR TO MINUTE]: a
// string cast to interval, written as a clock offset, gives the hours east
// of Greenwich ("2", "-3.5") that SET TIME ZONE takes as a number.
func intervalZone(n *pg.Node) (string, bool) {
	cast := n.GetTypeCast()
	if cast == nil || cast.Arg.GetAConst() == nil || cast.TypeName == nil {
		return "", false
	}
	names := cast.TypeName.Names
	if len(names) == 0 || names[len(names)-1].GetString_().GetSval() != "interval" {
		return "", false
	}
	text := strings.TrimSpace(transformConst(cast.Arg.GetAConst()).Value)
	sign := 1.0
	switch {
	case strings.HasPrefix(text, "-"):
		sign, text = -1, text[1:]
	case strings.HasPrefix(text, "+"):
		text = text[1:]
	}
	parts := strings.Split(text, ":")
	if len(parts) > 3 {
		return "", false
	}
	hours := 0.0
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return "", false
		}
		hours += float64(v) / []float64{1, 60, 3600}[i]
	}
	return strconv.FormatFloat(sign*hours, 'f', -1, 64), true
}
