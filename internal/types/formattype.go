package types

import "fmt"

// FormatType names a type as PostgreSQL's format_type(oid, typmod) does:
// "character varying(40)", "numeric(10,2)", "integer[]", `"char"`; "???"
// for an OID no type has. typmod is -1 when the type has no modifier.
func FormatType(oid uint32, typmod int32) string {
	if elem, ok := ElementOID(oid); ok {
		return FormatType(elem, typmod) + "[]"
	}
	name, ok := TypeNameOfOID(oid)
	if !ok {
		name, ok = catalogTypeName(oid)
	}
	if !ok {
		return "???"
	}
	if typmod < 0 {
		return name
	}
	switch oid {
	case OIDVarchar, OIDBpchar:
		return fmt.Sprintf("%s(%d)", name, typmod-4)
	case OIDNumeric:
		return fmt.Sprintf("numeric(%d,%d)", (typmod-4)>>16&0xffff, ((typmod-4)&0x7ff^1024)-1024)
	case OIDTimestamp:
		return fmt.Sprintf("timestamp(%d) without time zone", typmod)
	case OIDTimestamptz:
		return fmt.Sprintf("timestamp(%d) with time zone", typmod)
	case OIDTime:
		return fmt.Sprintf("time(%d) without time zone", typmod)
	}
	return name
}

// catalogTypeName names the types pg_type lists beyond the type table
// (the catalog's own column types), as format_type does.
func catalogTypeName(oid uint32) (string, bool) {
	for _, t := range pgTypes {
		if t.OID != oid {
			continue
		}
		if t.Elem != 0 && t.Category == 'A' {
			return FormatType(t.Elem, -1) + "[]", true
		}
		if t.Name == "char" {
			return `"char"`, true
		}
		return t.Name, true
	}
	return "", false
}
