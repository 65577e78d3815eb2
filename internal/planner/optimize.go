package planner

import "context"

// Rule rewrites a plan. Apply returns the new plan and whether it changed
// anything, so that the optimiser can tell when to stop. Pushdown marks a
// rule that hands work to a source (filters, a limit, a remote subtree,
// answers from metadata): with pushdown off it does not run.
type Rule struct {
	Name     string
	Apply    func(Node) (Node, bool)
	Pushdown bool
}

// Rules are applied in this order, each once over the whole tree.
var Rules = []Rule{
	{Name: "fold_constants", Apply: foldConstants},
	{Name: "decorrelate", Apply: decorrelate},
	{Name: "push_project_set_filters", Apply: pushProjectSetFilters},
	{Name: "push_join_filters", Apply: pushJoinFilters},
	{Name: "push_filters", Apply: pushFilters, Pushdown: true},
	{Name: "push_limit", Apply: pushLimit, Pushdown: true},
	{Name: "prune_join_inputs", Apply: untilUnchanged(pruneJoinInputs)},
	{Name: "prune_project_set_input", Apply: pruneProjectSetInput},
	{Name: "prune_columns", Apply: pruneColumns},
	{Name: "answer_from_metadata", Apply: answerFromMetadata, Pushdown: true},
	{Name: "push_remote", Apply: pushRemote, Pushdown: true},
	{Name: "fuse_topn", Apply: fuseTopN},
	{Name: "choose_build_side", Apply: chooseBuildSide},
}

// Options are a session's choices for the optimiser. The zero value is
// the default: every rule runs.
type Options struct {
	// NoPushdown skips the rules that hand work to a source (SET
	// auger.pushdown = off): scans read the columns needed and the engine
	// does the rest.
	NoPushdown bool
}

// Optimize applies Rules to a plan, as opts allow.
func Optimize(n Node, opts Options) Node {
	for _, r := range Rules {
		if r.Pushdown && opts.NoPushdown {
			continue
		}
		n, _ = r.Apply(n)
	}
	return n
}

type optionsKey struct{}

// WithOptions returns a context whose subqueries, planned as the query
// runs (correlated ones, ARRAY(...), recursive steps), are optimised with
// opts.
func WithOptions(ctx context.Context, opts Options) context.Context {
	return context.WithValue(ctx, optionsKey{}, opts)
}

// OptionsOf are the optimiser options of a context, the default when it
// has none.
func OptionsOf(ctx context.Context) Options {
	opts, _ := ctx.Value(optionsKey{}).(Options)
	return opts
}

// untilUnchanged repeats a rule while it changes the plan (a few times at
// most), for rules whose rewrite exposes more work below.
func untilUnchanged(apply func(Node) (Node, bool)) func(Node) (Node, bool) {
	return func(n Node) (Node, bool) {
		changed := false
		for i := 0; i < 8; i++ {
			next, ch := apply(n)
			if !ch {
				break
			}
			n, changed = next, true
		}
		return n, changed
	}
}

// transformUp rewrites a tree bottom-up with fn.
func transformUp(n Node, fn func(Node) (Node, bool)) (Node, bool) {
	children := n.Children()
	changed := false
	if len(children) > 0 {
		next := make([]Node, len(children))
		for i, c := range children {
			var ch bool
			next[i], ch = transformUp(c, fn)
			changed = changed || ch
		}
		if changed {
			n = n.WithChildren(next...)
		}
	}
	out, ch := fn(n)
	return out, changed || ch
}
