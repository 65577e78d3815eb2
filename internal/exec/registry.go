package exec

import (
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// Kernel computes one overload over the columns of a batch: args are the
// call's arguments, already of the overload's parameter types, each with
// k.Rows values. It returns a new array of k.Result's type.
type Kernel func(k *KernelContext, args []arrow.Array) (arrow.Array, error)

// KernelContext is what a kernel knows besides its arguments.
type KernelContext struct {
	Mem    memory.Allocator
	Rows   int            // the number of rows (functions without arguments need it)
	Result arrow.DataType // the call's result type
	Now    time.Time      // the statement's time, for the clock functions
	// Session is the session the statement runs in: its time zone for
	// the functions of timestamptz, its settings for current_setting.
	Session SessionState
}

// Volatility says when a call may be computed ahead of the rows, as
// PostgreSQL's provolatile does.
type Volatility int

// The volatilities.
const (
	Immutable Volatility = iota // the same arguments always give the same result: folded when planning
	Stable                      // fixed for a statement (the clock): computed once as it starts
	Volatile                    // a new value on every call: random(), clock_timestamp()
)

// Overload is one signature of a scalar function or operator and the
// kernel that computes it.
type Overload struct {
	Name       string
	Operator   bool      // an operator: Params are its one (prefix) or two operands
	Params     []SQLType // the parameter types
	Variadic   bool      // the last parameter repeats, once or more
	ParamNames []string  // the parameters' names, for calls that name their arguments; nil when unnamed
	Result     func(args []arrow.DataType) arrow.DataType
	Kernel     Kernel
	Volatility Volatility
	// Inline, for a function PostgreSQL defines in SQL, builds the
	// expression a call stands for from its arguments; Kernel is nil then.
	Inline func(args []expr.Expr) (expr.Expr, error)
}

// Signature implements expr.Overload: "lpad(text, integer, text)", or
// "text || text" for an operator.
func (o *Overload) Signature() string {
	names := make([]string, len(o.Params))
	for i, p := range o.Params {
		names[i] = p.name()
	}
	if o.Variadic {
		names[len(names)-1] = "VARIADIC " + names[len(names)-1]
	}
	switch {
	case !o.Operator:
		return o.Name + "(" + strings.Join(names, ", ") + ")"
	case len(names) == 1:
		return o.Name + " " + names[0]
	}
	return names[0] + " " + o.Name + " " + names[1]
}

// paramsFor gives the parameter type of each of n arguments, repeating a
// variadic last parameter; ok is false when n arguments do not fit.
func (o *Overload) paramsFor(n int) ([]SQLType, bool) {
	switch {
	case !o.Variadic:
		return o.Params, n == len(o.Params)
	case n < len(o.Params):
		return nil, false
	}
	out := append([]SQLType{}, o.Params...)
	for len(out) < n {
		out = append(out, o.Params[len(o.Params)-1])
	}
	return out, true
}

// resultRule gives an overload's result type from its arguments' types.
type resultRule = func(args []arrow.DataType) arrow.DataType

// returns is the rule of an overload whose result type is fixed.
func returns(dt arrow.DataType) resultRule {
	return func([]arrow.DataType) arrow.DataType { return dt }
}

// sameAsFirst is the rule of an overload whose result has its first
// argument's type.
func sameAsFirst(args []arrow.DataType) arrow.DataType { return args[0] }

// fn declares a function overload.
func fn(name string, params []SQLType, result resultRule, k Kernel) *Overload {
	return &Overload{Name: name, Params: params, Result: result, Kernel: k}
}

// op declares an operator overload of one or two operands.
func op(name string, params []SQLType, result resultRule, k Kernel) *Overload {
	return &Overload{Name: name, Operator: true, Params: params, Result: result, Kernel: k}
}

// inlined declares a function PostgreSQL defines in SQL: a call is
// replaced by the expression inline builds.
func inlined(name string, params []SQLType, result resultRule, inline func([]expr.Expr) (expr.Expr, error)) *Overload {
	return &Overload{Name: name, Params: params, Result: result, Inline: inline}
}

// variadic marks an overload's last parameter as repeating.
func variadic(o *Overload) *Overload {
	o.Variadic = true
	return o
}

// withVolatility sets an overload's volatility.
func withVolatility(v Volatility, o *Overload) *Overload {
	o.Volatility = v
	return o
}

// params lists parameter types.
func params(ts ...SQLType) []SQLType { return ts }

// aliases declares, for each name, a copy of every overload given.
func aliases(names []string, ovs ...*Overload) []*Overload {
	var out []*Overload
	for _, name := range names {
		for _, o := range ovs {
			c := *o
			c.Name = name
			out = append(out, &c)
		}
	}
	return out
}

// registry holds every overload Auger computes, functions and operators
// apart (an operator's name is its symbol).
type registry struct {
	functions map[string][]*Overload
	operators map[string][]*Overload
}

// functionRegistry is the one registry: every family of functions adds its
// list to it. (It is built in init because some functions, age(x), resolve
// others of the registry.)
var functionRegistry *registry

func init() {
	functionRegistry = newRegistry(textFunctions, mathFunctions, dateFunctions, conditionalFunctions,
		operatorOverloads, temporalOperators, jsonFunctions, byteaFunctions, settingFunctions,
		sessionFunctions, privilegeFunctions, catalogFunctions, regCastFunctions)
}

func newRegistry(families ...[]*Overload) *registry {
	r := &registry{functions: map[string][]*Overload{}, operators: map[string][]*Overload{}}
	for _, family := range families {
		for _, o := range family {
			m := r.functions
			if o.Operator {
				m = r.operators
			}
			for _, other := range m[o.Name] {
				if other.Signature() == o.Signature() {
					panic(fmt.Sprintf("function registry: %s declared twice", o.Signature()))
				}
			}
			m[o.Name] = append(m[o.Name], o)
		}
	}
	return r
}

// HasFunction tells whether the registry has a function of that name.
func HasFunction(name string) bool { return len(functionRegistry.functions[name]) > 0 }

// ParameterNames are the parameter names of the function's overload that
// has the most, for calls that name their arguments; nil when it has none.
func ParameterNames(name string) []string {
	var out []string
	for _, o := range functionRegistry.functions[name] {
		if len(o.ParamNames) > len(out) {
			out = o.ParamNames
		}
	}
	return out
}
