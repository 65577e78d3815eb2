package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/types"
)

// bindTypeOf binds pg_typeof(arg): the name of the argument's type, known
// when planning, as a regtype constant.
func bindTypeOf(sc *scope, arg sql.Expr, b bound) bound {
	name := scalar.NewStringScalar(typeNameOf(sc, arg, b))
	return bound{Expr: &expr.Literal{Value: scalar.NewExtensionScalar(name, types.Regtype)}}
}

// typeNameOf is the PostgreSQL name of a bound argument's type: unknown
// for an untyped literal, the type a cast names, a column's own type
// (varchar, char), else the type its Arrow type stands for.
func typeNameOf(sc *scope, arg sql.Expr, b bound) string {
	if b.Unknown || b.Expr.Type().ID() == arrow.NULL {
		return "unknown"
	}
	if cast, ok := arg.(*sql.Cast); ok {
		if name, err := types.ParseRegtype(cast.TypeName); err == nil {
			return name
		}
	}
	if c, ok := b.Expr.(*expr.Column); ok {
		if _, isRef := arg.(*sql.ColumnRef); isRef && c.Index < sc.schema.NumFields() {
			if f := sc.schema.Field(c.Index); f.Name == c.Name && arrow.TypeEqual(f.Type, c.Typ) {
				return types.FieldTypeName(f)
			}
		}
	}
	return types.FieldTypeName(arrow.Field{Type: b.Expr.Type()})
}
