package predlog

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkLog_Write is the writer's cost per logged prediction: queue,
// encode and commit to SQLite in batches.
func BenchmarkLog_Write(b *testing.B) {
	l := openSQLiteLog(b, filepath.Join(b.TempDir(), "log.db"), Options{MaxAge: -1, MaxRows: -1})
	ctx := context.Background()
	p := pred(1, time.Now())
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		p.ID = time.Now().String() + string(rune(i))
		if err := l.Add(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
	if err := l.Close(ctx); err != nil {
		b.Fatal(err)
	}
}
