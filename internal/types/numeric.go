package types

import (
	"reflect"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// NumericType is PostgreSQL's unconstrained numeric: exact decimal values of
// any precision and scale, stored as their canonical text ("-12.340").
type NumericType struct {
	arrow.ExtensionBase
}

// Numeric is the one instance of NumericType.
var Numeric = &NumericType{ExtensionBase: arrow.ExtensionBase{Storage: arrow.BinaryTypes.String}}

// NumericArray holds NumericType values.
type NumericArray struct {
	array.ExtensionArrayBase
}

// ArrayType implements arrow.ExtensionType.
func (*NumericType) ArrayType() reflect.Type { return reflect.TypeOf(NumericArray{}) }

// ExtensionName implements arrow.ExtensionType.
func (*NumericType) ExtensionName() string { return "auger.numeric" }

// Serialize implements arrow.ExtensionType.
func (*NumericType) Serialize() string { return "" }

// Deserialize implements arrow.ExtensionType.
func (*NumericType) Deserialize(storage arrow.DataType, _ string) (arrow.ExtensionType, error) {
	return Numeric, nil
}

// ExtensionEquals implements arrow.ExtensionType.
func (*NumericType) ExtensionEquals(other arrow.ExtensionType) bool {
	return other.ExtensionName() == "auger.numeric"
}

// String implements arrow.DataType.
func (*NumericType) String() string { return "numeric" }

func init() {
	if err := arrow.RegisterExtensionType(Numeric); err != nil {
		panic(err)
	}
}

// ValueStr implements arrow.Array: the value's text.
func (a *NumericArray) ValueStr(i int) string {
	if a.IsNull(i) {
		return array.NullValueStr
	}
	return a.Storage().(*array.String).Value(i)
}
