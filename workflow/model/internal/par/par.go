package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers returns how many goroutines to use for n items when each item
// costs about cost units of work: 1 for small jobs (where starting
// goroutines costs more than it saves), else GOMAXPROCS capped by n.
func Workers(n, cost int) int {
	w := runtime.GOMAXPROCS(0)
	if n*cost < 1<<15 || w < 2 {
		return 1
	}
	if w > n {
		w = n
	}
	return w
}

// Ranges calls fn(worker, lo, hi) for w contiguous ranges covering [0, n),
// concurrently, and waits for all of them. With w <= 1 it calls fn once on
// the caller's goroutine.
func Ranges(n, w int, fn func(worker, lo, hi int)) {
	if w <= 1 || n <= 1 {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for k := 0; k < w; k++ {
		lo, hi := k*n/w, (k+1)*n/w
		if lo == hi {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(k, lo, hi)
		}()
	}
	wg.Wait()
}

// ChunkSize is the number of rows Chunks hands to one call.
const ChunkSize = 8192

// NumChunks returns how many chunks Chunks makes of n rows.
func NumChunks(n int) int { return (n + ChunkSize - 1) / ChunkSize }

// Chunks calls fn(c, lo, hi) for the chunks of ChunkSize rows covering
// [0, n), spread over up to GOMAXPROCS goroutines, and waits. The chunks
// depend on n alone, so a caller that keeps one partial result per chunk
// and combines them in chunk order gets the same bits on every machine,
// whatever the number of cores or the scheduling.
func Chunks(n int, fn func(c, lo, hi int)) {
	blocks(n, ChunkSize, func(_, c, lo, hi int) { fn(c, lo, hi) })
}

// Dynamic calls fn(worker, lo, hi) for blocks of at most block items
// covering [0, n), handing blocks to up to GOMAXPROCS goroutines as they
// become free (for work whose cost varies by item), and waits. worker is in
// [0, GOMAXPROCS) and identifies the goroutine, so fn may keep per-worker
// scratch space. Each item must be computed independently of the others
// for results not to depend on scheduling.
func Dynamic(n, block int, fn func(worker, lo, hi int)) {
	blocks(n, block, func(w, _, lo, hi int) { fn(w, lo, hi) })
}

// blocks calls fn(worker, b, lo, hi) for the blocks b of at most size
// items covering [0, n), handing them to up to GOMAXPROCS goroutines as
// they become free, and waits. With one goroutine the blocks run in order
// on the caller's goroutine.
func blocks(n, size int, fn func(worker, b, lo, hi int)) {
	nb := (n + size - 1) / size
	w := min(runtime.GOMAXPROCS(0), nb)
	if w <= 1 {
		for b := 0; b < nb; b++ {
			fn(0, b, b*size, min(n, (b+1)*size))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				fn(k, b, b*size, min(n, (b+1)*size))
			}
		}()
	}
	wg.Wait()
}
