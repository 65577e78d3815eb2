package postgres

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/types"
)

// remoteQuery builds the SELECT a scan sends, as a PostgreSQL parse tree
// printed by PostgreSQL's deparser: names are quoted as PostgreSQL needs and
// every literal is a $n parameter, never text in the statement.
func (t *table) remoteQuery(req catalog.ScanRequest) (string, []any, error) {
	q := sql.RemoteSelect{
		Schema: t.schema, Table: t.name, Filters: req.Filters, Limit: req.Limit,
		ColumnName: func(i int) string { return t.arrow.Field(i).Name },
	}
	for _, c := range req.Columns {
		q.Columns = append(q.Columns, t.arrow.Field(c).Name)
		q.AsText = append(q.AsText, t.asText[c])
	}
	text, params, err := q.Deparse()
	if err != nil {
		return "", nil, err
	}
	args := make([]any, len(params))
	for i, p := range params {
		if lit, ok := p.(*expr.Literal); ok {
			if p, err = goValue(lit.Value); err != nil {
				return "", nil, err
			}
		}
		args[i] = p
	}
	return text, args, nil
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
