package testenv

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"time"
)

// AbandonQuery connects to a PostgreSQL-protocol server at addr, sends
// one query in the simple protocol, waits a moment and closes the
// connection without a cancel request or a Terminate message, as a client
// that crashed or lost its network leaves a query behind. (libpq and pgx
// send a cancel request when their connection breaks, so they cannot
// show what a server does with a client that just goes away.)
func AbandonQuery(addr, user, query string, wait time.Duration) error {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	params := "user\x00" + user + "\x00database\x00" + user + "\x00\x00"
	startup := binary.BigEndian.AppendUint32(nil, uint32(8+len(params)))
	startup = binary.BigEndian.AppendUint32(startup, 3<<16)
	if _, err := c.Write(append(startup, params...)); err != nil {
		return err
	}
	if err := readUntilReady(bufio.NewReader(c)); err != nil {
		return err
	}
	msg := append([]byte{'Q'}, binary.BigEndian.AppendUint32(nil, uint32(4+len(query)+1))...)
	if _, err := c.Write(append(append(msg, query...), 0)); err != nil {
		return err
	}
	time.Sleep(wait)
	return nil
}

// readUntilReady reads server messages up to the first ReadyForQuery.
func readUntilReady(r *bufio.Reader) error {
	for {
		kind, err := r.ReadByte()
		if err != nil {
			return err
		}
		var size [4]byte
		if _, err := io.ReadFull(r, size[:]); err != nil {
			return err
		}
		body := make([]byte, binary.BigEndian.Uint32(size[:])-4)
		if _, err := io.ReadFull(r, body); err != nil {
			return err
		}
		switch kind {
		case 'E':
			return fmt.Errorf("the server refused the connection: %q", body)
		case 'Z':
			return nil
		}
	}
}
