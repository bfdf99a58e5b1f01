package logfile

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Defaults for Open: a file is rotated when it would pass MaxSize bytes,
// and Keep files are kept in all (the current one and Keep-1 older).
const (
	MaxSize = 1 << 20
	Keep    = 4
	Name    = "modelbench.log"
)

// Log appends timestamped entries to a rotating file.
type Log struct {
	mu      sync.Mutex
	dir     string
	maxSize int64
	keep    int
	now     func() time.Time
}

// DefaultDir is the folder the app logs to: modelbench/logs in the user's
// cache folder (os.UserCacheDir: ~/.cache on Linux, ~/Library/Caches on
// macOS, %LocalAppData% on Windows), or in the temporary folder when the
// system has no cache folder.
func DefaultDir() string {
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		base = os.TempDir()
	}
	return filepath.Join(base, "modelbench", "logs")
}

// Open returns a log writing to dir/modelbench.log with the default size
// cap and number of files. The folder is created when missing; an error
// says it could not be, and the returned Log then drops its entries.
func Open(dir string) (*Log, error) {
	return OpenSized(dir, MaxSize, Keep)
}

// OpenSized is Open with a size cap in bytes (at least 1 KiB) and the
// number of files to keep (at least 1).
func OpenSized(dir string, maxSize int64, keep int) (*Log, error) {
	l := &Log{dir: dir, maxSize: max(maxSize, 1024), keep: max(keep, 1), now: time.Now}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		l.dir = ""
		return l, fmt.Errorf("log folder %s: %w", dir, err)
	}
	return l, nil
}

// Dir returns the log's folder, or "" for a log that drops its entries.
func (l *Log) Dir() string {
	if l == nil {
		return ""
	}
	return l.dir
}

// Path returns the current log file's path, or "".
func (l *Log) Path() string {
	if l == nil || l.dir == "" {
		return ""
	}
	return filepath.Join(l.dir, Name)
}

// Error records an error with what was being done when it happened.
func (l *Log) Error(context string, err error) {
	if err == nil {
		return
	}
	msg := err.Error()
	if context != "" {
		msg = context + ": " + msg
	}
	l.write("ERROR", msg)
}

// Panic records a recovered panic value with the stack of the goroutine
// that recovered it (call it from the deferred function).
func (l *Log) Panic(context string, v any) {
	l.write("PANIC", fmt.Sprintf("%s: %v\n%s", context, v, debug.Stack()))
}

// Info records a plain event (the app started, its version).
func (l *Log) Info(msg string) { l.write("INFO", msg) }

// write appends one entry, rotating first when it would not fit. Write
// errors are dropped: the log must never be why the app fails.
func (l *Log) write(level, msg string) {
	if l == nil || l.dir == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	entry := l.now().Format(time.RFC3339) + " " + level + " " + strings.TrimRight(msg, "\n") + "\n"
	path := filepath.Join(l.dir, Name)
	if st, err := os.Stat(path); err == nil && st.Size() > 0 && st.Size()+int64(len(entry)) > l.maxSize {
		l.rotate(path)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return
	}
	f.WriteString(entry)
	f.Close()
}

// rotate shifts path.N-1 to path.N down to path to path.1, dropping the
// oldest beyond keep files.
func (l *Log) rotate(path string) {
	if l.keep == 1 {
		os.Remove(path)
		return
	}
	os.Remove(fmt.Sprintf("%s.%d", path, l.keep-1))
	for i := l.keep - 2; i >= 1; i-- {
		os.Rename(fmt.Sprintf("%s.%d", path, i), fmt.Sprintf("%s.%d", path, i+1))
	}
	os.Rename(path, path+".1")
}
