package exec

import (
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/types"
)

// SQL types of the json family, uuid and text[] for the registry.
const (
	tJSON      = SQLType(types.OIDJSON)
	tJSONB     = SQLType(types.OIDJSONB)
	tUUID      = SQLType(types.OIDUUID)
	tTextArray = SQLType(1009)
)

var (
	jsonType  arrow.DataType = types.JSON
	jsonbType arrow.DataType = types.JSONB
)

// isJSONB tells whether values of dt are jsonb (else json).
func isJSONB(dt arrow.DataType) bool {
	_, ok := dt.(*types.JSONBType)
	return ok
}

// jsonTexts reads the text of a json or jsonb column.
func jsonTexts(arr arrow.Array) func(i int) string {
	if ext, ok := arr.(array.ExtensionArray); ok {
		arr = ext.Storage()
	}
	return arr.(*array.String).Value
}

// jsonValues parses the rows of a json or jsonb column, each once.
func jsonValues(arr arrow.Array) func(i int) (*types.JSONValue, error) {
	text, jsonb := jsonTexts(arr), isJSONB(arr.DataType())
	parsed := map[int]*types.JSONValue{}
	return func(i int) (*types.JSONValue, error) {
		if v, ok := parsed[i]; ok {
			return v, nil
		}
		v, err := types.ParseJSON(text(i), jsonb)
		parsed[i] = v
		return v, err
	}
}

// renderJSON is a value as a json or jsonb result holds it: its text as
// written for json, jsonb's rendering for jsonb.
func renderJSON(v *types.JSONValue, jsonb bool) string {
	if jsonb {
		return v.JSONB()
	}
	return v.Raw
}

// jsonResult builds a json or jsonb column (typ) of k.Rows values, NULL
// where an argument is NULL or f says so.
func jsonResult(k *KernelContext, args []arrow.Array, f func(i int) (string, bool, error)) (arrow.Array, error) {
	storage, err := strictOrNull(stringBuilder(k), k, args, f)
	if err != nil {
		return nil, err
	}
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(k.Result.(arrow.ExtensionType), storage), nil
}

// jsonOf renders row i of any column as to_json does: numbers and
// booleans as themselves, json as written, arrays as JSON arrays, every
// other value as the JSON string of its text (timestamps in ISO 8601).
func jsonOf(arr arrow.Array, i int, loc *time.Location) string {
	if arr.IsNull(i) {
		return "null"
	}
	switch a := arr.(type) {
	case *array.List:
		var b strings.Builder
		b.WriteByte('[')
		from, to := a.ValueOffsets(i)
		for j := from; j < to; j++ {
			if j > from {
				b.WriteByte(',')
			}
			b.WriteString(jsonOf(a.ListValues(), int(j), loc))
		}
		b.WriteByte(']')
		return b.String()
	case *array.Boolean:
		if a.Value(i) {
			return "true"
		}
		return "false"
	}
	text := types.FormatText(arr, i, loc)
	switch dt := arr.DataType(); {
	case isJSONB(dt) || dt.ID() == arrow.EXTENSION && types.WireOID(dt) == types.OIDJSON:
		return text
	case isNumber(dt):
		if strings.ContainsAny(text, "NI") { // NaN, Infinity
			return types.QuoteJSON(text)
		}
		return text
	case dt.ID() == arrow.TIMESTAMP:
		return types.QuoteJSON(isoTimestamp(text, dt.(*arrow.TimestampType).TimeZone != ""))
	}
	return types.QuoteJSON(text)
}

// isNumber tells whether values of dt are numbers, which JSON writes bare.
func isNumber(dt arrow.DataType) bool {
	switch types.WireOID(dt) {
	case types.OIDInt2, types.OIDInt4, types.OIDInt8, types.OIDFloat4, types.OIDFloat8, types.OIDNumeric:
		return true
	}
	return false
}

// isoTimestamp turns PostgreSQL's timestamp text into ISO 8601, as JSON
// renders timestamps: "2024-01-02T03:04:05", "...+00:00".
func isoTimestamp(text string, zoned bool) string {
	text = strings.Replace(text, " ", "T", 1)
	if !zoned {
		return text
	}
	if at := strings.LastIndexAny(text, "+-"); at > len("2024-01-02") && len(text)-at == 3 {
		text += ":00"
	}
	return text
}
