package parquet

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"path"
	"strconv"
	"sync"
	"syscall"
	"time"

	"auger/internal/catalog"
	"auger/internal/sqlstate"
)

var _ catalog.FileLister = (*Plugin)(nil)

// ListFiles implements catalog.FileLister (SHOW FILES): the entries of a
// folder of the workspace, hidden ones skipped, or the one file dir names.
// On S3, which has no owners or permission bits, owner and group are empty,
// permissions are rwxrwxrwx for folders and rw-rw-rw- for files (what
// Hadoop's S3A file system reports) and both times are the object's
// LastModified.
func (p *Plugin) ListFiles(ctx context.Context, schema, dir string) ([]catalog.FileEntry, error) {
	ws, err := p.workspace(schema)
	if err != nil {
		return nil, err
	}
	full := path.Join(rootOf(ws), path.Clean("/"+dir))
	info, err := p.fs.Stat(ctx, full)
	if err != nil {
		if notFound(err) {
			return nil, &sqlstate.Error{Code: sqlstate.UndefinedObject, Cause: catalog.ErrTableNotFound,
				Message: fmt.Sprintf("Invalid path [%s] in schema [%s.%s]", dir, p.name, schema)}
		}
		return nil, catalog.Classify(fmt.Errorf("plugin %q: %s: %w", p.name, full, err))
	}
	entries := []FileInfo{info}
	if info.IsDir {
		if entries, err = p.fs.List(ctx, full); err != nil {
			return nil, catalog.Classify(fmt.Errorf("plugin %q: list %s: %w", p.name, full, err))
		}
	}
	out := make([]catalog.FileEntry, 0, len(entries))
	for _, e := range entries {
		if !hidden(path.Base(e.Path)) {
			out = append(out, fileEntry(e))
		}
	}
	return out, nil
}

// fileEntry is a SHOW FILES row of a file system entry.
func fileEntry(e FileInfo) catalog.FileEntry {
	entry := catalog.FileEntry{Name: path.Base(e.Path), IsDirectory: e.IsDir, Length: e.Size,
		Owner: e.Owner, Group: e.Group, AccessTime: e.AccessTime, ModificationTime: e.ModTime}
	switch {
	case e.Mode != 0:
		entry.Permissions = e.Mode.Perm().String()[1:]
	case e.IsDir:
		entry.Permissions = "rwxrwxrwx"
	default:
		entry.Permissions = "rw-rw-rw-"
	}
	if entry.AccessTime.IsZero() {
		entry.AccessTime = e.ModTime
	}
	return entry
}

// localInfo describes a local file from its os.FileInfo.
func localInfo(p string, st os.FileInfo) FileInfo {
	info := FileInfo{Path: p, Size: st.Size(), IsDir: st.IsDir(), ModTime: st.ModTime(), Mode: st.Mode()}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		info.Owner = userName(sys.Uid)
		info.Group = groupName(sys.Gid)
		info.AccessTime = time.Unix(sys.Atim.Sec, sys.Atim.Nsec)
	}
	return info
}

// Names of user and group ids, looked up once each.
var (
	userNames, groupNames sync.Map
)

// userName is the name of a user id, or the id when it has none.
func userName(uid uint32) string {
	id := strconv.FormatUint(uint64(uid), 10)
	if name, ok := userNames.Load(id); ok {
		return name.(string)
	}
	name := id
	if u, err := user.LookupId(id); err == nil {
		name = u.Username
	}
	userNames.Store(id, name)
	return name
}

// groupName is the name of a group id, or the id when it has none.
func groupName(gid uint32) string {
	id := strconv.FormatUint(uint64(gid), 10)
	if name, ok := groupNames.Load(id); ok {
		return name.(string)
	}
	name := id
	if g, err := user.LookupGroupId(id); err == nil {
		name = g.Name
	}
	groupNames.Store(id, name)
	return name
}
