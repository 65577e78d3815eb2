package planner

import (
	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sql"
)

// argKind is what a function parameter takes.
type argKind int

const (
	textArg argKind = iota // text, or an unknown literal
	intArg                 // any integer, brought to integer
)

// textSignatures are the text functions with fixed parameters: name, the
// parameter kinds (a trailing optional one is marked by minArgs), result.
var textSignatures = map[string]struct {
	params  []argKind
	minArgs int
	result  arrow.DataType
}{
	"substr":      {[]argKind{textArg, intArg, intArg}, 2, arrow.BinaryTypes.String},
	"substring":   {[]argKind{textArg, intArg, intArg}, 2, arrow.BinaryTypes.String},
	"btrim":       {[]argKind{textArg, textArg}, 1, arrow.BinaryTypes.String},
	"ltrim":       {[]argKind{textArg, textArg}, 1, arrow.BinaryTypes.String},
	"rtrim":       {[]argKind{textArg, textArg}, 1, arrow.BinaryTypes.String},
	"replace":     {[]argKind{textArg, textArg, textArg}, 3, arrow.BinaryTypes.String},
	"strpos":      {[]argKind{textArg, textArg}, 2, arrow.PrimitiveTypes.Int32},
	"position":    {[]argKind{textArg, textArg}, 2, arrow.PrimitiveTypes.Int32},
	"left":        {[]argKind{textArg, intArg}, 2, arrow.BinaryTypes.String},
	"right":       {[]argKind{textArg, intArg}, 2, arrow.BinaryTypes.String},
	"starts_with": {[]argKind{textArg, textArg}, 2, arrow.FixedWidthTypes.Boolean},
}

// bindTextFunc binds a function of textSignatures; ok is false for other
// names or argument counts.
func bindTextFunc(f *sql.FuncCall, args []bound) (bound, bool, error) {
	sig, known := textSignatures[f.Name]
	if !known || len(args) < sig.minArgs || len(args) > len(sig.params) {
		return bound{}, false, nil
	}
	exprs := make([]expr.Expr, len(args))
	for i, a := range args {
		e, ok := argAs(a, sig.params[i])
		if !ok {
			return bound{}, true, noFunction(f.Name, args, f.Pos())
		}
		exprs[i] = e
	}
	name := f.Name
	switch name {
	case "substring":
		name = "substr"
	case "position":
		name = "strpos"
	}
	return bound{Expr: &expr.Func{Name: name, Args: exprs, Typ: sig.result}}, true, nil
}

func argAs(b bound, kind argKind) (expr.Expr, bool) {
	if kind == textArg {
		return asText(b)
	}
	if classOf(b.Expr.Type()) != classInteger {
		return nil, false
	}
	if b.Expr.Type().ID() == arrow.INT64 {
		return b.Expr, true
	}
	return castTo(b.Expr, arrow.PrimitiveTypes.Int64), true
}
