package postgres

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/types"
)

// remoteQuery builds the SELECT a scan sends. Identifiers are quoted;
// every literal becomes a $n parameter, never text in the statement.
func (t *table) remoteQuery(req catalog.ScanRequest) (string, []any, error) {
	q := &queryBuilder{table: t}
	cols := make([]string, len(req.Columns))
	for i, c := range req.Columns {
		cols[i] = q.column(c)
		if t.asText[c] {
			cols[i] += "::text"
		}
	}
	var b strings.Builder
	b.WriteString("SELECT " + strings.Join(cols, ", "))
	b.WriteString(" FROM " + pgx.Identifier{t.schema, t.name}.Sanitize())
	if len(req.Filters) > 0 {
		conds := make([]string, len(req.Filters))
		for i, f := range req.Filters {
			s, err := q.expr(f)
			if err != nil {
				return "", nil, err
			}
			conds[i] = s
		}
		b.WriteString(" WHERE " + strings.Join(conds, " AND "))
	}
	if req.Limit >= 0 {
		b.WriteString(" LIMIT " + q.param(req.Limit))
	}
	return b.String(), q.args, nil
}

type queryBuilder struct {
	table *table
	args  []any
}

func (q *queryBuilder) column(i int) string {
	return pgx.Identifier{q.table.arrow.Field(i).Name}.Sanitize()
}

func (q *queryBuilder) param(v any) string {
	q.args = append(q.args, v)
	return fmt.Sprintf("$%d", len(q.args))
}

func (q *queryBuilder) expr(e expr.Expr) (string, error) {
	switch n := e.(type) {
	case *expr.Column:
		return q.column(n.Index), nil
	case *expr.Literal:
		return q.literal(n)
	case *expr.Compare:
		return q.binary(n.Left, n.Op.String(), n.Right)
	case *expr.And:
		return q.join(n.Args, " AND ")
	case *expr.Or:
		return q.join(n.Args, " OR ")
	case *expr.Not:
		s, err := q.expr(n.Arg)
		return "(NOT " + s + ")", err
	case *expr.IsNull:
		s, err := q.expr(n.Arg)
		if n.Negated {
			return "(" + s + " IS NOT NULL)", err
		}
		return "(" + s + " IS NULL)", err
	case *expr.InList:
		return q.inList(n)
	}
	return "", fmt.Errorf("cannot send %s to PostgreSQL", e)
}

func (q *queryBuilder) binary(l expr.Expr, op string, r expr.Expr) (string, error) {
	ls, err := q.expr(l)
	if err != nil {
		return "", err
	}
	rs, err := q.expr(r)
	return "(" + ls + " " + op + " " + rs + ")", err
}

func (q *queryBuilder) join(args []expr.Expr, sep string) (string, error) {
	parts := make([]string, len(args))
	for i, a := range args {
		s, err := q.expr(a)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return "(" + strings.Join(parts, sep) + ")", nil
}

func (q *queryBuilder) inList(n *expr.InList) (string, error) {
	arg, err := q.expr(n.Arg)
	if err != nil {
		return "", err
	}
	list, err := q.join(n.List, ", ")
	if err != nil {
		return "", err
	}
	op := " IN "
	if n.Negated {
		op = " NOT IN "
	}
	return "(" + arg + op + list + ")", nil
}

// literal binds a constant with an explicit cast to its PostgreSQL type,
// so the server never has to guess a parameter's type.
func (q *queryBuilder) literal(l *expr.Literal) (string, error) {
	v, err := goValue(l.Value)
	if err != nil {
		return "", err
	}
	return q.param(v) + "::" + castName(l.Value.DataType()), nil
}

func castName(dt arrow.DataType) string {
	if d, ok := dt.(arrow.DecimalType); ok {
		return fmt.Sprintf("numeric(%d,%d)", d.GetPrecision(), d.GetScale())
	}
	return types.PostgresName(dt)
}

// goValue converts a literal to a value pgx binds.
func goValue(s scalar.Scalar) (any, error) {
	if !s.IsValid() {
		return nil, nil
	}
	switch v := s.(type) {
	case *scalar.Boolean:
		return v.Value, nil
	case *scalar.Int8:
		return int64(v.Value), nil
	case *scalar.Int16:
		return int64(v.Value), nil
	case *scalar.Int32:
		return int64(v.Value), nil
	case *scalar.Int64:
		return v.Value, nil
	case *scalar.Float32:
		return float64(v.Value), nil
	case *scalar.Float64:
		return v.Value, nil
	case *scalar.String:
		return v.String(), nil
	case *scalar.Binary:
		return v.Data(), nil
	case *scalar.Date32:
		return v.Value.ToTime(), nil
	case *scalar.Timestamp:
		return v.Value.ToTime(v.DataType().(*arrow.TimestampType).Unit), nil
	case *scalar.Decimal128, *scalar.Decimal256, *scalar.Extension:
		return numericOrText(s)
	}
	return nil, fmt.Errorf("cannot bind a %s literal", s.DataType())
}

func numericOrText(s scalar.Scalar) (any, error) {
	text := s.String()
	if ext, ok := s.(*scalar.Extension); ok {
		if fsb, ok := ext.Value.(*scalar.FixedSizeBinary); ok {
			return uuid.FromBytes(fsb.Data())
		}
		text = ext.Value.String()
		if ext.Type.(arrow.ExtensionType).ExtensionName() != types.Numeric.ExtensionName() {
			return text, nil
		}
	}
	var n pgtype.Numeric
	if err := n.Scan(text); err != nil {
		return nil, err
	}
	return n, nil
}
