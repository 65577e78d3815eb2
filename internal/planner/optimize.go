package planner

// Rule rewrites a plan. Apply returns the new plan and whether it changed
// anything, so that the optimiser can tell when to stop.
type Rule struct {
	Name  string
	Apply func(Node) (Node, bool)
}

// Rules are applied in this order, each once over the whole tree.
var Rules = []Rule{
	{Name: "fold_constants", Apply: foldConstants},
	{Name: "decorrelate", Apply: decorrelate},
	{Name: "push_project_set_filters", Apply: pushProjectSetFilters},
	{Name: "push_join_filters", Apply: pushJoinFilters},
	{Name: "push_filters", Apply: pushFilters},
	{Name: "push_limit", Apply: pushLimit},
	{Name: "prune_join_inputs", Apply: untilUnchanged(pruneJoinInputs)},
	{Name: "prune_project_set_input", Apply: pruneProjectSetInput},
	{Name: "prune_columns", Apply: pruneColumns},
	{Name: "answer_from_metadata", Apply: answerFromMetadata},
	{Name: "fuse_topn", Apply: fuseTopN},
	{Name: "choose_build_side", Apply: chooseBuildSide},
}

// Optimize applies Rules to a plan.
func Optimize(n Node) Node {
	for _, r := range Rules {
		n, _ = r.Apply(n)
	}
	return n
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
