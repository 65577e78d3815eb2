package exec

import (
	"context"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"
)

// MaxTakenKeys is the most distinct build keys a HashJoin hands its probe
// input: more would make a remote filter longer than it saves.
const MaxTakenKeys = 1000

// KeyTaker is a probe input that can use the join keys of the build side:
// a HashJoin on one key hands them over once it has read its build side,
// before it reads the probe side. keys are the distinct non-NULL values,
// nil when there are more than MaxTakenKeys.
type KeyTaker interface {
	TakeKeys(keys []scalar.Scalar)
}

// KeyedInput is a probe input opened at its first Next, with the keys it
// was handed (nil when none were).
type KeyedInput struct {
	schema *arrow.Schema
	open   func(ctx context.Context, keys []scalar.Scalar) (Operator, error)
	keys   []scalar.Scalar
	op     Operator
	closed bool
}

var _ KeyTaker = (*KeyedInput)(nil)

// NewKeyedInput returns an input of schema that open starts.
func NewKeyedInput(schema *arrow.Schema, open func(ctx context.Context, keys []scalar.Scalar) (Operator, error)) *KeyedInput {
	return &KeyedInput{schema: schema, open: open}
}

// TakeKeys implements KeyTaker.
func (k *KeyedInput) TakeKeys(keys []scalar.Scalar) { k.keys = keys }

// Schema implements Operator.
func (k *KeyedInput) Schema() *arrow.Schema { return k.schema }

// Next implements Operator.
func (k *KeyedInput) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if k.closed {
		return nil, io.EOF
	}
	if k.op == nil {
		op, err := k.open(ctx, k.keys)
		if err != nil {
			return nil, err
		}
		k.op = op
	}
	return k.op.Next(ctx)
}

// Close implements Operator.
func (k *KeyedInput) Close() error {
	k.closed = true
	if k.op == nil {
		return nil
	}
	return k.op.Close()
}
