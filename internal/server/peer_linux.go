package server

import (
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// pollRDHUP is Linux's POLLRDHUP: the peer closed its end (or shut down
// writing), even with data still unread.
const pollRDHUP = 0x2000

// peerClosed tells, without reading, whether the client has closed the
// connection, as PostgreSQL's client_connection_check_interval checks it.
func peerClosed(c net.Conn) bool {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	closed := false
	err = raw.Control(func(fd uintptr) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: pollRDHUP}}
		n, err := unix.Poll(fds, 0)
		closed = err == nil && n > 0 && fds[0].Revents&(pollRDHUP|unix.POLLHUP|unix.POLLERR) != 0
	})
	return err == nil && closed
}
