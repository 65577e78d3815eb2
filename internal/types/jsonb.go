package types

import (
	"reflect"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// JSONBType is PostgreSQL's jsonb: a JSON value held as the text
// PostgreSQL's jsonb output gives it (keys sorted and unique, one space after
// ':' and ','), so that equal values have equal text. json, which keeps its
// input text, is arrow-go's JSON extension type.
type JSONBType struct {
	arrow.ExtensionBase
}

// JSONB is the one instance of JSONBType.
var JSONB = &JSONBType{ExtensionBase: arrow.ExtensionBase{Storage: arrow.BinaryTypes.String}}

// JSONBArray holds JSONBType values.
type JSONBArray struct {
	array.ExtensionArrayBase
}

// ArrayType implements arrow.ExtensionType.
func (*JSONBType) ArrayType() reflect.Type { return reflect.TypeOf(JSONBArray{}) }

// ExtensionName implements arrow.ExtensionType.
func (*JSONBType) ExtensionName() string { return "auger.jsonb" }

// Serialize implements arrow.ExtensionType.
func (*JSONBType) Serialize() string { return "" }

// Deserialize implements arrow.ExtensionType.
func (*JSONBType) Deserialize(arrow.DataType, string) (arrow.ExtensionType, error) { return JSONB, nil }

// ExtensionEquals implements arrow.ExtensionType.
func (*JSONBType) ExtensionEquals(other arrow.ExtensionType) bool {
	return other.ExtensionName() == "auger.jsonb"
}

// String implements arrow.DataType.
func (*JSONBType) String() string { return "jsonb" }

func init() {
	if err := arrow.RegisterExtensionType(JSONB); err != nil {
		panic(err)
	}
}

// ValueStr implements arrow.Array: the value's text.
func (a *JSONBArray) ValueStr(i int) string {
	if a.IsNull(i) {
		return array.NullValueStr
	}
	return a.Storage().(*array.String).Value(i)
}
