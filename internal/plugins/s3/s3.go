// Package s3 is the S3 filesystem that the file plugin reads `s3a://bucket`
// connections through: listing by prefix, and files read with ranged GETs
// (an io.ReaderAt), never downloaded whole. It takes Drill's fs.s3a.*
// settings.
package s3

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"auger/internal/catalog"
	"auger/internal/sqlstate"
)

// FileSystem is one bucket.
type FileSystem struct {
	plugin   string
	bucket   string
	client   *s3.Client
	listings *listCache
	fetches  chan struct{} // a slot per ranged GET running at once
	counts   Counts
}

// concurrentGets is how many ranged GETs of prefetched ranges a bucket runs
// at once.
const concurrentGets = 16

// New returns the filesystem of a bucket with Drill's settings:
// fs.s3a.access.key, fs.s3a.secret.key, fs.s3a.endpoint,
// fs.s3a.path.style.access, fs.s3a.endpoint.region. It does not connect.
func New(plugin, bucket string, settings map[string]string) (*FileSystem, error) {
	region := first(settings["fs.s3a.endpoint.region"], settings["fs.s3a.region"], "us-east-1")
	opts := []func(*awsconfig.LoadOptions) error{awsconfig.WithRegion(region)}
	if key := settings["fs.s3a.access.key"]; key != "" {
		creds := credentials.NewStaticCredentialsProvider(key, settings["fs.s3a.secret.key"], "")
		opts = append(opts, awsconfig.WithCredentialsProvider(creds))
	}
	cfg, err := awsconfig.LoadDefaultConfig(context.Background(), opts...)
	if err != nil {
		return nil, err
	}
	endpoint := settings["fs.s3a.endpoint"]
	if endpoint != "" && !strings.Contains(endpoint, "://") {
		endpoint = "https://" + endpoint
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
		o.UsePathStyle = strings.EqualFold(settings["fs.s3a.path.style.access"], "true")
		o.RetryMaxAttempts = 2
		// ranged GETs carry no checksum of their bytes: do not look for one
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.MaxIdleConnsPerHost = 2 * concurrentGets
		o.HTTPClient = &http.Client{Timeout: 60 * time.Second, Transport: transport}
	})
	return &FileSystem{plugin: plugin, bucket: bucket, client: client, listings: newListCache(listingTTL),
		fetches: make(chan struct{}, concurrentGets)}, nil
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// key turns an absolute path into an object key.
func key(p string) string { return strings.TrimPrefix(path.Clean("/"+p), "/") }

// FileInfo describes an object or a folder (a common prefix).
type FileInfo struct {
	Path    string
	Size    int64
	IsDir   bool
	ModTime time.Time
	ETag    string
}

// Stat describes an object, or a folder when objects exist under the path.
func (fs *FileSystem) Stat(ctx context.Context, p string) (FileInfo, error) {
	k := key(p)
	if k != "" {
		head, err := fs.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &fs.bucket, Key: &k})
		fs.counts.record(nil, 0)
		if err == nil {
			return FileInfo{Path: "/" + k, Size: aws.ToInt64(head.ContentLength), ModTime: aws.ToTime(head.LastModified),
				ETag: aws.ToString(head.ETag)}, nil
		}
		if !isNotFound(err) {
			return FileInfo{}, fs.wrap("stat "+p, err)
		}
	}
	entries, err := fs.List(ctx, p)
	if err != nil {
		return FileInfo{}, err
	}
	if len(entries) == 0 && k != "" {
		return FileInfo{}, fmt.Errorf("s3://%s/%s: %w", fs.bucket, k, catalog.ErrTableNotFound)
	}
	return FileInfo{Path: "/" + k, IsDir: true}, nil
}

// List returns the objects and folders directly under a folder, sorted.
// A listing is reused for a few seconds (listingTTL): planning a query
// lists the same folders several times.
func (fs *FileSystem) List(ctx context.Context, dir string) ([]FileInfo, error) {
	prefix := key(dir)
	if prefix != "" {
		prefix += "/"
	}
	if out, ok := fs.listings.get(prefix); ok {
		return out, nil
	}
	out, err := fs.list(ctx, dir, prefix)
	if err == nil {
		fs.listings.put(prefix, out)
	}
	return out, err
}

func (fs *FileSystem) list(ctx context.Context, dir, prefix string) ([]FileInfo, error) {
	var out []FileInfo
	pages := s3.NewListObjectsV2Paginator(fs.client, &s3.ListObjectsV2Input{
		Bucket: &fs.bucket, Prefix: &prefix, Delimiter: aws.String("/")})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		fs.counts.record(nil, 0)
		if err != nil {
			return nil, fs.wrap("list "+dir, err)
		}
		for _, cp := range page.CommonPrefixes {
			out = append(out, FileInfo{Path: "/" + strings.TrimSuffix(aws.ToString(cp.Prefix), "/"), IsDir: true})
		}
		for _, o := range page.Contents {
			out = append(out, objectInfo(o))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func objectInfo(o types.Object) FileInfo {
	return FileInfo{Path: "/" + aws.ToString(o.Key), Size: aws.ToInt64(o.Size), ModTime: aws.ToTime(o.LastModified),
		ETag: aws.ToString(o.ETag)}
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func isNotFound(err error) bool {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.ErrorCode() {
		case "NotFound", "NoSuchKey", "404":
			return true
		}
	}
	var nf *types.NotFound
	var nsk *types.NoSuchKey
	return errors.As(err, &nf) || errors.As(err, &nsk)
}

// wrap names the plugin in an error and marks connection failures.
func (fs *FileSystem) wrap(what string, err error) error {
	if isNotFound(err) {
		return fmt.Errorf("plugin %q: %s: %w", fs.plugin, what, catalog.ErrTableNotFound)
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return &sqlstate.Error{Code: sqlstate.IOError, Message: fmt.Sprintf("plugin %q: %s: %s", fs.plugin, what, apiErr.ErrorMessage()), Cause: err}
	}
	return &sqlstate.Error{Code: sqlstate.SQLClientUnableToConnect,
		Message: fmt.Sprintf("plugin %q: cannot reach S3: %s: %v", fs.plugin, what, err), Cause: errors.Join(catalog.ErrSourceUnavailable, err)}
}
