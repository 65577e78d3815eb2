package s3

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"auger/internal/catalog"
)

// deleteBatch is the most keys one DeleteObjects request takes.
const deleteBatch = 1000

// Rename moves an object, or every object under the folder from, to to,
// which must not exist yet. S3 has no rename: each object is copied
// (CopyObject, so objects up to 5 GiB), then the originals are deleted.
// When a copy fails the copies made so far are deleted and the originals
// stay.
func (fs *FileSystem) Rename(ctx context.Context, from, to string) error {
	src, dst := key(from), key(to)
	if src == "" || dst == "" || src == dst || strings.HasPrefix(dst, src+"/") {
		return fmt.Errorf("s3://%s: cannot rename %s to %s", fs.bucket, from, to)
	}
	if exists, err := fs.exists(ctx, dst); err != nil {
		return err
	} else if exists {
		return fmt.Errorf("rename to s3://%s/%s: %w", fs.bucket, dst, catalog.ErrTableExists)
	}
	keys, err := fs.objectsAt(ctx, src)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return fs.wrap("rename "+from, &types.NoSuchKey{})
	}
	defer fs.listings.invalidate(src)
	defer fs.listings.invalidate(dst)
	return fs.moveKeys(ctx, keys, src, dst)
}

// moveKeys copies keys from under src to dst and deletes the originals;
// when a copy fails it deletes the copies started so far instead.
func (fs *FileSystem) moveKeys(ctx context.Context, keys []string, src, dst string) error {
	copies, err := fs.copyAll(ctx, keys, src, dst)
	if err != nil {
		cleanup, cancel := context.WithTimeout(context.WithoutCancel(ctx), abortTimeout)
		defer cancel()
		return errors.Join(err, fs.deleteKeys(cleanup, copies))
	}
	return fs.deleteKeys(ctx, keys)
}

// RemoveAll deletes an object, or every object under the folder p; a
// missing path is not an error.
func (fs *FileSystem) RemoveAll(ctx context.Context, p string) error {
	k := key(p)
	if k == "" {
		return fmt.Errorf("s3://%s: cannot remove the bucket's root", fs.bucket)
	}
	keys, err := fs.objectsAt(ctx, k)
	if err != nil {
		return err
	}
	defer fs.listings.invalidate(k)
	return fs.deleteKeys(ctx, keys)
}

// concurrentCopies is how many CopyObject requests a rename runs at once:
// a partitioned table is hundreds of small files.
const concurrentCopies = 16

// copyAll copies each key from under src to the same place under dst,
// concurrentCopies at a time, and returns the keys of the copies it
// started. After a failure it starts no more and waits for those under
// way, so that the copies returned are all that can exist; a cancelled
// context cuts them short.
func (fs *FileSystem) copyAll(ctx context.Context, keys []string, src, dst string) ([]string, error) {
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		failure error
		started []string
	)
	failed := func() error {
		mu.Lock()
		defer mu.Unlock()
		return failure
	}
	slots := make(chan struct{}, concurrentCopies)
	for _, k := range keys {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil || failed() != nil {
			break
		}
		target := dst + strings.TrimPrefix(k, src)
		started = append(started, target)
		wg.Go(func() {
			defer func() { <-slots }()
			if err := fs.copyObject(ctx, k, target); err != nil {
				mu.Lock()
				defer mu.Unlock()
				failure = cmp.Or(failure, err)
			}
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		return started, fmt.Errorf("rename s3://%s/%s: %w", fs.bucket, src, context.Cause(ctx))
	}
	return started, failure
}

// copyObject copies the object k to target.
func (fs *FileSystem) copyObject(ctx context.Context, k, target string) error {
	source := url.PathEscape(fs.bucket) + "/" + escapeKey(k)
	_, err := fs.client.CopyObject(ctx, &s3.CopyObjectInput{Bucket: &fs.bucket, Key: &target, CopySource: &source})
	fs.counts.record(nil, 0)
	if err != nil {
		return fs.wrap("copy "+k+" to "+target, err)
	}
	return nil
}

// escapeKey escapes a key for a CopySource, keeping its slashes: a plus
// sign too, which some servers read as a space.
func escapeKey(k string) string {
	parts := strings.Split(k, "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(url.QueryEscape(p), "+", "%20")
	}
	return strings.Join(parts, "/")
}

// exists tells whether an object or a folder is at key k.
func (fs *FileSystem) exists(ctx context.Context, k string) (bool, error) {
	_, err := fs.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &fs.bucket, Key: &k})
	fs.counts.record(nil, 0)
	if err == nil {
		return true, nil
	}
	if !isNotFound(err) {
		return false, fs.wrap("stat "+k, err)
	}
	under, err := fs.listKeys(ctx, k+"/", 1)
	return len(under) > 0, err
}

// objectsAt returns the object at key k and every object under k/.
func (fs *FileSystem) objectsAt(ctx context.Context, k string) ([]string, error) {
	keys, err := fs.listKeys(ctx, k, 0)
	if err != nil {
		return nil, err
	}
	out := keys[:0]
	for _, found := range keys {
		if found == k || strings.HasPrefix(found, k+"/") {
			out = append(out, found)
		}
	}
	return out, nil
}

// listKeys lists the keys that start with k, in every folder below, up to
// about limit of them (0: all). Keys such as k+"x" that only share the
// start are listed too: callers keep what they need.
func (fs *FileSystem) listKeys(ctx context.Context, k string, limit int) ([]string, error) {
	var out []string
	input := &s3.ListObjectsV2Input{Bucket: &fs.bucket, Prefix: &k}
	if limit > 0 {
		input.MaxKeys = aws.Int32(int32(limit))
	}
	pages := s3.NewListObjectsV2Paginator(fs.client, input)
	for pages.HasMorePages() && (limit == 0 || len(out) < limit) {
		page, err := pages.NextPage(ctx)
		fs.counts.record(nil, 0)
		if err != nil {
			return nil, fs.wrap("list "+k, err)
		}
		for _, o := range page.Contents {
			out = append(out, aws.ToString(o.Key))
		}
	}
	return out, nil
}

// deleteKeys deletes objects, a thousand per request.
func (fs *FileSystem) deleteKeys(ctx context.Context, keys []string) error {
	for start := 0; start < len(keys); start += deleteBatch {
		batch := keys[start:min(start+deleteBatch, len(keys))]
		ids := make([]types.ObjectIdentifier, len(batch))
		for i := range batch {
			ids[i] = types.ObjectIdentifier{Key: &batch[i]}
		}
		out, err := fs.client.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: &fs.bucket,
			Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)}})
		fs.counts.record(nil, 0)
		if err != nil {
			return fs.wrap("delete objects", err)
		}
		if len(out.Errors) > 0 {
			e := out.Errors[0]
			return fmt.Errorf("plugin %q: delete s3://%s/%s: %s", fs.plugin, fs.bucket, aws.ToString(e.Key), aws.ToString(e.Message))
		}
	}
	return nil
}
