package planner

import (
	"errors"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sql"
)

// pushRemote replaces each largest subtree whose scans all read tables of
// one remote server (catalog.RemoteTable) by a RemoteQuery: filters,
// projections, joins, aggregates, orders and limits over them run there as
// one statement. A part goes only when the server computes it exactly as
// the engine does: no string range comparisons, no text order but a
// bytewise one, none of the types it compares otherwise, no function (so
// nothing volatile), an aggregate whole or not at all. A subtree that is
// a lone scan stays a scan, which already takes its filters and limit.
func pushRemote(n Node) (Node, bool) {
	if r, ok := remoteOf(n); ok && r.worth {
		if q, ok := remoteQueryOf(n, r); ok {
			return q, true
		}
	}
	children := n.Children()
	if len(children) == 0 {
		return n, false
	}
	next := make([]Node, len(children))
	changed := false
	for i, c := range children {
		var ch bool
		next[i], ch = pushRemote(c)
		changed = changed || ch
	}
	if !changed {
		return n, false
	}
	return n.WithChildren(next...), true
}

// remoteSide is what a subtree that can run remotely reads and yields.
type remoteSide struct {
	source catalog.RemoteTable // one of its tables
	// sameOrder says, per column, whether the server compares its values
	// as the engine does.
	sameOrder []bool
	// worth: it does more than scan one table.
	worth bool
}

// remoteOf tells whether all of n can run on one remote server.
func remoteOf(n Node) (remoteSide, bool) {
	switch t := n.(type) {
	case *Scan:
		return remoteScan(t)
	case *Filter:
		in, ok := remoteOf(t.Input)
		return in, ok && remoteExact(t.Cond, in.sameOrder)
	case *Project:
		return remoteProject(t)
	case *Join:
		return remoteJoin(t)
	case *Aggregate:
		return remoteAggregate(t)
	case *Sort:
		in, ok := remoteOf(t.Input)
		if !ok || remoteSortKeys(t.Keys, in.sameOrder) == nil {
			return remoteSide{}, false
		}
		in.worth = true
		return in, true
	case *Limit:
		in, ok := remoteOf(t.Input)
		in.worth = true
		return in, ok
	}
	return remoteSide{}, false
}

func remoteScan(s *Scan) (remoteSide, bool) {
	t, ok := s.Table.(catalog.RemoteTable)
	if !ok {
		return remoteSide{}, false
	}
	columns := t.RemoteColumns()
	same := make([]bool, len(s.Columns))
	for i, c := range s.Columns {
		same[i] = columns[c].SameOrder
	}
	return remoteSide{source: t, sameOrder: same}, true
}

func remoteProject(p *Project) (remoteSide, bool) {
	in, ok := remoteOf(p.Input)
	if !ok {
		return remoteSide{}, false
	}
	same := make([]bool, len(p.Exprs))
	for i, e := range p.Exprs {
		if c, ok := e.(*expr.Column); ok {
			same[i] = in.sameOrder[c.Index]
			continue
		}
		if !remoteExact(e, in.sameOrder) {
			return remoteSide{}, false
		}
		same[i] = comparesAlike(e.Type())
	}
	return remoteSide{source: in.source, sameOrder: same, worth: in.worth}, true
}

// comparesAlike tells whether the server compares computed values of a
// type as the engine does: numbers, booleans, dates, timestamps, strings
// (bytewise when ordered), not intervals or the other types.
func comparesAlike(dt arrow.DataType) bool {
	return classOf(dt) != classOther || dt.ID() == arrow.BOOL
}

// remoteJoinKinds are the joins a remote statement writes.
var remoteJoinKinds = map[JoinKind]sql.RemoteJoinKind{InnerJoin: sql.RemoteInner, LeftJoin: sql.RemoteLeft,
	RightJoin: sql.RemoteRight, FullJoin: sql.RemoteFull, SemiJoin: sql.RemoteSemi, AntiJoin: sql.RemoteAnti}

func remoteJoin(j *Join) (remoteSide, bool) {
	if _, ok := remoteJoinKinds[j.Kind]; !ok {
		return remoteSide{}, false
	}
	l, ok := remoteOf(j.Left)
	if !ok {
		return remoteSide{}, false
	}
	r, ok := remoteOf(j.Right)
	if !ok || r.source.RemoteServer() != l.source.RemoteServer() {
		return remoteSide{}, false
	}
	both := append(append([]bool{}, l.sameOrder...), r.sameOrder...)
	if j.Cond != nil && !remoteExact(j.Cond, both) {
		return remoteSide{}, false
	}
	if j.Kind.LeftOnly() {
		both = l.sameOrder
	}
	return remoteSide{source: l.source, sameOrder: both, worth: true}, true
}

func remoteAggregate(a *Aggregate) (remoteSide, bool) {
	in, ok := remoteOf(a.Input)
	if !ok || a.GroupingSets != nil || len(a.Groups)+len(a.Aggs) == 0 {
		return remoteSide{}, false
	}
	for _, g := range a.Groups {
		if !remoteExact(g, in.sameOrder) {
			return remoteSide{}, false
		}
	}
	for _, c := range a.Aggs {
		if !remoteAgg(c, in.sameOrder) {
			return remoteSide{}, false
		}
	}
	same := make([]bool, 0, len(a.Groups)+len(a.Aggs))
	for _, g := range a.Groups {
		same = append(same, comparesAlike(g.Type()))
	}
	for _, c := range a.Aggs {
		same = append(same, comparesAlike(c.Typ))
	}
	return remoteSide{source: in.source, sameOrder: same, worth: true}, true
}

// remoteAgg tells whether the server computes an aggregate call exactly:
// count, sum and avg of integers and numerics (a float sum depends on the
// order of the rows), min and max of what it orders as the engine does
// but strings, bool_and and bool_or.
func remoteAgg(c AggCall, same []bool) bool {
	if len(c.OrderBy) > 0 || (c.Filter != nil && !remoteExact(c.Filter, same)) {
		return false
	}
	if c.Arg == nil {
		return c.Func == "count"
	}
	if !remoteExact(c.Arg, same) {
		return false
	}
	class := classOf(c.Arg.Type())
	switch c.Func {
	case "count":
		return true
	case "sum", "avg":
		return class == classInteger || class == classDecimal
	case "min", "max":
		return class != classString && class != classOther
	case "bool_and", "bool_or":
		return c.Arg.Type().ID() == arrow.BOOL
	}
	return false
}

// remoteSortKeys are the keys of a Sort as a remote order: columns the
// server orders as the engine does, strings bytewise; nil when a key is
// not such a column.
func remoteSortKeys(keys []SortKey, same []bool) []sql.RemoteSortKey {
	out := make([]sql.RemoteSortKey, len(keys))
	for i, k := range keys {
		c, ok := k.Expr.(*expr.Column)
		if !ok || !same[c.Index] {
			return nil
		}
		out[i] = sql.RemoteSortKey{Column: c.Index, Desc: k.Desc, NullsFirst: k.NullsFirst, Bytewise: classOf(c.Typ) == classString}
	}
	return out
}

// remoteExact tells whether the server evaluates e, over columns of which
// same says which it compares as the engine does, exactly as the engine
// would: an expression the remote statement can write, over such columns
// (or testing any column for NULL), without string range comparisons,
// ILIKE (whose folding of case follows the server's locale) or numeric
// division.
func remoteExact(e expr.Expr, same []bool) bool {
	return sql.RemoteSends(e) && sameRemoteAnswer(e, same)
}

func sameRemoteAnswer(e expr.Expr, same []bool) bool {
	switch n := e.(type) {
	case *expr.Column:
		return n.Index >= 0 && n.Index < len(same) && same[n.Index]
	case *expr.IsNull:
		if c, ok := n.Arg.(*expr.Column); ok {
			return c.Index >= 0 && c.Index < len(same)
		}
	case *expr.Compare:
		if n.Op != expr.Eq && n.Op != expr.Ne && (classOf(n.Left.Type()) == classString || classOf(n.Right.Type()) == classString) {
			return false
		}
	case *expr.Like:
		if n.CaseInsensitive {
			return false
		}
	case *expr.Arith:
		// The scale of a numeric quotient follows rules of its own.
		if n.Op == expr.Div && (classOf(n.Left.Type()) == classDecimal || classOf(n.Right.Type()) == classDecimal) {
			return false
		}
	}
	for _, c := range expr.Children(e) {
		if !sameRemoteAnswer(c, same) {
			return false
		}
	}
	return true
}

// remoteQueryOf builds the statement of a subtree remoteOf accepted; ok is
// false when the statement cannot be written after all.
func remoteQueryOf(n Node, side remoteSide) (*RemoteQuery, bool) {
	p := &sql.RemotePlan{}
	var tables []string
	rel, err := remoteRel(p, n, &tables)
	if err != nil {
		return nil, false
	}
	text, args, err := p.Statement(rel)
	if err != nil {
		return nil, false
	}
	return &RemoteQuery{Source: side.source, Tables: tables,
		Statement: catalog.RemoteStatement{Text: text, Args: args, Schema: n.Schema()}}, true
}

// remoteRel builds n as a relation of p, adding the tables it reads.
func remoteRel(p *sql.RemotePlan, n Node, tables *[]string) (*sql.RemoteRel, error) {
	switch t := n.(type) {
	case *Scan:
		return remoteTableRel(p, t, tables)
	case *Limit:
		// A limit over a projection limits first: the projection may drop
		// the columns the rows are ordered by.
		if proj, ok := t.Input.(*Project); ok {
			return remoteRel(p, proj.WithChildren(t.WithChildren(proj.Input)), tables)
		}
	}
	inputs := make([]*sql.RemoteRel, len(n.Children()))
	for i, c := range n.Children() {
		r, err := remoteRel(p, c, tables)
		if err != nil {
			return nil, err
		}
		inputs[i] = r
	}
	switch t := n.(type) {
	case *Filter:
		return p.Filter(inputs[0], t.Cond)
	case *Project:
		return p.Project(inputs[0], t.Exprs, remoteCasts(t.Exprs))
	case *Join:
		return p.Join(inputs[0], inputs[1], remoteJoinKinds[t.Kind], t.Cond)
	case *Aggregate:
		aggs := make([]sql.RemoteAgg, len(t.Aggs))
		for i, c := range t.Aggs {
			aggs[i] = sql.RemoteAgg{Func: c.Func, Arg: c.Arg, Distinct: c.Distinct, Filter: c.Filter, Type: c.Typ}
		}
		return p.Aggregate(inputs[0], t.Groups, remoteCasts(t.Groups), aggs)
	case *Sort:
		return p.Sort(inputs[0], remoteSortKeys(t.Keys, allSame(inputs[0].Width()))), nil
	case *Limit:
		return p.Limit(inputs[0], t.Offset, t.Count)
	}
	return nil, errNotRemote
}

func remoteTableRel(p *sql.RemotePlan, s *Scan, tables *[]string) (*sql.RemoteRel, error) {
	t := s.Table.(catalog.RemoteTable)
	schema, name := t.RemoteName()
	full, columns := t.Schema(), t.RemoteColumns()
	names := make([]string, len(s.Columns))
	asText := make([]bool, len(s.Columns))
	for i, c := range s.Columns {
		names[i], asText[i] = full.Field(c).Name, columns[c].AsText
	}
	*tables = append(*tables, s.Name)
	return p.Table(schema, name, names, asText, s.Filters, func(i int) string { return full.Field(i).Name }, s.Limit)
}

// remoteCasts casts each computed expression to the engine's type of it,
// so that the server's result has exactly the columns the plan expects.
func remoteCasts(exprs []expr.Expr) []arrow.DataType {
	out := make([]arrow.DataType, len(exprs))
	for i, e := range exprs {
		if _, ok := e.(*expr.Column); !ok {
			out[i] = e.Type()
		}
	}
	return out
}

func allSame(n int) []bool {
	out := make([]bool, n)
	for i := range out {
		out[i] = true
	}
	return out
}

// errNotRemote is a node remoteOf does not accept.
var errNotRemote = errors.New("plan node cannot run remotely")
