package tree

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
)

// presort returns, for each of the len(x) features, the indices of its n
// rows ordered by value with NaN last; rows with equal values keep
// ascending row order, so the result is fully determined by x. Feature f
// occupies out[f*n : (f+1)*n]. Features are sorted in parallel; a
// cancelled ctx stops the work and returns ctx.Err().
func presort(ctx context.Context, x [][]float64) ([]int32, error) {
	d := len(x)
	if d == 0 {
		return nil, nil
	}
	n := len(x[0])
	out := make([]int32, d*n)
	workers := min(runtime.GOMAXPROCS(0), d)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]keyed, 0, n)
			for {
				mu.Lock()
				f := next
				next++
				mu.Unlock()
				if f >= d || ctx.Err() != nil {
					return
				}
				buf = sortFeature(x[f], out[f*n:(f+1)*n], buf)
			}
		}()
	}
	wg.Wait()
	return out, ctx.Err()
}

// keyed is a value with its row, the unit presort sorts.
type keyed struct {
	v float64
	r int32
}

// sortFeature writes the row order of col into dst (NaN rows last, in row
// order) using buf as scratch, and returns buf for reuse.
func sortFeature(col []float64, dst []int32, buf []keyed) []keyed {
	buf = buf[:0]
	for i, v := range col {
		if !math.IsNaN(v) {
			buf = append(buf, keyed{v, int32(i)})
		}
	}
	slices.SortFunc(buf, func(a, b keyed) int {
		if c := cmp.Compare(a.v, b.v); c != 0 {
			return c
		}
		return cmp.Compare(a.r, b.r)
	})
	k := 0
	for _, e := range buf {
		dst[k] = e.r
		k++
	}
	for i, v := range col {
		if math.IsNaN(v) {
			dst[k] = int32(i)
			k++
		}
	}
	return buf
}
