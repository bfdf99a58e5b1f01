package tree

import (
	"math"
	"sync"
)

// walkLayout is a forest's trees laid out for prediction only: every tree
// in one []uint64, each node a header word followed by the words it
// needs, so that a walk touches as few cache lines as possible (a forest
// grown to purity is megabytes of nodes, and its walks are bound by memory,
// not arithmetic).
//
//   - A split is two words: the header (feature in the low 31 bits, bit 31
//     set when missing values go left, the right child's index in words
//     in the high 32 bits) and the threshold's bits. Its left
//     child follows it (the trees are in preorder).
//   - A leaf is the header leafMark followed by its width values' bits.
//
// The values are the flatTree's own float64s, added in the same order, so
// predictions through the layout are bit for bit those of flatTree.leafOf
// and flatTree.values.
type walkLayout struct {
	words []uint64
	start []int // tree t's nodes begin at words[start[t]]
	width int
}

const (
	leafMark    = math.MaxUint64
	missingLeft = 1 << 31
	featureMask = missingLeft - 1
)

// layoutOf lays out trees (nil when a tree is not in preorder with the
// left child right after its parent, or too large for 32-bit offsets;
// callers then walk the flatTrees).
func layoutOf(trees []*flatTree, width int) *walkLayout {
	l := &walkLayout{width: width, start: make([]int, len(trees))}
	at := make([]int, 0, 64)
	for t, tr := range trees {
		l.start[t] = len(l.words)
		base := len(l.words)
		at = at[:0]
		// First pass: offsets of every node in preorder.
		off := 0
		for i, nd := range tr.nodes {
			at = append(at, off)
			if nd.feature < 0 {
				off += 1 + width
				continue
			}
			if int(nd.left) != i+1 || nd.right <= nd.left || int(nd.right) >= len(tr.nodes) || nd.feature >= featureMask {
				return nil
			}
			off += 2
		}
		if base+off >= math.MaxUint32 {
			return nil
		}
		for i, nd := range tr.nodes {
			if nd.feature < 0 {
				l.words = append(l.words, leafMark)
				for _, v := range tr.values(int32(i)) {
					l.words = append(l.words, math.Float64bits(v))
				}
				continue
			}
			h := uint64(nd.feature) | uint64(base+at[nd.right])<<32
			if nd.missingLeft {
				h |= missingLeft
			}
			l.words = append(l.words, h, math.Float64bits(nd.threshold))
		}
		if len(l.words)-base != off {
			return nil
		}
	}
	return l
}

// lanes is how many trees one row walks at once: the walks' loads do not
// depend on each other, so the processor overlaps their cache misses
// instead of waiting for each node in turn.
const lanes = 8

// addRows adds the trees' leaf values for rows lo..hi of the column-major
// x to out (width values per row, row-major, row lo at out[0]), tree by
// tree in order for every row.
func (l *walkLayout) addRows(x [][]float64, lo, hi int, out []float64) {
	if hi-lo >= lanes {
		l.addByTree(x, lo, hi, out)
		return
	}
	var pos, row [lanes]int
	for i := lo; i < hi; i++ {
		acc := out[(i-lo)*l.width : (i-lo+1)*l.width]
		for t0 := 0; t0 < len(l.start); t0 += lanes {
			m := min(lanes, len(l.start)-t0)
			for k := range m {
				pos[k], row[k] = l.start[t0+k], i
			}
			l.descend(x, &pos, &row, m)
			for k := range m {
				l.addLeaf(pos[k], acc)
			}
		}
	}
}

// addByTree is addRows for many rows: tree by tree (its upper levels stay
// in cache), lanes rows at once.
func (l *walkLayout) addByTree(x [][]float64, lo, hi int, out []float64) {
	var pos, row [lanes]int
	for _, start := range l.start {
		for i0 := lo; i0 < hi; i0 += lanes {
			m := min(lanes, hi-i0)
			for k := range m {
				pos[k], row[k] = start, i0+k
			}
			l.descend(x, &pos, &row, m)
			for k := range m {
				l.addLeaf(pos[k], out[(row[k]-lo)*l.width:(row[k]-lo+1)*l.width])
			}
		}
	}
}

// descend walks lanes 0..m-1 together, lane k from node pos[k] with row
// row[k] of x, until every lane stands on a leaf.
func (l *walkLayout) descend(x [][]float64, pos, row *[lanes]int, m int) {
	words := l.words
	for moved := true; moved; {
		moved = false
		for k := range m {
			p := pos[k]
			h := words[p]
			if h == leafMark {
				continue
			}
			moved = true
			pos[k] = step(h, p, x[h&featureMask][row[k]], words[p+1])
		}
	}
}

// addLeaf adds the values of the leaf at p to acc.
func (l *walkLayout) addLeaf(p int, acc []float64) {
	v := l.words[p+1 : p+1+len(acc)]
	for c := range acc {
		acc[c] += math.Float64frombits(v[c])
	}
}

// step returns the child of the split at p (header h, threshold bits
// thr) that value v goes to, without a branch on the comparison (which is
// as unpredictable as the data): left (p+2) when v <= threshold, or when
// v is NaN and missing values go left; right otherwise.
func step(h uint64, p int, v float64, thr uint64) int {
	left := 0
	if v <= math.Float64frombits(thr) {
		left = 1
	}
	nan := 0
	if v != v {
		nan = 1
	}
	left |= nan & int(h>>31)
	right := int(h >> 32)
	return right + left*(p+2-right)
}

// lazyLayout builds a walkLayout on first use.
type lazyLayout struct {
	once sync.Once
	l    *walkLayout
}

// get returns the layout of trees, building it once.
func (z *lazyLayout) get(trees []*flatTree, width int) *walkLayout {
	z.once.Do(func() { z.l = layoutOf(trees, width) })
	return z.l
}
