package catalog

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow/scalar"
)

// MetadataAggregate is one aggregate over every row of a table that a
// MetadataAggregator may answer: Func is "count" (Column -1 for count(*))
// , "min" or "max"; Column indexes Table.Schema().
type MetadataAggregate struct {
	Func   string
	Column int
}

// MetadataAggregator is a Table that can answer aggregates over all its
// rows from metadata alone (Parquet footers) instead of reading them.
type MetadataAggregator interface {
	// AggregateFromMetadata returns one value per aggregate: an int64 for a
	// count, a value of the column's type (NULL when there is no non-NULL
	// value) for min and max. ok is false, with no values, when some answer
	// would not be exact: then the engine reads the rows.
	AggregateFromMetadata(ctx context.Context, aggs []MetadataAggregate) (values []scalar.Scalar, ok bool, err error)
}
