package planner

// AsRemoteQuery is the whole plan n as one RemoteQuery when all of it can
// run on one remote server: n itself when the optimiser made it one, or a
// subtree the optimiser leaves as it is because it only scans one table.
// A write statement whose target is that server runs it there.
func AsRemoteQuery(n Node) (*RemoteQuery, bool) {
	if q, ok := n.(*RemoteQuery); ok {
		return q, true
	}
	side, ok := remoteOf(n)
	if !ok {
		return nil, false
	}
	return remoteQueryOf(n, side)
}
