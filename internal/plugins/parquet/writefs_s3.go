package parquet

import "context"

var _ writableFS = s3FS{}

// Create starts an object; S3 has no folders to make.
func (f s3FS) Create(ctx context.Context, p string) (FileWriter, error) {
	u, err := f.bucket.Create(ctx, p)
	if err != nil {
		return nil, err
	}
	return u, nil
}

// Rename copies an object, or every object under a prefix, and deletes the
// originals.
func (f s3FS) Rename(ctx context.Context, from, to string) error {
	return f.bucket.Rename(ctx, from, to)
}

// RemoveAll deletes an object, or every object under a prefix.
func (f s3FS) RemoveAll(ctx context.Context, p string) error {
	return f.bucket.RemoveAll(ctx, p)
}
