package s3

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// PartSize is the size of every part of a multipart upload but the last.
// S3 wants at least 5 MiB a part and at most 10,000 parts: 8 MiB parts
// reach 78 GiB, far beyond a table's file, while an upload in flight holds
// only a few of them in memory.
const PartSize = 8 << 20

// partsInFlight is how many parts of one upload are sent at once; Write
// waits when all are busy, so an upload holds at most partsInFlight+1
// parts in memory.
const partsInFlight = 3

// abortTimeout bounds the requests that clean up after a failed upload,
// which run after the caller's context may be gone.
const abortTimeout = 10 * time.Second

// Upload is an object being written as a stream. An object smaller than
// one part goes as one PutObject at Close; a larger one as a multipart
// upload whose parts are sent while writing goes on. The object exists
// only once Close succeeds.
type Upload struct {
	fs     *FileSystem
	ctx    context.Context
	cancel context.CancelFunc
	key    string
	buf    []byte

	id    string // of the multipart upload, once started
	next  int32  // number of the next part
	slots chan struct{}
	spare chan []byte // buffers of parts sent, for the next parts
	sent  sync.WaitGroup

	mu    sync.Mutex
	parts []types.CompletedPart
	err   error // the first failure of a part
}

// Create starts writing an object. Nothing is sent before the first part
// is full or Close is called.
func (fs *FileSystem) Create(ctx context.Context, p string) (*Upload, error) {
	k := key(p)
	if k == "" {
		return nil, fmt.Errorf("s3://%s: cannot write the bucket's root", fs.bucket)
	}
	ctx, cancel := context.WithCancel(ctx)
	return &Upload{fs: fs, ctx: ctx, cancel: cancel, key: k, buf: make([]byte, 0, PartSize), next: 1,
		slots: make(chan struct{}, partsInFlight), spare: make(chan []byte, partsInFlight)}, nil
}

// Write buffers p, sending each full part once more bytes follow it.
func (u *Upload) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		if err := u.failure(); err != nil {
			return written, err
		}
		if len(u.buf) == PartSize {
			if err := u.sendPart(); err != nil {
				return written, err
			}
		}
		n := min(len(p), PartSize-len(u.buf))
		u.buf = append(u.buf, p[:n]...)
		written += n
		p = p[n:]
	}
	return written, nil
}

// Close sends what is left and completes the object. After a failed Write
// it only returns that failure: the object is never completed short.
func (u *Upload) Close() error {
	defer u.cancel()
	if err := u.failure(); err != nil {
		return err
	}
	if u.id == "" {
		return u.put()
	}
	if len(u.buf) > 0 {
		if err := u.sendPart(); err != nil {
			return err
		}
	}
	u.sent.Wait()
	if err := u.failure(); err != nil {
		return err
	}
	_, err := u.fs.client.CompleteMultipartUpload(u.ctx, &s3.CompleteMultipartUploadInput{Bucket: &u.fs.bucket,
		Key: &u.key, UploadId: &u.id, MultipartUpload: &types.CompletedMultipartUpload{Parts: u.parts}})
	u.fs.counts.record(nil, 0)
	u.fs.listings.invalidate(u.key)
	if err != nil {
		return u.fail("complete upload", err)
	}
	return nil
}

// Abort discards the object: parts in flight are stopped and the
// multipart upload, if one was started, is aborted. It does not wait
// longer than abortTimeout for the server.
func (u *Upload) Abort() error {
	u.cancel()
	u.sent.Wait()
	if u.id == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(u.ctx), abortTimeout)
	defer cancel()
	_, err := u.fs.client.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: &u.fs.bucket,
		Key: &u.key, UploadId: &u.id})
	u.fs.counts.record(nil, 0)
	if err != nil && !isNoSuchUpload(err) {
		return u.fs.wrap("abort upload of "+u.key, err)
	}
	return nil
}

// put sends a small object in one request.
func (u *Upload) put() error {
	_, err := u.fs.client.PutObject(u.ctx, &s3.PutObjectInput{Bucket: &u.fs.bucket, Key: &u.key,
		Body: bytes.NewReader(u.buf), ContentLength: aws.Int64(int64(len(u.buf)))})
	u.fs.counts.record(nil, 0)
	u.fs.listings.invalidate(u.key)
	if err != nil {
		return u.fail("put", err)
	}
	return nil
}

// sendPart hands the buffered part to a sender, starting the multipart
// upload first if needed, and waits for a free slot.
func (u *Upload) sendPart() error {
	if u.id == "" {
		out, err := u.fs.client.CreateMultipartUpload(u.ctx, &s3.CreateMultipartUploadInput{Bucket: &u.fs.bucket, Key: &u.key})
		u.fs.counts.record(nil, 0)
		if err != nil {
			return u.fail("start upload", err)
		}
		u.id = aws.ToString(out.UploadId)
	}
	select {
	case u.slots <- struct{}{}:
	case <-u.ctx.Done():
		return u.fail("upload part", u.ctx.Err())
	}
	body, number := u.buf, u.next
	u.next++
	u.buf = u.nextBuffer()
	u.sent.Add(1)
	go u.uploadPart(number, body)
	return nil
}

// nextBuffer is the buffer of a part already sent, or a new one.
func (u *Upload) nextBuffer() []byte {
	select {
	case b := <-u.spare:
		return b
	default:
		return make([]byte, 0, PartSize)
	}
}

// uploadPart sends one part (the SDK's retryer repeats it on transient
// failures) and records its ETag.
func (u *Upload) uploadPart(number int32, body []byte) {
	defer func() { u.spare <- body[:0]; <-u.slots; u.sent.Done() }()
	out, err := u.fs.client.UploadPart(u.ctx, &s3.UploadPartInput{Bucket: &u.fs.bucket, Key: &u.key, UploadId: &u.id,
		PartNumber: aws.Int32(number), Body: bytes.NewReader(body), ContentLength: aws.Int64(int64(len(body)))})
	u.fs.counts.record(nil, 0)
	u.mu.Lock()
	defer u.mu.Unlock()
	if err != nil {
		if u.err == nil {
			u.err = u.wrapErr(fmt.Sprintf("upload part %d", number), err)
			u.cancel()
		}
		return
	}
	u.insertPart(types.CompletedPart{PartNumber: aws.Int32(number), ETag: out.ETag})
}

// insertPart keeps the parts sorted by number, as CompleteMultipartUpload
// wants them.
func (u *Upload) insertPart(p types.CompletedPart) {
	i := len(u.parts)
	for i > 0 && aws.ToInt32(u.parts[i-1].PartNumber) > aws.ToInt32(p.PartNumber) {
		i--
	}
	u.parts = append(u.parts, types.CompletedPart{})
	copy(u.parts[i+1:], u.parts[i:])
	u.parts[i] = p
}

// failure is the first error of a part sent, or of the context.
func (u *Upload) failure() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.err == nil && u.ctx.Err() != nil {
		u.err = u.wrapErr("write", u.ctx.Err())
	}
	return u.err
}

// fail records err as the upload's failure and returns it.
func (u *Upload) fail(what string, err error) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.err == nil {
		u.err = u.wrapErr(what, err)
	}
	return u.err
}

// wrapErr names the object; a cancelled context stays a cancellation
// rather than a server that cannot be reached.
func (u *Upload) wrapErr(what string, err error) error {
	what = fmt.Sprintf("%s s3://%s/%s", what, u.fs.bucket, u.key)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		if cause := context.Cause(u.ctx); cause != nil {
			return fmt.Errorf("%s: %w", what, cause)
		}
	}
	return u.fs.wrap(what, err)
}

func isNoSuchUpload(err error) bool {
	var nsu *types.NoSuchUpload
	return errors.As(err, &nsu)
}
