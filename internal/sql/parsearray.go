package sql

import (
	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/sqlstate"
)

// transformArrayExpr reads ARRAY[...]; a nested bracket list (the inner
// [3,4] of ARRAY[[1,2],[3,4]]) arrives as an ARRAY[...] of its own.
func transformArrayExpr(a *pg.A_ArrayExpr) (Expr, error) {
	out := &ArrayExpr{Location: int(a.Location)}
	for _, e := range a.Elements {
		el, err := transformExpr(e)
		if err != nil {
			return nil, err
		}
		out.Elements = append(out.Elements, el)
	}
	return out, nil
}

// transformIndirection reads subscripts and slices: a[1], a[1:2][3], a[:2],
// and the selection of one field, (row).field.
func transformIndirection(ind *pg.A_Indirection) (Expr, error) {
	arg, err := transformExpr(ind.Arg)
	if err != nil {
		return nil, err
	}
	if len(ind.Indirection) == 1 && ind.Indirection[0].GetString_() != nil {
		return &FieldSelect{Arg: arg, Field: ind.Indirection[0].GetString_().GetSval(), Location: arg.Pos()}, nil
	}
	out := &Subscript{Arg: arg, Location: arg.Pos()}
	for _, n := range ind.Indirection {
		idx := n.GetAIndices()
		if idx == nil {
			return nil, sqlstate.New(sqlstate.FeatureNotSupported, "field selection is not supported yet").At(arg.Pos() + 1)
		}
		ai := ArrayIndex{Slice: idx.IsSlice}
		if ai.Lower, err = optionalExpr(idx.Lidx); err != nil {
			return nil, err
		}
		if ai.Upper, err = optionalExpr(idx.Uidx); err != nil {
			return nil, err
		}
		out.Indexes = append(out.Indexes, ai)
	}
	return out, nil
}

// transformAnyAll reads `x op ANY (array)` and `x op ALL (array)`.
func transformAnyAll(op string, a *pg.A_Expr) (Expr, error) {
	if op == "!=" {
		op = "<>"
	}
	left, err := transformExpr(a.Lexpr)
	if err != nil {
		return nil, err
	}
	right, err := transformExpr(a.Rexpr)
	if err != nil {
		return nil, err
	}
	return &AnyAll{Op: op, All: a.Kind == pg.A_Expr_Kind_AEXPR_OP_ALL, Left: left, Right: right, Location: int(a.Location)}, nil
}

// transformRangeFunction reads a function in FROM. ROWS FROM (...) with
// several functions and column definition lists are not supported.
func transformRangeFunction(text string, rf *pg.RangeFunction) (FromItem, error) {
	if rf.IsRowsfrom || len(rf.Functions) != 1 || len(rf.Coldeflist) > 0 {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "ROWS FROM and column definition lists are not supported yet")
	}
	items := rf.Functions[0].GetList().GetItems()
	if len(items) == 0 || items[0].GetFuncCall() == nil {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "this function in FROM is not supported yet")
	}
	e, err := transformFuncCall(items[0].GetFuncCall())
	if err != nil {
		return nil, err
	}
	call := e.(*FuncCall)
	for _, a := range call.Args {
		markColumnRefs(text, a)
	}
	out := &FunctionRef{Call: call, Ordinality: rf.Ordinality, Location: call.Location}
	if rf.Alias != nil {
		out.Alias = rf.Alias.Aliasname
		for _, c := range rf.Alias.Colnames {
			out.ColumnAliases = append(out.ColumnAliases, c.GetString_().GetSval())
		}
	}
	return out, nil
}

// markArrayColumnRefs marks the quoted column names inside the array
// expressions; it reports whether e was one.
func markArrayColumnRefs(text string, e Expr) bool {
	switch n := e.(type) {
	case *ArrayExpr:
		for _, el := range n.Elements {
			markColumnRefs(text, el)
		}
	case *Subscript:
		markColumnRefs(text, n.Arg)
		for _, i := range n.Indexes {
			markColumnRefs(text, i.Lower)
			markColumnRefs(text, i.Upper)
		}
	case *AnyAll:
		markColumnRefs(text, n.Left)
		markColumnRefs(text, n.Right)
	case *Row:
		for _, it := range n.Items {
			markColumnRefs(text, it)
		}
	default:
		return false
	}
	return true
}
