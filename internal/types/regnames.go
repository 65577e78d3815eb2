package types

import (
	"reflect"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// OIDs of the object identifier types that show an object's name.
const (
	OIDRegproc      uint32 = 24
	OIDRegprocedure uint32 = 2202
	OIDRegclass     uint32 = 2205
	OIDRegnamespace uint32 = 4089
	OIDRegrole      uint32 = 4096
)

// ObjectNameType is one of PostgreSQL's object identifier types other than
// regtype (regclass, regnamespace, regproc, regprocedure, regrole). As
// regtype, a value is kept as the name its output function shows
// ("users", "\"postgresql.public\".users"); casts to and from oid look the
// name up in the catalog.
type ObjectNameType struct {
	arrow.ExtensionBase
	name string
	oid  uint32
}

// The object identifier types.
var (
	Regclass      = newObjectNameType("regclass", OIDRegclass)
	Regnamespace  = newObjectNameType("regnamespace", OIDRegnamespace)
	Regproc       = newObjectNameType("regproc", OIDRegproc)
	Regprocedure  = newObjectNameType("regprocedure", OIDRegprocedure)
	Regrole       = newObjectNameType("regrole", OIDRegrole)
	objectNameSet = []*ObjectNameType{Regclass, Regnamespace, Regproc, Regprocedure, Regrole}
)

func newObjectNameType(name string, oid uint32) *ObjectNameType {
	return &ObjectNameType{ExtensionBase: arrow.ExtensionBase{Storage: arrow.BinaryTypes.String}, name: name, oid: oid}
}

// ObjectNameArray holds ObjectNameType values.
type ObjectNameArray struct {
	array.ExtensionArrayBase
}

// ArrayType implements arrow.ExtensionType.
func (*ObjectNameType) ArrayType() reflect.Type { return reflect.TypeOf(ObjectNameArray{}) }

// ExtensionName implements arrow.ExtensionType.
func (t *ObjectNameType) ExtensionName() string { return "auger." + t.name }

// Serialize implements arrow.ExtensionType.
func (*ObjectNameType) Serialize() string { return "" }

// Deserialize implements arrow.ExtensionType.
func (t *ObjectNameType) Deserialize(arrow.DataType, string) (arrow.ExtensionType, error) {
	return t, nil
}

// ExtensionEquals implements arrow.ExtensionType.
func (t *ObjectNameType) ExtensionEquals(other arrow.ExtensionType) bool {
	return other.ExtensionName() == t.ExtensionName()
}

// String implements arrow.DataType.
func (t *ObjectNameType) String() string { return t.name }

func init() {
	for _, t := range objectNameSet {
		if err := arrow.RegisterExtensionType(t); err != nil {
			panic(err)
		}
	}
}
