package postgres

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/types"
)

// arrayDecoder reads PostgreSQL arrays in binary format (the number of
// dimensions, a NULL flag, the element type, each dimension's length and
// lower bound, then the elements, each its length or -1 for NULL and its
// bytes) into a list builder with one level per dimension.
func arrayDecoder(b array.Builder, oid uint32) decoder {
	elemOID, ok := types.ElementOID(oid)
	if !ok {
		return nil
	}
	var levels []*array.ListBuilder
	leaf := b
	for {
		lb, ok := leaf.(*array.ListBuilder)
		if !ok {
			break
		}
		levels = append(levels, lb)
		leaf = lb.ValueBuilder()
	}
	if len(levels) == 0 {
		return nil
	}
	elem, err := newDecoder(leaf, elemOID)
	if err != nil {
		return nil
	}
	return func(raw []byte) error {
		r := &arrayReader{raw: raw, levels: levels, leaf: leaf, elem: elem}
		return r.read()
	}
}

// arrayReader reads one binary array value.
type arrayReader struct {
	raw    []byte
	levels []*array.ListBuilder
	leaf   array.Builder
	elem   decoder
	dims   []int
}

var errShortArray = errors.New("malformed array value: it ends too soon")

func (r *arrayReader) int32() (int32, error) {
	if len(r.raw) < 4 {
		return 0, errShortArray
	}
	v := int32(binary.BigEndian.Uint32(r.raw))
	r.raw = r.raw[4:]
	return v, nil
}

func (r *arrayReader) read() error {
	ndim, err := r.int32()
	if err != nil {
		return err
	}
	if len(r.raw) < 8 {
		return errShortArray
	}
	r.raw = r.raw[8:] // the NULL flag and the element type
	if ndim == 0 {
		r.levels[0].Append(true)
		return nil
	}
	if int(ndim) != len(r.levels) {
		return fmt.Errorf("a %d-dimensional array in a column read as %d-dimensional (its declared dimensions)", ndim, len(r.levels))
	}
	for i := 0; i < int(ndim); i++ {
		length, err := r.int32()
		if err != nil {
			return err
		}
		lower, err := r.int32()
		if err != nil {
			return err
		}
		if lower != 1 {
			return errors.New("arrays with lower bounds other than 1 are not supported")
		}
		r.dims = append(r.dims, int(length))
	}
	return r.level(0)
}

// level appends one sub-array of a dimension, its elements read in order.
func (r *arrayReader) level(d int) error {
	r.levels[d].Append(true)
	for i := 0; i < r.dims[d]; i++ {
		var err error
		if d+1 < len(r.levels) {
			err = r.level(d + 1)
		} else {
			err = r.element()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *arrayReader) element() error {
	n, err := r.int32()
	if err != nil {
		return err
	}
	if n < 0 {
		r.leaf.AppendNull()
		return nil
	}
	if len(r.raw) < int(n) {
		return errShortArray
	}
	value := r.raw[:n]
	r.raw = r.raw[n:]
	return r.elem(value)
}
