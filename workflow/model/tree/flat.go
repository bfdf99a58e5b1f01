package tree

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// node is one node of a fitted CART tree in its flattened form. A row goes
// left when its value is <= threshold, right when it is larger, and to the
// side missingLeft names when it is NaN.
type node struct {
	threshold   float64
	feature     int32 // -1 for a leaf
	left, right int32 // child indices; -1 for a leaf
	missingLeft bool
}

// flatTree is a fitted CART tree stored as flat arrays (prediction walks
// them without pointer chasing). Nodes are in depth-first preorder: the
// root is 0 and a node's left child comes right after it.
type flatTree struct {
	nodes    []node
	width    int       // values per node: number of classes, or 1 for regression
	value    []float64 // width values per node: class proportions, or the mean target
	rows     []int32   // distinct training rows that reached the node
	weight   []float64 // training samples that reached the node, counting bootstrap repeats
	impurity []float64 // Gini, entropy (bits) or mean squared error of the node
}

// leafOf returns the leaf that row i of the column-major x reaches.
func (t *flatTree) leafOf(x [][]float64, i int) int32 {
	nodes := t.nodes
	n := int32(0)
	for {
		nd := &nodes[n]
		if nd.feature < 0 {
			return n
		}
		v := x[nd.feature][i]
		switch {
		case v <= nd.threshold:
			n = nd.left
		case v != v && nd.missingLeft: // NaN
			n = nd.left
		default:
			n = nd.right
		}
	}
}

// values returns the value slice of node n.
func (t *flatTree) values(n int32) []float64 {
	w := t.width
	return t.value[int(n)*w : int(n)*w+w]
}

// depth returns the number of split levels on the longest path.
func (t *flatTree) depth() int {
	if len(t.nodes) == 0 {
		return 0
	}
	d := make([]int, len(t.nodes))
	best := 0
	for i, nd := range t.nodes { // preorder: parents come before children
		if nd.feature >= 0 {
			d[nd.left], d[nd.right] = d[i]+1, d[i]+1
			best = max(best, d[i]+1)
		}
	}
	return best
}

// leaves returns the number of leaves.
func (t *flatTree) leaves() int {
	n := 0
	for _, nd := range t.nodes {
		if nd.feature < 0 {
			n++
		}
	}
	return n
}

// parallelChunk is the number of rows in one block of parallel row work.
const parallelChunk = 2048

// parallelRows calls fn on consecutive blocks of parallelChunk rows
// covering [0, n), on up to GOMAXPROCS goroutines (see forEach). Each block
// is handled by exactly one call, so results written per row do not depend
// on scheduling.
func parallelRows(n int, fn func(lo, hi int)) { rowBlocks(forEach, n, fn) }

// rowBlocks is parallelRows with the given runner.
func rowBlocks(run runner, n int, fn func(lo, hi int)) {
	blocks := (n + parallelChunk - 1) / parallelChunk
	run(blocks, func(b int) { fn(b*parallelChunk, min((b+1)*parallelChunk, n)) })
}

// forEach calls work(i) once for every i in [0, n). The calling goroutine
// and up to GOMAXPROCS-1 helpers take the indices one by one from a shared
// counter, so a helper that starts late (a busy machine) only takes less
// of the work instead of holding the others up. With one index or one
// core it runs on the caller alone.
func forEach(n int, work func(i int)) {
	w := min(workerCount(), n)
	if w <= 1 {
		for i := range n {
			work(i)
		}
		return
	}
	var next atomic.Int64
	run := func() {
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			work(i)
		}
	}
	var wg sync.WaitGroup
	for range w - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run()
		}()
	}
	run()
	wg.Wait()
}

// workerCount is the number of goroutines parallel work uses.
func workerCount() int { return max(runtime.GOMAXPROCS(0), 1) }
