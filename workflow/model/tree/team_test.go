package tree

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// TestTeam_RunsEveryIndexOnce runs many short jobs, with pauses long
// enough for the helpers to fall asleep in between, and checks that every
// index is done exactly once per job and that close stops the helpers.
func TestTeam_RunsEveryIndexOnce(t *testing.T) {
	old := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(old)
	before := runtime.NumGoroutine()
	tm := newTeam()
	for job := range 200 {
		n := job % 37
		hits := make([]atomic.Int32, n)
		tm.forEach(n, func(i int) { hits[i].Add(1) })
		for i := range hits {
			if h := hits[i].Load(); h != 1 {
				t.Fatalf("job %d index %d done %d times", job, i, h)
			}
		}
		if job%50 == 0 {
			time.Sleep(5 * time.Millisecond) // helpers park
		}
	}
	tm.close()
	time.Sleep(10 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines after close, %d before", after, before)
	}
}

// TestTeam_OneCore: without helpers the caller does everything.
func TestTeam_OneCore(t *testing.T) {
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	tm := newTeam()
	defer tm.close()
	sum := 0
	tm.forEach(100, func(i int) { sum += i })
	if sum != 4950 {
		t.Errorf("sum %d, want 4950", sum)
	}
}
