package parquet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
)

// jsonSample is how many objects of a table's first JSON file its schema
// is inferred from.
const jsonSample = 1000

// jsonKind is what a JSON value says of its column's type.
type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonBigint
	jsonDouble
	jsonBoolean
	jsonVarchar
	jsonNested // an object or array: the column is json
)

// kindOfJSON classifies one raw JSON value.
func kindOfJSON(raw json.RawMessage) jsonKind {
	switch raw[0] {
	case 'n':
		return jsonNull
	case 't', 'f':
		return jsonBoolean
	case '"':
		return jsonVarchar
	case '{', '[':
		return jsonNested
	}
	if _, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		return jsonBigint
	}
	return jsonDouble
}

// widenJSON is a column's kind after one more value: NULL says nothing,
// bigint and double make double, any other mix makes varchar.
func widenJSON(a, b jsonKind) jsonKind {
	switch {
	case a == b || b == jsonNull:
		return a
	case a == jsonNull:
		return b
	case (a == jsonBigint && b == jsonDouble) || (a == jsonDouble && b == jsonBigint):
		return jsonDouble
	}
	return jsonVarchar
}

func arrowOfJSON(k jsonKind) arrow.DataType {
	switch k {
	case jsonBigint:
		return arrow.PrimitiveTypes.Int64
	case jsonDouble:
		return arrow.PrimitiveTypes.Float64
	case jsonBoolean:
		return arrow.FixedWidthTypes.Boolean
	case jsonNested:
		return jsonType
	}
	return arrow.BinaryTypes.String
}

// jsonObject is one object's members in the order written.
type jsonObject struct {
	keys   []string
	values []json.RawMessage
}

// readObject reads the next top-level object; io.EOF after the last.
func readObject(dec *json.Decoder) (jsonObject, error) {
	var obj jsonObject
	tok, err := dec.Token()
	if err != nil {
		return obj, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return obj, fmt.Errorf("expected an object, found %v", tok)
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return obj, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return obj, err
		}
		obj.keys = append(obj.keys, key.(string))
		obj.values = append(obj.values, raw)
	}
	_, err = dec.Token()
	return obj, err
}

// inferJSON is a JSON file's schema: its keys in first-seen order, each
// typed by the values of the first jsonSample objects (see widenJSON;
// a column of NULLs only is varchar).
func inferJSON(in io.Reader, path string) (*arrow.Schema, error) {
	dec := json.NewDecoder(in)
	var names []string
	kinds := map[string]jsonKind{}
	for range jsonSample {
		obj, err := readObject(dec)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, unreadable(path, "JSON", err)
		}
		for i, k := range obj.keys {
			if _, seen := kinds[k]; !seen {
				names = append(names, k)
			}
			kinds[k] = widenJSON(kinds[k], kindOfJSON(obj.values[i]))
		}
	}
	fields := make([]arrow.Field, len(names))
	for i, n := range names {
		fields[i] = arrow.Field{Name: n, Type: arrowOfJSON(kinds[n]), Nullable: true}
	}
	return arrow.NewSchema(fields, nil), nil
}

// jsonSource reads newline-delimited JSON objects: a missing key is NULL,
// a key not in the schema is dropped.
type jsonSource struct {
	dec    *json.Decoder
	schema *arrow.Schema
	index  map[string]int
	path   string
	row    int
}

func newJSONSource(in io.Reader, schema *arrow.Schema, path string) *jsonSource {
	index := map[string]int{}
	for i, f := range schema.Fields() {
		index[f.Name] = i
	}
	return &jsonSource{dec: json.NewDecoder(in), schema: schema, index: index, path: path}
}

// read implements rowSource.
func (s *jsonSource) read(builders []array.Builder, max int) (int, error) {
	values := make([]json.RawMessage, len(builders))
	for n := 0; n < max; n++ {
		obj, err := readObject(s.dec)
		if errors.Is(err, io.EOF) {
			return n, io.EOF
		}
		if err != nil {
			return n, unreadable(s.path, "JSON", err)
		}
		s.row++
		clear(values)
		for i, k := range obj.keys {
			if c, ok := s.index[k]; ok {
				values[c] = obj.values[i]
			}
		}
		for i, b := range builders {
			if err := appendJSON(b, values[i]); err != nil {
				return n, sqlstate.New(sqlstate.InvalidTextRepresentation, "%s, object %d, key %q: %v", s.path, s.row, s.schema.Field(i).Name, err)
			}
		}
	}
	return max, nil
}

// appendJSON appends one raw value to its column's builder.
func appendJSON(b array.Builder, raw json.RawMessage) error {
	if raw == nil || bytes.Equal(raw, []byte("null")) {
		b.AppendNull()
		return nil
	}
	switch b := b.(type) {
	case *array.Int64Builder:
		v, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			return fmt.Errorf("invalid input syntax for type bigint: %s", raw)
		}
		b.Append(v)
	case *array.Float64Builder:
		v, err := strconv.ParseFloat(string(raw), 64)
		if err != nil {
			return fmt.Errorf("invalid input syntax for type double precision: %s", raw)
		}
		b.Append(v)
	case *array.BooleanBuilder:
		v, err := strconv.ParseBool(string(raw))
		if err != nil {
			return fmt.Errorf("invalid input syntax for type boolean: %s", raw)
		}
		b.Append(v)
	case *array.StringBuilder:
		b.Append(jsonText(raw))
	}
	return nil
}

// jsonText is a varchar column's text of a value: a string's contents,
// any other value's JSON text.
func jsonText(raw json.RawMessage) string {
	var s string
	if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}
