package exec

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
)

// Materialize reads its input to the end, and closes it, before yielding
// the first batch. A source whose readers hold a pooled connection while
// they stream thus gives the connection back before the operator above
// runs queries of its own on the same pool (correlated subqueries), which
// would otherwise wait for it forever. The rows held count against the
// query's memory budget.
type Materialize struct {
	input   Operator
	batches []arrow.RecordBatch
	read    bool // the input has been read to the end
	memory  *Reservation
}

// NewMaterialize returns the operator.
func NewMaterialize(ctx context.Context, input Operator) *Materialize {
	return &Materialize{input: input, memory: BudgetOf(ctx).Reserve("materialized rows")}
}

// Schema implements Operator.
func (m *Materialize) Schema() *arrow.Schema { return m.input.Schema() }

// Next implements Operator.
func (m *Materialize) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if !m.read {
		if err := m.readAll(ctx); err != nil {
			return nil, err
		}
	}
	if len(m.batches) == 0 {
		return nil, io.EOF
	}
	b := m.batches[0]
	m.batches = m.batches[1:]
	m.memory.Shrink(batchBytes(b))
	return b, nil
}

// readAll drains the input and closes it.
func (m *Materialize) readAll(ctx context.Context) error {
	for {
		b, err := m.input.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if err := m.memory.Grow(batchBytes(b)); err != nil {
			b.Release()
			return err
		}
		m.batches = append(m.batches, b)
	}
	m.read = true
	return m.input.Close()
}

// Close implements Operator.
func (m *Materialize) Close() error {
	for _, b := range m.batches {
		b.Release()
	}
	m.batches = nil
	m.memory.Release()
	if m.read {
		return nil
	}
	return m.input.Close()
}
