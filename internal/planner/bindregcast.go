package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/types"
)

// bindRegCast binds the casts of the object identifier types (regclass,
// regtype, regnamespace, ...) that look the catalog up: from oid or an
// integer to the type (the object's name), from a name to regclass,
// regnamespace or regrole (which must exist), and from the type to oid.
// They are calls of the functions named after the target type. ok is
// false for other casts.
func bindRegCast(arg bound, to arrow.DataType, pos int) (b bound, ok bool, err error) {
	from := arg.Expr.Type()
	_, fromName := from.(*types.ObjectNameType)
	_, fromType := from.(*types.RegtypeType)
	if (fromName || fromType) && to.ID() == arrow.UINT32 {
		return bound{Expr: regOID(arg.Expr)}, true, nil
	}
	target, isName := to.(*types.ObjectNameType)
	_, isType := to.(*types.RegtypeType)
	switch {
	case !isName && !isType:
		return bound{}, false, nil
	case isType && (arg.Unknown || from.ID() == arrow.STRING):
		return bound{}, false, nil // regtype reads type names without the catalog
	case isType:
		b, err := resolveCall("regtype", []bound{arg}, pos)
		return b, true, err
	}
	b, err = resolveCall(target.String(), []bound{arg}, pos)
	return b, true, err
}

// partitionAncestors binds pg_partition_ancestors(rel): the relation and
// the partitioned tables above it, of which the catalog has none, so the
// relation itself.
func partitionAncestors(f *sql.FuncCall, arg bound) (*expr.Func, error) {
	rel, err := resolveCall("regclass", []bound{arg}, f.Pos())
	if err != nil {
		return nil, err
	}
	return &expr.Func{Name: f.Name, Args: []expr.Expr{rel.Expr}, Typ: types.Regclass}, nil
}

// regOID is the oid an object identifier value stands for, as
// PostgreSQL's implicit casts of regclass and the like to oid give it
// (`oid IN (SELECT 'users'::regclass)`).
func regOID(e expr.Expr) expr.Expr {
	b, err := resolveCall("oid", []bound{{Expr: e}}, 0)
	if err != nil {
		return &expr.Cast{Arg: e, To: oidType}
	}
	return b.Expr
}

// regOfOID is the object identifier value of type dt an oid stands for,
// as PostgreSQL's implicit casts of oid to regclass and the like give it.
func regOfOID(e expr.Expr, dt arrow.DataType) expr.Expr {
	b, err := resolveCall(dt.String(), []bound{{Expr: e}}, 0)
	if err != nil {
		return &expr.Cast{Arg: e, To: dt}
	}
	return b.Expr
}

// oidType holds oid values.
var oidType = arrow.PrimitiveTypes.Uint32

// isReg tells whether dt is an object identifier type that shows a name.
func isReg(dt arrow.DataType) bool {
	switch dt.(type) {
	case *types.ObjectNameType, *types.RegtypeType:
		return true
	}
	return false
}

// OIDs of the catalog's vector types, arrays whose text form has no
// braces: "1 2".
const (
	oidInt2vector = 22
	oidOidvector  = 30
)

// bindVectorText binds a cast to text of a catalog column of type
// int2vector or oidvector (pg_index.indkey): its elements separated by
// spaces, as PostgreSQL writes them. ok is false for other casts.
func bindVectorText(sc *scope, arg sql.Expr, b bound, to arrow.DataType, pos int) (bound, bool, error) {
	c, isColumn := b.Expr.(*expr.Column)
	if _, isRef := arg.(*sql.ColumnRef); !isRef || !isColumn || to.ID() != arrow.STRING || c.Index >= sc.schema.NumFields() {
		return bound{}, false, nil
	}
	f := sc.schema.Field(c.Index)
	if oid := types.FieldOID(f); f.Name != c.Name || (oid != oidInt2vector && oid != oidOidvector) {
		return bound{}, false, nil
	}
	space := bound{Expr: &expr.Literal{Value: scalar.NewStringScalar(" ")}}
	text, _, err := bindArrayFunc(&sql.FuncCall{Name: "array_to_string", Location: pos}, []bound{b, space})
	return text, true, err
}

// oidLike tells whether values of dt compare with an object identifier
// value as oids: oid and the integers.
func oidLike(dt arrow.DataType) bool {
	switch dt.ID() {
	case arrow.UINT32, arrow.INT16, arrow.INT32, arrow.INT64:
		return true
	}
	return false
}
