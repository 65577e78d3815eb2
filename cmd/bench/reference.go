package main

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// decodeRowGroups decodes the columns with one goroutine per core, each
// taking the next row group.
func decodeRowGroups(ctx context.Context, path string, cols []int) (int64, error) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return 0, err
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 64 * 1024}, memory.NewGoAllocator())
	if err != nil {
		return 0, err
	}
	var (
		mu         sync.Mutex
		next       int
		total      int64
		firstError error
		wg         sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				mu.Lock()
				g := next
				next++
				mu.Unlock()
				if g >= pf.NumRowGroups() {
					return
				}
				n, err := drain(ctx, fr, cols, []int{g})
				mu.Lock()
				total += n
				firstError = errors.Join(firstError, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return total, firstError
}

// decodeParallelColumns decodes with arrow-go's own parallelism: one
// record reader over the whole file decoding its columns concurrently.
func decodeParallelColumns(ctx context.Context, path string, cols []int) (int64, error) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return 0, err
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 64 * 1024, Parallel: true}, memory.NewGoAllocator())
	if err != nil {
		return 0, err
	}
	return drain(ctx, fr, cols, nil)
}

// drain reads the row groups (all when nil) of the columns (the lineitem
// columns are flat: a column's index is its leaf's).
func drain(ctx context.Context, fr *pqarrow.FileReader, cols, groups []int) (int64, error) {
	rr, err := fr.GetRecordReader(ctx, cols, groups)
	if err != nil {
		return 0, err
	}
	defer rr.Release()
	var n int64
	for rr.Next() {
		n += rr.RecordBatch().NumRows()
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		return n, err
	}
	return n, nil
}

// neededBytes is, from the footer, the compressed size of the column
// chunks of cols in the row groups a scan must read: those whose
// l_orderkey statistics may hold key, or all when key < 0.
func neededBytes(path string, cols []int, key int64) (int64, error) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return 0, err
	}
	defer pf.Close()
	var total int64
	for g := range pf.NumRowGroups() {
		rg := pf.MetaData().RowGroup(g)
		if key >= 0 && !mayHold(rg, key) {
			continue
		}
		for _, c := range cols {
			chunk, err := rg.ColumnChunk(c)
			if err != nil {
				return 0, err
			}
			total += chunk.TotalCompressedSize()
		}
	}
	return total, nil
}

// mayHold tells whether a row group's l_orderkey range holds key.
func mayHold(rg *metadata.RowGroupMetaData, key int64) bool {
	chunk, err := rg.ColumnChunk(0)
	if err != nil {
		return true
	}
	stats, err := chunk.Statistics()
	if err != nil || stats == nil || !stats.HasMinMax() {
		return true
	}
	s := stats.(*metadata.Int64Statistics)
	return s.Min() <= key && key <= s.Max()
}
