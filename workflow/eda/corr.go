package eda

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
)

// numVec is a numeric column prepared for the correlation stage.
type numVec struct {
	name  string
	vals  []float64 // NaN when missing
	ranks []float32 // average ranks among present values, NaN when missing
	n     int       // present values
	// mean and ss (sum of squared deviations) of the values and of the
	// ranks over the present rows.
	mean, ss, rss float64
}

func newNumVec(name string, vals []float64, ranks []float32, n int) numVec {
	v := numVec{name: name, vals: vals, ranks: ranks, n: n}
	if n == 0 || n != len(vals) {
		return v // pairs with missing rows are computed in full
	}
	v.mean = compensatedSum(vals) / float64(n)
	for _, x := range vals {
		d := x - v.mean
		v.ss += d * d
	}
	rm := float64(n+1) / 2
	for _, r := range ranks {
		d := float64(r) - rm
		v.rss += d * d
	}
	return v
}

func (v *numVec) complete() bool { return v.n > 0 && v.n == len(v.vals) }

// correlate computes the Pearson and Spearman matrices over pairwise-
// complete rows, as pandas' DataFrame.corr(method="pearson"/"spearman")
// does: Spearman is Pearson's r of the average ranks, re-ranked within the
// shared rows when either column has rows the other lacks. Pairs are
// spread over workers goroutines.
func correlate(ctx context.Context, cols []numVec, workers int) (*Correlations, error) {
	k := len(cols)
	names := make([]string, k)
	for i, c := range cols {
		names[i] = c.name
	}
	out := &Correlations{Pearson: newMatrix(names), Spearman: newMatrix(names)}
	type pair struct{ i, j int }
	var pairs []pair
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			pairs = append(pairs, pair{i, j})
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				p := int(next.Add(1)) - 1
				if p >= len(pairs) || ctx.Err() != nil {
					return
				}
				i, j := pairs[p].i, pairs[p].j
				r, s := corrPair(&cols[i], &cols[j])
				out.Pearson.set(i, j, r)
				out.Spearman.set(i, j, s)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
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
	if x.complete() && y.complete() {
		cxy := centredDot(x.vals, y.vals, x.mean, y.mean)
		rm := float64(x.n+1) / 2
		rxy := centredDot32(x.ranks, y.ranks, rm)
		return ratio(cxy, x.ss, y.ss), ratio(rxy, x.rss, y.rss)
	}
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
	mx, my := compensatedSum(x)/n, compensatedSum(y)/n
	var sxx, syy, sxy float64
	for i, a := range x {
		dx, dy := a-mx, y[i]-my
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}
	return ratio(sxy, sxx, syy)
}

// centredDot returns Σ (x−mx)(y−my), four accumulators wide.
func centredDot(x, y []float64, mx, my float64) float64 {
	var s0, s1, s2, s3 float64
	n := len(x) &^ 3
	y = y[:len(x)]
	for i := 0; i < n; i += 4 {
		s0 += (x[i] - mx) * (y[i] - my)
		s1 += (x[i+1] - mx) * (y[i+1] - my)
		s2 += (x[i+2] - mx) * (y[i+2] - my)
		s3 += (x[i+3] - mx) * (y[i+3] - my)
	}
	for i := n; i < len(x); i++ {
		s0 += (x[i] - mx) * (y[i] - my)
	}
	return (s0 + s1) + (s2 + s3)
}

// centredDot32 is centredDot for ranks sharing the mean m.
func centredDot32(x, y []float32, m float64) float64 {
	var s0, s1 float64
	n := len(x) &^ 1
	y = y[:len(x)]
	for i := 0; i < n; i += 2 {
		s0 += (float64(x[i]) - m) * (float64(y[i]) - m)
		s1 += (float64(x[i+1]) - m) * (float64(y[i+1]) - m)
	}
	for i := n; i < len(x); i++ {
		s0 += (float64(x[i]) - m) * (float64(y[i]) - m)
	}
	return s0 + s1
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
