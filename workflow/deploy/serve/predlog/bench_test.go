package predlog

import (
	"context"
	"fmt"
	"math/rand/v2"
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

// BenchmarkLog_WriteIDs is the writer's cost per prediction on a log that
// already holds 200,000 rows, with random IDs and with IDs that start
// with the time (as the service issues them): random keys rewrite pages
// all over the ID index at every commit, ordered ones append at its end.
func BenchmarkLog_WriteIDs(b *testing.B) {
	for _, ordered := range []bool{false, true} {
		name := map[bool]string{false: "random", true: "time-ordered"}[ordered]
		b.Run(name, func(b *testing.B) {
			l := openSQLiteLog(b, filepath.Join(b.TempDir(), "log.db"), Options{MaxAge: -1, MaxRows: -1})
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(1, 2))
			at := time.Now()
			seq := 0
			id := func() string {
				seq++
				if ordered {
					return fmt.Sprintf("%012x%020x", at.UnixMilli()+int64(seq/20), rng.Uint64())
				}
				return fmt.Sprintf("%016x%016x", rng.Uint64(), rng.Uint64())
			}
			p := pred(1, at)
			for range 200_000 {
				p.ID = id()
				if err := l.Add(ctx, p); err != nil {
					b.Fatal(err)
				}
			}
			if err := l.Flush(ctx); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				p.ID = id()
				if err := l.Add(ctx, p); err != nil {
					b.Fatal(err)
				}
			}
			if err := l.Close(ctx); err != nil {
				b.Fatal(err)
			}
		})
	}
}
