package types

import (
	"reflect"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// OIDVoid is the type of functions that return nothing (setseed).
const OIDVoid uint32 = 2278

// VoidType is PostgreSQL's void: a value that is not NULL and renders as
// the empty string, stored as an empty text.
type VoidType struct {
	arrow.ExtensionBase
}

// Void is the one instance of VoidType.
var Void = &VoidType{ExtensionBase: arrow.ExtensionBase{Storage: arrow.BinaryTypes.String}}

// VoidArray holds VoidType values.
type VoidArray struct {
	array.ExtensionArrayBase
}

// ArrayType implements arrow.ExtensionType.
func (*VoidType) ArrayType() reflect.Type { return reflect.TypeOf(VoidArray{}) }

// ExtensionName implements arrow.ExtensionType.
func (*VoidType) ExtensionName() string { return "auger.void" }

// Serialize implements arrow.ExtensionType.
func (*VoidType) Serialize() string { return "" }

// Deserialize implements arrow.ExtensionType.
func (*VoidType) Deserialize(arrow.DataType, string) (arrow.ExtensionType, error) { return Void, nil }

// ExtensionEquals implements arrow.ExtensionType.
func (*VoidType) ExtensionEquals(other arrow.ExtensionType) bool {
	return other.ExtensionName() == "auger.void"
}

// String implements arrow.DataType.
func (*VoidType) String() string { return "void" }

func init() {
	if err := arrow.RegisterExtensionType(Void); err != nil {
		panic(err)
	}
}
