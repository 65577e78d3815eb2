package exec

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
)

// CallArg is one argument of a call as resolution sees it.
type CallArg struct {
	Type    arrow.DataType
	Unknown bool // an untyped string literal or parameter: it takes the type the overload wants
}

func (a CallArg) sqlType() SQLType {
	if a.Unknown {
		return tUnknown
	}
	return sqlTypeOf(a.Type)
}

// Resolution is the overload a call resolves to and what its arguments
// become.
type Resolution struct {
	Overload *Overload
	ArgTypes []arrow.DataType // the Arrow type each argument is brought to
	Result   arrow.DataType
}

// ResolveFunction picks the overload of a function a call with these
// arguments means, as PostgreSQL's func_get_detail does: an exact match,
// else the one candidate reachable by implicit casts, else the best by
// exact matches, preferred types and the categories unknown literals can
// take. It fails with PostgreSQL's 42883 (no such function) or 42725 (not
// unique); the caller adds the position.
func ResolveFunction(name string, args []CallArg) (Resolution, error) {
	best, status := selectOverload(functionRegistry.functions[name], args, false)
	switch status {
	case noMatch:
		return Resolution{}, NoFunctionError(name, args)
	case ambiguous:
		return Resolution{}, sqlstate.New(sqlstate.AmbiguousFunction, "function %s(%s) is not unique", name, argNames(args)).
			WithHint("Could not choose a best candidate function. You might need to add explicit type casts.")
	}
	return resolved(best, args), nil
}

// NoFunctionError is PostgreSQL's 42883 for a call of a function no
// overload of which takes these arguments.
func NoFunctionError(name string, args []CallArg) *sqlstate.Error {
	return sqlstate.New(sqlstate.UndefinedFunction, "function %s(%s) does not exist", name, argNames(args)).
		WithHint("No function matches the given name and argument types. You might need to add explicit type casts.")
}

// ResolveOperator picks the overload of a prefix (one argument) or binary
// operator, as PostgreSQL's oper_select_candidate does: first an exact
// match, reading an unknown operand as the other operand's type.
func ResolveOperator(name string, args []CallArg) (Resolution, error) {
	best, status := selectOverload(functionRegistry.operators[name], args, true)
	signature := name + " " + argNames(args[:1])
	if len(args) == 2 {
		signature = argNames(args[:1]) + " " + name + " " + argNames(args[1:])
	}
	switch status {
	case noMatch:
		return Resolution{}, sqlstate.New(sqlstate.UndefinedFunction, "operator does not exist: %s", signature).
			WithHint("No operator matches the given name and argument types. You might need to add explicit type casts.")
	case ambiguous:
		return Resolution{}, sqlstate.New(sqlstate.AmbiguousFunction, "operator is not unique: %s", signature).
			WithHint("Could not choose a best candidate operator. You might need to add explicit type casts.")
	}
	return resolved(best, args), nil
}

func argNames(args []CallArg) string {
	names := make([]string, len(args))
	for i, a := range args {
		names[i] = a.sqlType().name()
	}
	return strings.Join(names, ", ")
}

func resolved(o *Overload, args []CallArg) Resolution {
	ps, _ := o.paramsFor(len(args))
	out := Resolution{Overload: o, ArgTypes: make([]arrow.DataType, len(args))}
	for i, a := range args {
		out.ArgTypes[i] = argumentType(ps[i], a.Type, a.Unknown || a.Type.ID() == arrow.NULL)
	}
	out.Result = o.Result(out.ArgTypes)
	return out
}

type selectStatus int

const (
	found selectStatus = iota
	noMatch
	ambiguous
)

// candidate is an overload with its parameters laid out for the call.
type candidate struct {
	overload *Overload
	params   []SQLType
}

func selectOverload(overloads []*Overload, args []CallArg, operator bool) (*Overload, selectStatus) {
	inputs := make([]SQLType, len(args))
	for i, a := range args {
		inputs[i] = a.sqlType()
	}
	var all []candidate
	for _, o := range overloads {
		if ps, ok := o.paramsFor(len(args)); ok {
			all = append(all, candidate{o, ps})
		}
	}
	if c, ok := exactMatch(all, exactInputs(inputs, operator)); ok {
		return c.overload, found
	}
	var coercible []candidate
	for _, c := range all {
		if coercibleTo(inputs, c.params) {
			coercible = append(coercible, c)
		}
	}
	switch len(coercible) {
	case 0:
		return nil, noMatch
	case 1:
		return coercible[0].overload, found
	}
	if c, ok := bestCandidate(inputs, coercible); ok {
		return c.overload, found
	}
	return nil, ambiguous
}

// exactInputs are the types an exact match is looked for with: for a
// binary operator with one unknown operand, the other operand's type on
// both sides.
func exactInputs(inputs []SQLType, operator bool) []SQLType {
	if !operator || len(inputs) != 2 {
		return inputs
	}
	switch {
	case inputs[0] == tUnknown && inputs[1] != tUnknown:
		return []SQLType{inputs[1], inputs[1]}
	case inputs[1] == tUnknown && inputs[0] != tUnknown:
		return []SQLType{inputs[0], inputs[0]}
	}
	return inputs
}

func exactMatch(cands []candidate, inputs []SQLType) (candidate, bool) {
	for _, c := range cands {
		exact := true
		for i, t := range inputs {
			exact = exact && t != tUnknown && c.params[i] == t
		}
		if exact {
			return c, true
		}
	}
	return candidate{}, false
}

// coercibleTo tells whether every input reaches its parameter by an
// implicit cast, and the polymorphic parameters agree on one type.
func coercibleTo(inputs, ps []SQLType) bool {
	shared := tUnknown
	for i, t := range inputs {
		if !canCoerce(t, ps[i]) {
			return false
		}
		if (ps[i] == tAnyElement || ps[i] == tAnyCompatible) && t != tUnknown {
			if shared != tUnknown && shared != t {
				return false
			}
			shared = t
		}
	}
	return true
}

// bestCandidate is PostgreSQL's func_select_candidate over candidates
// that all accept the inputs.
func bestCandidate(inputs []SQLType, cands []candidate) (candidate, bool) {
	cands = keepMost(cands, func(c candidate) int {
		n := 0
		for i, t := range inputs {
			if t != tUnknown && c.params[i] == t {
				n++
			}
		}
		return n
	})
	if len(cands) == 1 {
		return cands[0], true
	}
	cands = keepMost(cands, func(c candidate) int {
		n := 0
		for i, t := range inputs {
			p := c.params[i]
			if t != tUnknown && (p == t || p.preferred() && p.category() == t.category()) {
				n++
			}
		}
		return n
	})
	if len(cands) == 1 {
		return cands[0], true
	}
	if cands = byUnknownCategories(inputs, cands); len(cands) == 1 {
		return cands[0], true
	}
	return unknownsAsKnownType(inputs, cands)
}

// keepMost keeps the candidates that score highest (all of them when none
// scores).
func keepMost(cands []candidate, score func(candidate) int) []candidate {
	best, out := -1, []candidate(nil)
	for _, c := range cands {
		switch s := score(c); {
		case s > best:
			best, out = s, []candidate{c}
		case s == best:
			out = append(out, c)
		}
	}
	return out
}

// byUnknownCategories settles the unknown inputs: at each unknown
// position the string category if a candidate takes it, else the one
// category all candidates take; then only candidates of those categories
// (and of the preferred type, where one takes it) stay.
func byUnknownCategories(inputs []SQLType, cands []candidate) []candidate {
	type slot struct {
		category  byte
		preferred bool
	}
	slots := map[int]slot{}
	for i, t := range inputs {
		if t != tUnknown {
			continue
		}
		s, conflict := slot{}, false
		for _, c := range cands {
			p := c.params[i]
			switch cat := p.category(); {
			case s.category == 0:
				s = slot{cat, p.preferred()}
			case cat == s.category:
				s.preferred = s.preferred || p.preferred()
			case cat == 'S':
				s = slot{cat, p.preferred()}
			case s.category != 'S':
				conflict = true
			}
		}
		if conflict && s.category != 'S' {
			return cands
		}
		slots[i] = s
	}
	if len(slots) == 0 {
		return cands
	}
	var kept []candidate
	for _, c := range cands {
		keep := true
		for i, s := range slots {
			p := c.params[i]
			keep = keep && p.category() == s.category && (!s.preferred || p.preferred())
		}
		if keep {
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 {
		return cands
	}
	return kept
}

// unknownsAsKnownType is the last resort: when every typed input has the
// same type, the unknown ones are taken to be of it too.
func unknownsAsKnownType(inputs []SQLType, cands []candidate) (candidate, bool) {
	known := tUnknown
	for _, t := range inputs {
		switch {
		case t == tUnknown:
		case known == tUnknown:
			known = t
		case known != t:
			return candidate{}, false
		}
	}
	if known == tUnknown {
		return candidate{}, false
	}
	assumed := make([]SQLType, len(inputs))
	for i, t := range inputs {
		assumed[i] = t
		if t == tUnknown {
			assumed[i] = known
		}
	}
	var match []candidate
	for _, c := range cands {
		if coercibleTo(assumed, c.params) {
			match = append(match, c)
		}
	}
	if len(match) == 1 {
		return match[0], true
	}
	return candidate{}, false
}
