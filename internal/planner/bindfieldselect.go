package planner

import (
	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// expandArray is information_schema._pg_expandarray(array), which JDBC's
// getPrimaryKeys calls: a row (x, n) per element, x the element and n its
// position from 1.
const expandArray = "_pg_expandarray"

// expandArrayRow is the type of _pg_expandarray's rows over elements of
// type elem.
func expandArrayRow(elem arrow.DataType) *arrow.StructType {
	return arrow.StructOf(arrow.Field{Name: "x", Type: elem, Nullable: true},
		arrow.Field{Name: "n", Type: arrow.PrimitiveTypes.Int32, Nullable: true})
}

// expandArrayCall types _pg_expandarray(array).
func expandArrayCall(f *sql.FuncCall, args []bound) (*expr.Func, error) {
	if len(args) != 1 {
		return nil, noFunction(f.Name, args, f.Pos())
	}
	arr, err := polymorphicArray(f, args, 0)
	if err != nil {
		return nil, err
	}
	elem, _ := types.ArrayElement(arr.Type())
	return &expr.Func{Name: expandArray, Args: []expr.Expr{arr}, Typ: expandArrayRow(elem)}, nil
}

// bindFieldSelect binds (arg).field: a field of a composite value, or of
// the rows of _pg_expandarray, which then yields that field alone.
func bindFieldSelect(sc *scope, n *sql.FieldSelect) (bound, error) {
	arg, err := bindExpr(sc, n.Arg)
	if err != nil {
		return bound{}, err
	}
	st, ok := arg.Expr.Type().(*arrow.StructType)
	if !ok {
		return bound{}, sqlstate.New("42809", "column notation .%s applied to type %s, which is not a composite type",
			n.Field, types.PostgresName(arg.Expr.Type())).At(n.Pos() + 1)
	}
	i, found := st.FieldIdx(n.Field)
	if !found {
		return bound{}, sqlstate.New(sqlstate.UndefinedColumn, "column %q not found in data type record", n.Field).At(n.Pos() + 1)
	}
	if f, ok := arg.Expr.(*expr.Func); ok && f.Name == expandArray {
		return bound{Expr: &expr.Func{Name: expandArray + "." + n.Field, Args: f.Args, Typ: st.Field(i).Type}}, nil
	}
	return bound{Expr: &expr.FieldOf{Arg: arg.Expr, Index: i, Name: n.Field}}, nil
}
