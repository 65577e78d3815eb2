package planner

import (
	"context"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/expr"
)

// streamingPools adds the connection pools whose readers may still be open
// while n's rows stream: those of the pooled tables n scans, except below
// the nodes that read their input to the end before yielding a row.
func streamingPools(n Node, into map[string]bool) {
	switch t := n.(type) {
	case *Scan:
		if p, ok := t.Table.(catalog.PooledTable); ok {
			into[p.Pool()] = true
		}
		return
	case *RemoteQuery:
		if p, ok := t.Source.(catalog.PooledTable); ok {
			into[p.Pool()] = true
		}
		return
	case *Sort, *TopN, *Aggregate:
		return
	}
	for _, c := range n.Children() {
		streamingPools(c, into)
	}
}

// readPools adds the connection pools a plan reads at all: its scans', its
// subqueries' and its LATERAL items' included.
func readPools(n Node, into map[string]bool) {
	switch t := n.(type) {
	case *Scan:
		if p, ok := t.Table.(catalog.PooledTable); ok {
			into[p.Pool()] = true
		}
	case *RemoteQuery:
		if p, ok := t.Source.(catalog.PooledTable); ok {
			into[p.Pool()] = true
		}
	}
	for _, inner := range innerPlans(n) {
		readPools(inner, into)
	}
	for _, c := range n.Children() {
		readPools(c, into)
	}
}

// innerPlans are the plans a node runs that are not its children: its
// subqueries', a LATERAL item, a recursive step.
func innerPlans(n Node) []Node {
	var out []Node
	switch t := n.(type) {
	case *LateralJoin:
		out = append(out, t.Right)
	case *RecursiveUnion:
		out = append(out, t.Step)
	case *SubqueryValues:
		for _, s := range t.Subs {
			out = append(out, s.Plan.(Node))
		}
	}
	for _, e := range nodeExprs(n) {
		expr.Walk(e, func(x expr.Expr) {
			if s, ok := x.(*expr.Subquery); ok {
				out = append(out, s.Plan.(Node))
			}
		})
	}
	return out
}

// materializedFor reads input (the operator of plan) to the end before
// the plans inner run per row of it, when they read a pool whose
// connections input's readers hold: with a small pool they would wait for
// one forever.
func materializedFor(ctx context.Context, input exec.Operator, plan Node, inner []Node) exec.Operator {
	held := map[string]bool{}
	streamingPools(plan, held)
	if len(held) == 0 {
		return input
	}
	read := map[string]bool{}
	for _, n := range inner {
		readPools(n, read)
	}
	for p := range read {
		if held[p] {
			return exec.NewMaterialize(ctx, input)
		}
	}
	return input
}
