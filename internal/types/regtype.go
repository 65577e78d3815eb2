package types

import (
	"reflect"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
)

// OIDRegtype is regtype, the type of pg_typeof's result: a type, written
// as format_type names it.
const OIDRegtype uint32 = 2206

// RegtypeType is PostgreSQL's regtype, stored as the type's name (format_type
// without a type modifier: "integer", "character varying", "text[]").
type RegtypeType struct {
	arrow.ExtensionBase
}

// Regtype is the one instance of RegtypeType.
var Regtype = &RegtypeType{ExtensionBase: arrow.ExtensionBase{Storage: arrow.BinaryTypes.String}}

// RegtypeArray holds RegtypeType values.
type RegtypeArray struct {
	array.ExtensionArrayBase
}

// ArrayType implements arrow.ExtensionType.
func (*RegtypeType) ArrayType() reflect.Type { return reflect.TypeOf(RegtypeArray{}) }

// ExtensionName implements arrow.ExtensionType.
func (*RegtypeType) ExtensionName() string { return "auger.regtype" }

// Serialize implements arrow.ExtensionType.
func (*RegtypeType) Serialize() string { return "" }

// Deserialize implements arrow.ExtensionType.
func (*RegtypeType) Deserialize(arrow.DataType, string) (arrow.ExtensionType, error) {
	return Regtype, nil
}

// ExtensionEquals implements arrow.ExtensionType.
func (*RegtypeType) ExtensionEquals(other arrow.ExtensionType) bool {
	return other.ExtensionName() == "auger.regtype"
}

// String implements arrow.DataType.
func (*RegtypeType) String() string { return "regtype" }

func init() {
	if err := arrow.RegisterExtensionType(Regtype); err != nil {
		panic(err)
	}
}

// TypeNameOfOID is the name format_type gives a type OID without a type
// modifier ("character varying", "integer[]"); ok is false for OIDs the
// type table does not hold.
func TypeNameOfOID(oid uint32) (string, bool) {
	for _, e := range table {
		if e.oid == oid {
			return e.pgName, true
		}
	}
	if elem, ok := elementOIDs[oid]; ok {
		if name, known := TypeNameOfOID(elem); known {
			return name + "[]", true
		}
	}
	return "", false
}

// FieldTypeName is the name of the type of a column's values as
// pg_typeof reports it: the PostgreSQL type the column came from, else
// the one its Arrow type is sent as.
func FieldTypeName(f arrow.Field) string {
	if name, ok := TypeNameOfOID(FieldOID(f)); ok {
		return name
	}
	return "text"
}

// ParseRegtype reads a type name as regtype's input does: any spelling of
// a type the type table holds, kept as format_type's name.
func ParseRegtype(text string) (string, error) {
	name := strings.ToLower(strings.TrimSpace(text))
	elem, isArray := strings.CutSuffix(name, "[]")
	if alias, ok := typeAliases[elem]; ok {
		elem = alias
	}
	for _, e := range table {
		if e.pgName == elem || e.typname == elem {
			if isArray {
				return e.pgName + "[]", nil
			}
			return e.pgName, nil
		}
	}
	return "", sqlstate.New(sqlstate.UndefinedObject, "type %q does not exist", strings.TrimSpace(text))
}
