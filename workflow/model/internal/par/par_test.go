package par

import "testing"

func TestRanges_CoverEveryIndexOnce(t *testing.T) {
	for _, c := range []struct{ n, w int }{{0, 2}, {1, 2}, {7, 1}, {7, 2}, {100, 3}, {5, 8}} {
		seen := make([]int, c.n)
		Ranges(c.n, c.w, func(_, lo, hi int) {
			for i := lo; i < hi; i++ {
				seen[i]++
			}
		})
		for i, s := range seen {
			if s != 1 {
				t.Errorf("n=%d w=%d: index %d visited %d times", c.n, c.w, i, s)
			}
		}
	}
	if Workers(10, 1) != 1 {
		t.Error("a tiny job should run on one goroutine")
	}
}

func TestChunks_CoverEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, ChunkSize, 3*ChunkSize + 5} {
		seen := make([]int32, n)
		chunks := make([]int32, NumChunks(n))
		Chunks(n, func(c, lo, hi int) {
			chunks[c]++
			for i := lo; i < hi; i++ {
				seen[i]++
			}
		})
		for i, s := range seen {
			if s != 1 {
				t.Fatalf("n=%d: index %d visited %d times", n, i, s)
			}
		}
		for c, s := range chunks {
			if s != 1 {
				t.Fatalf("n=%d: chunk %d run %d times", n, c, s)
			}
		}
	}
}

func TestDynamic_CoversEveryIndexOnce(t *testing.T) {
	for _, c := range []struct{ n, block int }{{0, 4}, {1, 4}, {10, 3}, {1000, 7}} {
		seen := make([]int32, c.n)
		Dynamic(c.n, c.block, func(_, lo, hi int) {
			for i := lo; i < hi; i++ {
				seen[i]++
			}
		})
		for i, s := range seen {
			if s != 1 {
				t.Fatalf("n=%d: index %d visited %d times", c.n, i, s)
			}
		}
	}
}
