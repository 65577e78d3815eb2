package types

import "github.com/jackc/pgx/v5/pgtype"

// oidChar is PostgreSQL's one-byte "char" type (pg_class.relkind).
const oidChar = 18

// charCodec is pgtype's "char" codec that also encodes the catalog's
// "char" columns, which hold one-character strings: "" is the zero byte,
// as PostgreSQL stores it.
type charCodec struct{ pgtype.QCharCodec }

// PlanEncode implements pgtype.Codec.
func (c charCodec) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if _, ok := value.(string); ok {
		return charFromString{}
	}
	return c.QCharCodec.PlanEncode(m, oid, format, value)
}

type charFromString struct{}

// Encode implements pgtype.EncodePlan.
func (charFromString) Encode(value any, buf []byte) ([]byte, error) {
	s := value.(string)
	if s == "" {
		return buf, nil
	}
	return append(buf, s[0]), nil
}
