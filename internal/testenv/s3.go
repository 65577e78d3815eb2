package testenv

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// versitygwModule is the pinned S3 server the tests build and run.
const versitygwModule = "github.com/versity/versitygw/cmd/versitygw@v1.8.0"

// S3Server is a running versitygw on loopback with a posix backend.
type S3Server struct {
	Endpoint  string // http://127.0.0.1:port
	AccessKey string
	SecretKey string
	cmd       *exec.Cmd
	dir       string
	client    *s3.Client
}

var (
	s3Once   sync.Once
	s3Server *S3Server
	s3Err    error
)

// S3 returns the S3 server of this test process, starting it on first use
// (building versitygw into a cache folder the first time on a machine).
func S3(t testing.TB) *S3Server {
	t.Helper()
	s3Once.Do(func() { s3Server, s3Err = startS3() })
	if s3Err != nil {
		t.Fatalf("no S3 server for the tests: %v", s3Err)
	}
	return s3Server
}

// StartS3 starts a server of its own for a program that is not a test (the
// benchmark); Stop ends it.
func StartS3() (*S3Server, error) { return startS3() }

// Stop ends a server StartS3 started and removes its files.
func (s *S3Server) Stop() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
	os.RemoveAll(s.dir)
}

// Client is an S3 client of the server, with its keys.
func (s *S3Server) Client() *s3.Client { return s.client }

// StopS3 stops the server; call it from TestMain.
func StopS3() {
	if s3Server != nil {
		s3Server.Stop()
		s3Server = nil
	}
}

func versitygwBinary() (string, error) {
	cache := os.Getenv("AUGER_TEST_CACHE")
	if cache == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		cache = filepath.Join(base, "auger-test")
	}
	bin := filepath.Join(cache, "bin", "versitygw-v1.8.0")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	// Each test process installs into its own folder and renames the
	// result into place, so packages tested in parallel do not collide.
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		return "", err
	}
	gobin, err := os.MkdirTemp(cache, "gobin-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(gobin)
	install := exec.Command("go", "install", versitygwModule)
	install.Env = append(os.Environ(), "GOBIN="+gobin)
	if out, err := install.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go install %s: %v\n%s", versitygwModule, err, out)
	}
	if err := os.Rename(filepath.Join(gobin, "versitygw"), bin); err != nil {
		if _, statErr := os.Stat(bin); statErr != nil {
			return "", err
		}
	}
	return bin, nil
}

func startS3() (*S3Server, error) {
	bin, err := versitygwBinary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "auger-s3")
	if err != nil {
		return nil, err
	}
	root, sidecar := filepath.Join(dir, "root"), filepath.Join(dir, "meta")
	for _, d := range []string{root, sidecar} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	srv := &S3Server{Endpoint: fmt.Sprintf("http://127.0.0.1:%d", port), AccessKey: "augertest",
		SecretKey: "augertestsecret", dir: dir}
	srv.cmd = exec.Command(bin, "--port", fmt.Sprintf("127.0.0.1:%d", port), "--access", srv.AccessKey,
		"--secret", srv.SecretKey, "posix", "--sidecar", sidecar, root)
	var logs bytes.Buffer
	srv.cmd.Stdout, srv.cmd.Stderr = &logs, &logs
	KillWithParent(srv.cmd)
	if err := srv.cmd.Start(); err != nil {
		return nil, err
	}
	if err := waitForTCP(fmt.Sprintf("127.0.0.1:%d", port), 20*time.Second); err != nil {
		srv.cmd.Process.Kill()
		return nil, fmt.Errorf("%v\n%s", err, logs.String())
	}
	srv.client = s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.Endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(srv.AccessKey, srv.SecretKey, ""),
	})
	return srv, nil
}

func waitForTCP(addr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("nothing listens on %s after %s", addr, limit)
}

// CreateBucket makes a bucket.
func (s *S3Server) CreateBucket(t testing.TB, name string) {
	t.Helper()
	if _, err := s.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: &name}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

// Put writes an object.
func (s *S3Server) Put(t testing.TB, bucket, key string, data []byte) {
	t.Helper()
	_, err := s.client.PutObject(context.Background(), &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(data)})
	if err != nil {
		t.Fatalf("put s3://%s/%s: %v", bucket, key, err)
	}
}
