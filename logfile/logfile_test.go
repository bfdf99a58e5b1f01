package logfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLog_RotatesAndKeepsAFewFiles(t *testing.T) {
	dir := t.TempDir()
	l, err := OpenSized(filepath.Join(dir, "logs"), 1024, 3)
	if err != nil {
		t.Fatal(err)
	}
	l.now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	for i := 0; i < 100; i++ {
		l.Error("loading", errors.New(strings.Repeat("x", 80)+" "+string(rune('a'+i%26))))
	}
	names, _ := filepath.Glob(filepath.Join(dir, "logs", "*"))
	if len(names) != 3 {
		t.Fatalf("files %v, want 3", names)
	}
	for _, n := range names {
		st, _ := os.Stat(n)
		if st.Size() > 1024 {
			t.Errorf("%s has %d bytes, over the cap", n, st.Size())
		}
	}
	b, _ := os.ReadFile(l.Path())
	last := "2026-01-02T03:04:05Z ERROR loading: " + strings.Repeat("x", 80) + " v\n"
	if !strings.HasSuffix(string(b), last) {
		t.Fatalf("current file ends %q, want the last entry %q", string(b[max(0, len(b)-120):]), last)
	}
	older, _ := os.ReadFile(l.Path() + ".1")
	if len(older) == 0 || strings.Contains(string(older), last) {
		t.Fatalf("the rotated file should hold older entries only")
	}
}

func TestLog_PanicHasStackAndNilLogDrops(t *testing.T) {
	l, _ := Open(t.TempDir())
	func() {
		defer func() {
			if v := recover(); v != nil {
				l.Panic("training", v)
			}
		}()
		panic("the fold has no rows")
	}()
	b, _ := os.ReadFile(l.Path())
	s := string(b)
	if !strings.Contains(s, "PANIC training: the fold has no rows") || !strings.Contains(s, "logfile_test.go") {
		t.Fatalf("panic entry %q lacks the value or the stack", s)
	}
	var none *Log
	none.Error("x", errors.New("y")) // must not panic
	if none.Path() != "" || none.Dir() != "" {
		t.Fatal("a nil log has a path")
	}
	bad, err := Open(filepath.Join(l.Path(), "sub")) // a file is in the way
	if err == nil || bad.Path() != "" {
		t.Fatalf("a folder under a file was accepted: %v", err)
	}
	bad.Info("dropped")
}
