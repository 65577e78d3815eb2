package planner

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/exec"
	"auger/internal/expr"
)

// ProjectSet computes set-returning functions (unnest, generate_series,
// generate_subscripts) over its input, as PostgreSQL's ProjectSet node
// does: each input row is repeated once per row of its longest function
// result, the shorter results padded with NULLs. Its rows are the input's
// columns, then one column per function, then with Ordinality the row's
// number within its input row. With Outer an input row whose functions
// return no row is kept once, with NULLs (LEFT JOIN LATERAL ... ON true).
type ProjectSet struct {
	Input      Node
	Funcs      []*expr.Func // over Input's columns
	Names      []string     // the function columns' names
	Ordinality bool
	Outer      bool
}

// Schema implements Node.
func (p *ProjectSet) Schema() *arrow.Schema {
	fields := append([]arrow.Field{}, p.Input.Schema().Fields()...)
	for i, f := range p.Funcs {
		fields = append(fields, arrow.Field{Name: p.Names[i], Type: f.Typ, Nullable: true})
	}
	if p.Ordinality {
		fields = append(fields, arrow.Field{Name: "ordinality", Type: arrow.PrimitiveTypes.Int64, Nullable: p.Outer})
	}
	return arrow.NewSchema(fields, nil)
}

// Children implements Node.
func (p *ProjectSet) Children() []Node { return []Node{p.Input} }

// WithChildren implements Node.
func (p *ProjectSet) WithChildren(c ...Node) Node {
	out := *p
	out.Input = c[0]
	return &out
}

// Describe implements Node.
func (p *ProjectSet) Describe() string {
	parts := make([]string, len(p.Funcs))
	for i, f := range p.Funcs {
		parts[i] = f.String() + " AS " + p.Names[i]
	}
	d := "ProjectSet " + strings.Join(parts, ", ")
	if p.Ordinality {
		d += " WITH ORDINALITY"
	}
	if p.Outer {
		d += " outer"
	}
	return d
}

func buildProjectSet(p *ProjectSet, input exec.Operator) exec.Operator {
	funcs := make([]exec.SetFunc, len(p.Funcs))
	for i, f := range p.Funcs {
		funcs[i] = exec.SetFunc{Name: f.Name, Args: f.Args, Typ: f.Typ}
	}
	return exec.NewProjectSet(input, funcs, p.Ordinality, p.Outer, p.Schema())
}

// mapExprs rewrites the functions' arguments (mapNodeExprs).
func (p *ProjectSet) mapExprs(f func(expr.Expr) (expr.Expr, error)) (Node, error) {
	c := *p
	c.Funcs = make([]*expr.Func, len(p.Funcs))
	for i, fn := range p.Funcs {
		mapped, err := f(fn)
		if err != nil {
			return nil, err
		}
		c.Funcs[i] = mapped.(*expr.Func)
	}
	return &c, nil
}
