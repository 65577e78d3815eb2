package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// Parameters are the types of a statement's `$n` parameters, as
// PostgreSQL settles them: given by the client, or else taken from where
// each parameter is first used (`id = $1` makes $1 an integer), and text
// when nothing tells.
type Parameters struct {
	types []arrow.DataType // nil where not settled yet
	used  []bool
}

// NewParameters starts with the types the client gave; a nil entry (an
// unspecified or unknown type) is inferred from the query.
func NewParameters(given []arrow.DataType) *Parameters {
	return &Parameters{types: append([]arrow.DataType{}, given...), used: make([]bool, len(given))}
}

// Types returns the settled type of every parameter, $1 first. A
// parameter used only where any type fits is text; one the query skips
// (it uses $2 but not $1) has no type, which is 42P18, as in PostgreSQL.
func (p *Parameters) Types() ([]arrow.DataType, error) {
	out := make([]arrow.DataType, len(p.types))
	for i, t := range p.types {
		switch {
		case t != nil:
			out[i] = t
		case p.used[i]:
			out[i] = arrow.BinaryTypes.String
		default:
			return nil, sqlstate.New(sqlstate.IndeterminateDatatype, "could not determine data type of parameter $%d", i+1)
		}
	}
	return out, nil
}

// bind gives the expression of one use of a parameter: typed when its
// type is settled, otherwise of unknown type, like a string literal,
// until the context decides.
func (p *Parameters) bind(n *sql.Param) (bound, error) {
	i := n.Number - 1
	if i < 0 || i >= 65535 {
		return bound{}, sqlstate.New(sqlstate.InvalidParameterReference, "there is no parameter $%d", n.Number).At(n.Pos() + 1)
	}
	for len(p.types) <= i {
		p.types = append(p.types, nil)
		p.used = append(p.used, false)
	}
	p.used[i] = true
	if t := p.types[i]; t != nil {
		return bound{Expr: &expr.Param{Index: i, Typ: t}}, nil
	}
	return bound{Expr: &expr.Param{Index: i, Typ: arrow.BinaryTypes.String}, Unknown: true, param: p}, nil
}

// settle gives an unknown-typed parameter the type its context needs; the
// first context to decide fixes the parameter's type.
func (p *Parameters) settle(e expr.Expr, dt arrow.DataType) expr.Expr {
	param := e.(*expr.Param)
	if p.types[param.Index] == nil {
		p.types[param.Index] = dt
	}
	return &expr.Param{Index: param.Index, Typ: dt}
}

// BindValues puts the values a client bound in place of the parameters of
// a plan, subqueries included. values[i] is $i+1's value, of the type
// Types gave it; a use of the parameter typed otherwise gets it cast.
func BindValues(n Node, values []scalar.Scalar) (Node, error) {
	children := n.Children()
	if len(children) > 0 {
		next := make([]Node, len(children))
		for i, c := range children {
			r, err := BindValues(c, values)
			if err != nil {
				return nil, err
			}
			next[i] = r
		}
		n = n.WithChildren(next...)
	}
	if l, ok := n.(*ParamLimit); ok {
		return l.bindValues(values)
	}
	return mapNodeExprs(n, func(e expr.Expr) (expr.Expr, error) { return bindValuesIn(e, values) })
}

func bindValuesIn(e expr.Expr, values []scalar.Scalar) (expr.Expr, error) {
	switch n := e.(type) {
	case *expr.Param:
		v := values[n.Index]
		if arrow.TypeEqual(v.DataType(), n.Typ) {
			return &expr.Literal{Value: v}, nil
		}
		v, err := types.CastScalar(v, n.Typ)
		return &expr.Literal{Value: v}, err
	case *expr.Subquery:
		plan, err := BindValues(n.Plan.(Node), values)
		if err != nil {
			return nil, err
		}
		c := *n
		c.Plan = plan
		e = &c
	}
	children := expr.Children(e)
	if len(children) == 0 {
		return e, nil
	}
	next := make([]expr.Expr, len(children))
	for i, c := range children {
		r, err := bindValuesIn(c, values)
		if err != nil {
			return nil, err
		}
		next[i] = r
	}
	return expr.WithChildren(e, next), nil
}
