package server

import (
	"net"
	"sync"
)

// connTable keeps the open client connections by remote address, so that
// a running statement can tell whether its client is still there.
type connTable struct {
	mu     sync.Mutex
	conns  map[string]net.Conn
	closed func(addr string) // told of each connection that closes
}

func newConnTable() *connTable { return &connTable{conns: map[string]net.Conn{}} }

func (t *connTable) lookup(addr string) net.Conn {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.conns[addr]
}

// trackingListener records the connections it accepts in a connTable.
type trackingListener struct {
	net.Listener
	table *connTable
}

// Accept implements net.Listener.
func (l trackingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	addr := c.RemoteAddr().String()
	l.table.mu.Lock()
	l.table.conns[addr] = c
	l.table.mu.Unlock()
	return &trackedConn{Conn: c, table: l.table, addr: addr}, nil
}

// trackedConn leaves the table when it closes.
type trackedConn struct {
	net.Conn
	table *connTable
	addr  string
	once  sync.Once
}

// Close implements net.Conn.
func (c *trackedConn) Close() error {
	c.once.Do(func() {
		c.table.mu.Lock()
		if c.table.conns[c.addr] == c.Conn {
			delete(c.table.conns, c.addr)
		}
		closed := c.table.closed
		c.table.mu.Unlock()
		if closed != nil {
			closed(c.addr)
		}
	})
	return c.Conn.Close()
}
