package eda

import (
	"context"
	"math"
	"sync"
	"sync/atomic"

	"modelbench/workflow/stat"
)

// numVec is a numeric column prepared for the correlation stage.
type numVec struct {
	name  string
	vals  []float64 // NaN when missing
	ranks []float32 // average ranks among present values, NaN when missing
	n     int       // present values
	mean  float64   // of the present values
}

// newNumVec prepares a column from its description.
func newNumVec(name string, vals []float64, ranks []float32, n int, f numFacts) numVec {
	return numVec{name: name, vals: vals, ranks: ranks, n: n, mean: f.mean}
}

func (v *numVec) complete() bool { return v.n > 0 && v.n == len(v.vals) }

// correlate computes the Pearson and Spearman matrices over pairwise-
// complete rows, as pandas' DataFrame.corr(method="pearson"/"spearman")
// does: Spearman is Pearson's r of the average ranks, re-ranked within the
// shared rows when either column has rows the other lacks. Pairs of
// columns without missing values come from one blocked pass over the rows
// (gram); the others are computed pair by pair. Work is spread over
// workers goroutines; the result does not depend on their number.
func correlate(ctx context.Context, cols []numVec, workers int) (*Correlations, error) {
	k := len(cols)
	names := make([]string, k)
	var full []int
	for i, c := range cols {
		names[i] = c.name
		if c.complete() {
			full = append(full, i)
		}
	}
	out := &Correlations{Pearson: newMatrix(names), Spearman: newMatrix(names)}
	if len(full) >= 2 {
		g, err := gram(ctx, cols, full, workers)
		if err != nil {
			return nil, err
		}
		for a, i := range full {
			for b, j := range full[a:] {
				b += a
				out.Pearson.set(i, j, ratio(g.vals[a][b], g.vals[a][a], g.vals[b][b]))
				out.Spearman.set(i, j, ratio(g.ranks[a][b], g.ranks[a][a], g.ranks[b][b]))
			}
		}
	}
	isFull := make([]bool, k)
	for _, i := range full {
		isFull[i] = len(full) >= 2
	}
	type pair struct{ i, j int }
	var pairs []pair
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			if !isFull[i] || !isFull[j] {
				pairs = append(pairs, pair{i, j})
			}
		}
	}
	err := parallel(ctx, len(pairs), workers, func(p int) {
		i, j := pairs[p].i, pairs[p].j
		r, s := corrPair(&cols[i], &cols[j])
		out.Pearson.set(i, j, r)
		out.Spearman.set(i, j, s)
	})
	return out, err
}

// parallel runs job(0..n−1) on workers goroutines and returns ctx.Err()
// when ctx was cancelled (some jobs are then skipped).
func parallel(ctx context.Context, n, workers int, job func(int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				p := int(next.Add(1)) - 1
				if p >= n || ctx.Err() != nil {
					return
				}
				job(p)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// gramSums are the centred cross products of complete columns: vals[a][b]
// is Σ (x_a − mean_a)(x_b − mean_b) and ranks[a][b] the same for ranks.
type gramSums struct{ vals, ranks [][]float64 }

func newGramSums(k int) gramSums {
	g := gramSums{vals: make([][]float64, k), ranks: make([][]float64, k)}
	for i := range g.vals {
		g.vals[i], g.ranks[i] = make([]float64, k), make([]float64, k)
	}
	return g
}

const (
	// gramBlocks is the fixed number of row blocks whose sums are added in
	// order, so results do not depend on the number of workers.
	gramBlocks = 32
	// gramChunk rows of every column are centred into a buffer that stays
	// in cache while all pairs use it.
	gramChunk = 512
)

// gram computes the centred cross products of the complete columns full
// of cols in one pass over the rows.
func gram(ctx context.Context, cols []numVec, full []int, workers int) (gramSums, error) {
	n, k := cols[full[0]].n, len(full)
	parts := make([]gramSums, gramBlocks)
	err := parallel(ctx, gramBlocks, workers, func(b int) {
		parts[b] = gramBlock(cols, full, b*n/gramBlocks, (b+1)*n/gramBlocks)
	})
	if err != nil {
		return gramSums{}, err
	}
	total := newGramSums(k)
	for _, p := range parts {
		for a := 0; a < k; a++ {
			for b := a; b < k; b++ {
				total.vals[a][b] += p.vals[a][b]
				total.ranks[a][b] += p.ranks[a][b]
			}
		}
	}
	return total, nil
}

func gramBlock(cols []numVec, full []int, lo, hi int) gramSums {
	k := len(full)
	g := newGramSums(k)
	xb := make([]float64, k*gramChunk)
	rb := make([]float64, k*gramChunk)
	rm := float64(cols[full[0]].n+1) / 2
	for start := lo; start < hi; start += gramChunk {
		m := min(gramChunk, hi-start)
		for a, i := range full {
			c := &cols[i]
			x, r := xb[a*gramChunk:a*gramChunk+m], rb[a*gramChunk:a*gramChunk+m]
			for t, v := range c.vals[start : start+m] {
				x[t] = v - c.mean
			}
			for t, v := range c.ranks[start : start+m] {
				r[t] = float64(v) - rm
			}
		}
		for a := 0; a < k; a++ {
			xa, ra := xb[a*gramChunk:a*gramChunk+m], rb[a*gramChunk:a*gramChunk+m]
			for b := a; b < k; b++ {
				g.vals[a][b] += dot(xa, xb[b*gramChunk:b*gramChunk+m])
				g.ranks[a][b] += dot(ra, rb[b*gramChunk:b*gramChunk+m])
			}
		}
	}
	return g
}

// dot returns Σ x·y, four accumulators wide.
func dot(x, y []float64) float64 {
	var s0, s1, s2, s3 float64
	n := len(x) &^ 3
	y = y[:len(x)]
	for i := 0; i < n; i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for i := n; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

func newMatrix(names []string) Matrix {
	m := Matrix{Columns: names, Values: make([][]*float64, len(names))}
	for i := range m.Values {
		m.Values[i] = make([]*float64, len(names))
	}
	return m
}

// set stores v at (i, j) and (j, i); distinct pairs touch distinct cells.
func (m *Matrix) set(i, j int, v float64) {
	m.Values[i][j] = num(v)
	m.Values[j][i] = m.Values[i][j]
}

// corrPair returns Pearson's and Spearman's r of two columns.
func corrPair(x, y *numVec) (float64, float64) {
	var xs, ys []float64
	var rx, ry []float64
	for i, a := range x.vals {
		b := y.vals[i]
		if a == a && b == b {
			xs, ys = append(xs, a), append(ys, b)
			rx, ry = append(rx, float64(x.ranks[i])), append(ry, float64(y.ranks[i]))
		}
	}
	if len(xs) < 1 {
		return math.NaN(), math.NaN()
	}
	if len(rx) != x.n {
		rx = rerank(rx)
	}
	if len(ry) != y.n {
		ry = rerank(ry)
	}
	return pearson(xs, ys), pearson(rx, ry)
}

func ratio(cov, sx, sy float64) float64 {
	d := math.Sqrt(sx * sy)
	if d == 0 {
		return math.NaN()
	}
	return cov / d
}

// pearson is the two-pass correlation of two equally long complete vectors.
func pearson(x, y []float64) float64 {
	n := float64(len(x))
	mx, my := stat.CompensatedSum(x)/n, stat.CompensatedSum(y)/n
	var sxx, syy, sxy float64
	for i, a := range x {
		dx, dy := a-mx, y[i]-my
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}
	return ratio(sxy, sxx, syy)
}

// rerank returns the average ranks (1-based, ties share their mean rank)
// of complete values.
func rerank(v []float64) []float64 {
	keys := make([]uint64, len(v))
	idx := make([]uint32, len(v))
	for i, x := range v {
		keys[i], idx[i] = floatKey(x), uint32(i)
	}
	sortKeys(keys, idx)
	out := make([]float64, len(v))
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		r := float64(i+1+j) / 2
		for k := i; k < j; k++ {
			out[idx[k]] = r
		}
		i = j
	}
	return out
}
