package planner

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// bindValues plans `VALUES (row), ...`: each column gets the type
// PostgreSQL resolves for it over all rows (text when every value is an
// untyped literal), and the columns are named column1, column2, ...
func (b *Binder) bindValues(ctx context.Context, v *sql.Values) (Node, error) {
	sc := b.newScope(ctx, arrow.NewSchema(nil, nil), nil).in("VALUES")
	rows := make([][]bound, len(v.Rows))
	for i, row := range v.Rows {
		if len(row) != len(v.Rows[0]) {
			return nil, sqlstate.New(sqlstate.SyntaxError, "VALUES lists must all be the same length").At(row[0].Pos() + 1)
		}
		rows[i] = make([]bound, len(row))
		for j, item := range row {
			e, err := bindExpr(sc, item)
			if err != nil {
				return nil, err
			}
			rows[i][j] = e
		}
	}
	names := make([]string, len(v.Rows[0]))
	for j := range names {
		names[j] = fmt.Sprintf("column%d", j+1)
	}
	inputs := make([]Node, len(rows))
	for j := range names {
		if err := settleColumn(rows, j, v.Rows); err != nil {
			return nil, err
		}
	}
	for i, row := range rows {
		exprs := make([]expr.Expr, len(row))
		for j, e := range row {
			exprs[j] = e.Expr
		}
		inputs[i] = &Project{Input: OneRow{}, Exprs: exprs, Names: names}
	}
	var plan Node = inputs[0]
	if len(inputs) > 1 {
		plan = &Union{Inputs: inputs}
	}
	plan, err := bindSetOpOrder(plan, v.OrderBy)
	if err != nil {
		return nil, err
	}
	return b.bindLimit(ctx, plan, v.Limit, v.Offset)
}

// settleColumn gives column j of every row the column's resolved type.
func settleColumn(rows [][]bound, j int, items [][]sql.Expr) error {
	var common arrow.DataType
	mixed := false
	for _, row := range rows {
		if row[j].Unknown || row[j].Expr.Type().ID() == arrow.NULL {
			continue
		}
		if common == nil {
			common = row[j].Expr.Type()
			continue
		}
		t, ok := unionType(common, row[j].Expr.Type())
		if !ok {
			return sqlstate.New(sqlstate.DatatypeMismatch, "VALUES types %s and %s cannot be matched",
				types.PostgresName(common), types.PostgresName(row[j].Expr.Type()))
		}
		mixed = mixed || !arrow.TypeEqual(t, row[j].Expr.Type()) || !arrow.TypeEqual(t, common)
		common = t
	}
	switch {
	case common == nil:
		common = arrow.BinaryTypes.String
	case mixed && classOf(common) == classDecimal:
		// PostgreSQL's common type of numbers of several kinds is numeric
		// without a scale: each value keeps its own.
		common = types.Numeric
	}
	for i, row := range rows {
		if row[j].Unknown {
			e, err := literalAs(row[j], common, items[i][j].Pos())
			if err != nil {
				return err
			}
			row[j] = bound{Expr: e}
			continue
		}
		if !arrow.TypeEqual(row[j].Expr.Type(), common) {
			row[j] = bound{Expr: castTo(row[j].Expr, common)}
		}
	}
	return nil
}
