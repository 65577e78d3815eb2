package types

import (
	"github.com/apache/arrow-go/v18/arrow"
)

// PostgreSQL arrays are Arrow lists. PostgreSQL gives every array of an
// element type one type (integer[] holds one- and two-dimensional values
// alike); Auger makes the number of dimensions part of the type instead:
// a one-dimensional integer[] is List<int32>, a two-dimensional one
// List<List<int32>>. Both report the OID and name of integer[]. Every
// dimension starts at 1: lower bounds other than 1 are not supported.

// arrayOIDs maps an element type's OID to the OID of its array type
// (pg_type.typarray).
var arrayOIDs = map[uint32]uint32{
	OIDBool: 1000, OIDBytea: 1001, OIDName: 1003, OIDInt8: 1016, OIDInt2: 1005, OIDInt4: 1007,
	OIDText: 1009, OIDOid: 1028, OIDJSON: 199, OIDFloat4: 1021, OIDFloat8: 1022, OIDBpchar: 1014,
	OIDVarchar: 1015, OIDDate: 1182, OIDTime: 1183, OIDTimestamp: 1115, OIDTimestamptz: 1185,
	OIDInterval: 1187, OIDNumeric: 1231, OIDUUID: 2951, OIDJSONB: 3807,
}

// elementOIDs is arrayOIDs inverted: an array type's element type.
var elementOIDs = func() map[uint32]uint32 {
	out := make(map[uint32]uint32, len(arrayOIDs))
	for elem, arr := range arrayOIDs {
		out[arr] = elem
	}
	return out
}()

// ArrayOID is the OID of the array type whose elements have type OID
// elem; ok is false when Auger knows no such array type.
func ArrayOID(elem uint32) (uint32, bool) {
	oid, ok := arrayOIDs[elem]
	return oid, ok
}

// ElementOID is the element type of the array type oid; ok is false when
// oid is not an array type Auger knows.
func ElementOID(oid uint32) (uint32, bool) {
	elem, ok := elementOIDs[oid]
	return elem, ok
}

// ArrayOf is the type of an array of one more dimension over dt (an
// element type, or an array type for a deeper array).
func ArrayOf(dt arrow.DataType) arrow.DataType {
	return arrow.ListOf(dt)
}

// ArrayOfDepth is the type of a dims-dimensional array of elem.
func ArrayOfDepth(elem arrow.DataType, dims int) arrow.DataType {
	for i := 0; i < dims; i++ {
		elem = ArrayOf(elem)
	}
	return elem
}

// IsArray tells whether dt is an array type.
func IsArray(dt arrow.DataType) bool {
	_, ok := dt.(*arrow.ListType)
	return ok
}

// ArrayElement is the element type of an array: the leaf type, below every
// dimension, and the number of dimensions (0 for a type that is no array).
func ArrayElement(dt arrow.DataType) (arrow.DataType, int) {
	dims := 0
	for {
		l, ok := dt.(*arrow.ListType)
		if !ok {
			return dt, dims
		}
		dt, dims = l.Elem(), dims+1
	}
}

// arrayWireOID is the array OID of a list type (of any depth): that of
// its element type.
func arrayWireOID(dt arrow.DataType) uint32 {
	elem, _ := ArrayElement(dt)
	if oid, ok := arrayOIDs[WireOID(elem)]; ok {
		return oid
	}
	return arrayOIDs[OIDText]
}
