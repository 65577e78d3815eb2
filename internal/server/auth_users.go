package server

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/xdg-go/scram"
)

// A verifier is what PostgreSQL keeps of a SCRAM-SHA-256 password (the
// rolpassword of pg_authid), and what the users file holds:
//
//	SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
//
// with the salt and both keys in base64. It lets the server check a
// password without knowing it.
const verifierPrefix = "SCRAM-SHA-256$"

const (
	scramIterations = 4096 // PostgreSQL's default scram_iterations
	scramSaltLength = 16   // PostgreSQL's SCRAM_DEFAULT_SALT_LEN
)

// NewVerifier returns the SCRAM-SHA-256 verifier of a password, with a
// fresh random salt, exactly as PostgreSQL would store it.
func NewVerifier(password string) (string, error) {
	salt := make([]byte, scramSaltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	creds, err := credentialsOf(password, scram.KeyFactors{Salt: string(salt), Iters: scramIterations})
	if err != nil {
		return "", err
	}
	enc := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("%s%d:%s$%s:%s", verifierPrefix, creds.Iters, enc([]byte(creds.Salt)),
		enc(creds.StoredKey), enc(creds.ServerKey)), nil
}

// credentialsOf derives the stored keys of a password for a salt and an
// iteration count. The password is SASLprep-normalised, and used as it is
// when it cannot be, as PostgreSQL and libpq do.
func credentialsOf(password string, kf scram.KeyFactors) (scram.StoredCredentials, error) {
	client, err := scram.SHA256.NewClient("", password, "")
	if err != nil {
		client, err = scram.SHA256.NewClientUnprepped("", password, "")
	}
	if err != nil {
		return scram.StoredCredentials{}, err
	}
	return client.GetStoredCredentialsWithError(kf)
}

// parseVerifier reads a verifier in PostgreSQL's format. Its errors quote
// nothing of the text, which may be a password put there by mistake.
func parseVerifier(v string) (scram.StoredCredentials, error) {
	var creds scram.StoredCredentials
	rest, ok := strings.CutPrefix(v, verifierPrefix)
	if !ok {
		return creds, fmt.Errorf("not a SCRAM-SHA-256 verifier (it must start with %q)", verifierPrefix)
	}
	factors, keys, ok1 := strings.Cut(rest, "$")
	iters, salt, ok2 := strings.Cut(factors, ":")
	stored, server, ok3 := strings.Cut(keys, ":")
	if !ok1 || !ok2 || !ok3 {
		return creds, errors.New("malformed SCRAM-SHA-256 verifier")
	}
	n, err := strconv.Atoi(iters)
	if err != nil || n <= 0 {
		return creds, errors.New("bad iteration count in SCRAM-SHA-256 verifier")
	}
	creds.Iters = n
	var saltBytes []byte
	if saltBytes, err = decodeBase64("salt", salt, 0); err != nil {
		return creds, err
	}
	creds.Salt = string(saltBytes)
	if creds.StoredKey, err = decodeBase64("StoredKey", stored, sha256.Size); err != nil {
		return creds, err
	}
	creds.ServerKey, err = decodeBase64("ServerKey", server, sha256.Size)
	return creds, err
}

// decodeBase64 decodes one field of a verifier, of size bytes (any size
// but none for 0).
func decodeBase64(field, text string, size int) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(text)
	if err != nil || len(b) == 0 || (size > 0 && len(b) != size) {
		return nil, fmt.Errorf("bad %s in SCRAM-SHA-256 verifier", field)
	}
	return b, nil
}

// UsersFile is the file of the users who log in with a password: one
// NAME:VERIFIER a line, blank lines and lines starting with # aside. It
// is read again whenever it changes, so a password set with
// `gateway passwd` counts from the next login, without a restart; a
// missing file holds no users.
type UsersFile struct {
	path  string
	mu    sync.Mutex
	seen  fs.FileInfo // the version of the file users was read from
	users map[string]scram.StoredCredentials
}

// OpenUsersFile reads the users file at path, so that a malformed one
// stops start-up.
func OpenUsersFile(path string) (*UsersFile, error) {
	f := &UsersFile{path: path}
	if _, err := f.current(); err != nil {
		return nil, err
	}
	return f, nil
}

// Path is where the file is.
func (f *UsersFile) Path() string { return f.path }

// Count is how many users the file holds now.
func (f *UsersFile) Count() (int, error) {
	users, err := f.current()
	return len(users), err
}

// lookup returns the stored credentials of a user.
func (f *UsersFile) lookup(name string) (scram.StoredCredentials, bool, error) {
	users, err := f.current()
	creds, ok := users[name]
	return creds, ok, err
}

// current returns the users of the file as it is now, reading it again
// if it changed since the last time.
func (f *UsersFile) current() (map[string]scram.StoredCredentials, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	info, err := os.Stat(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		f.seen, f.users = nil, nil
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("users file: %w", err)
	}
	if f.seen != nil && os.SameFile(f.seen, info) && f.seen.ModTime().Equal(info.ModTime()) && f.seen.Size() == info.Size() {
		return f.users, nil
	}
	data, err := os.ReadFile(f.path)
	if err != nil {
		return nil, fmt.Errorf("users file: %w", err)
	}
	users, err := parseUsers(data)
	if err != nil {
		return nil, fmt.Errorf("users file %s: %w", f.path, err)
	}
	f.seen, f.users = info, users
	return users, nil
}

// parseUsers reads the lines of a users file.
func parseUsers(data []byte) (map[string]scram.StoredCredentials, error) {
	users := map[string]scram.StoredCredentials{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, verifier, ok := strings.Cut(line, ":")
		if !ok || name == "" {
			return nil, fmt.Errorf("line %d: want NAME:VERIFIER", n)
		}
		creds, err := parseVerifier(verifier)
		if err != nil {
			return nil, fmt.Errorf("line %d (user %q): %w", n, name, err)
		}
		users[name] = creds
	}
	return users, sc.Err()
}

// SetPassword writes the verifier of a user's password into the users
// file at path, replacing the user's line or adding one, and creating the
// file when there is none. The file is replaced as a whole (readable by
// its owner only), so a running gateway never reads half of it.
func SetPassword(path, name, password string) error {
	if name == "" || strings.ContainsAny(name, ":\r\n") || strings.HasPrefix(name, "#") {
		return fmt.Errorf("user name %q: it must be non-empty, not start with # and hold no colon or line break", name)
	}
	if password == "" {
		return errors.New("empty password")
	}
	verifier, err := NewVerifier(password)
	if err != nil {
		return err
	}
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if _, err := parseUsers(old); err != nil {
		return fmt.Errorf("users file %s: %w", path, err)
	}
	return replaceFile(path, withUser(old, name, verifier))
}

// withUser returns the lines of a users file with name's line replaced by
// NAME:VERIFIER, or that line added at the end.
func withUser(file []byte, name, verifier string) []byte {
	entry := name + ":" + verifier
	var out bytes.Buffer
	found := false
	for _, line := range strings.Split(strings.TrimSuffix(string(file), "\n"), "\n") {
		if n, _, ok := strings.Cut(strings.TrimSpace(line), ":"); ok && n == name && !strings.HasPrefix(n, "#") {
			line, found = entry, true
		}
		if line != "" || out.Len() > 0 {
			out.WriteString(line + "\n")
		}
	}
	if !found {
		out.WriteString(entry + "\n")
	}
	return out.Bytes()
}

// replaceFile writes data to a new file beside path and renames it over
// path.
func replaceFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
