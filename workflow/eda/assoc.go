package eda

import (
	"context"
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// catVec is a categorical view of a column: codes 0..k−1, −1 when
// missing, and the name of each code.
type catVec struct {
	name   string
	codes  []int32
	k      int
	levels []string
}

// asCat returns the categorical view of a categorical or boolean column.
func asCat(c data.Column) (catVec, bool) {
	switch c := c.(type) {
	case *data.CategoricalColumn:
		return catVec{name: c.Name(), codes: c.Codes(), k: len(c.Levels()), levels: c.Levels()}, true
	case *data.BooleanColumn:
		codes := make([]int32, c.Len())
		for i := range codes {
			v, ok := c.At(i)
			switch {
			case !ok:
				codes[i] = -1
			case v:
				codes[i] = 1
			}
		}
		sp := c.Spelling()
		return catVec{name: c.Name(), codes: codes, k: 2, levels: []string{sp.False, sp.True}}, true
	}
	return catVec{}, false
}

// numAsCat codes the distinct present values of a numeric column 0..k−1 in
// ascending order, for a numeric target that holds classes.
func numAsCat(c *data.NumericColumn) catVec {
	sorted, idx := sortedPresent(c.Values(), true)
	codes := make([]int32, c.Len())
	for i := range codes {
		codes[i] = -1
	}
	k := int32(-1)
	var levels []string
	for i, v := range sorted {
		if i == 0 || v != sorted[i-1] {
			k++
			levels = append(levels, data.FormatFloat(v))
		}
		codes[idx[i]] = k
	}
	return catVec{name: c.Name(), codes: codes, k: int(k + 1), levels: levels}
}

// describePairs fills the correlation and Cramér's V matrices, the task and
// each feature's association with the target.
func describePairs(ctx context.Context, rep *Report, work []colWork, classes *catVec, workers int, report progress.Func) error {
	var nums []numVec
	var cats []catVec
	for i := range work {
		w := &work[i]
		if c, ok := w.col.(*data.NumericColumn); ok {
			nums = append(nums, newNumVec(c.Name(), c.Values(), w.ranks, w.st.Count, w.facts))
		} else if cv, ok := asCat(w.col); ok && w.st.Unique <= MaxCramerLevels {
			cats = append(cats, cv)
		}
	}
	if len(nums) >= 2 {
		report.Send(0, "correlating numeric columns")
		corr, err := correlate(ctx, nums, workers)
		if err != nil {
			return err
		}
		rep.Correlations = corr
	}
	for i := range work {
		work[i].ranks = nil
	}
	if len(cats) >= 2 {
		report.Send(0.6, "associating categorical columns")
		m := newMatrix(namesOf(cats))
		for i := range cats {
			if err := ctx.Err(); err != nil {
				return err
			}
			for j := i; j < len(cats); j++ {
				m.set(i, j, cramersV(cats[i], cats[j]))
			}
		}
		rep.CramersV = &m
	}
	report.Send(0.8, "measuring association with the target")
	return targetAssociation(ctx, rep, work, classes)
}

func namesOf(cs []catVec) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// cramersV is Cramér's V of two categorical vectors over the rows where
// both are present, without bias correction: sqrt(χ² / (n·(min(r,c)−1)))
// with χ² Pearson's statistic without Yates' correction, over the levels
// that occur in those rows; the same as scipy.stats.contingency.
// association(table, method="cramer"). NaN when either side has a single
// level there.
func cramersV(a, b catVec) float64 {
	table := make([]float64, a.k*b.k)
	rows, cols := make([]float64, a.k), make([]float64, b.k)
	n := 0.0
	for i, x := range a.codes {
		y := b.codes[i]
		if x < 0 || y < 0 {
			continue
		}
		table[int(x)*b.k+int(y)]++
		rows[x]++
		cols[y]++
		n++
	}
	r, c := nonZero(rows), nonZero(cols)
	if r < 2 || c < 2 {
		return math.NaN()
	}
	chi2 := 0.0
	for x, rx := range rows {
		if rx == 0 {
			continue
		}
		for y, cy := range cols {
			if cy == 0 {
				continue
			}
			e := rx * cy / n
			d := table[x*b.k+y] - e
			chi2 += d * d / e
		}
	}
	return math.Sqrt(chi2 / (n * float64(min(r, c)-1)))
}

func nonZero(v []float64) int {
	k := 0
	for _, x := range v {
		if x != 0 {
			k++
		}
	}
	return k
}

// correlationRatio is η, the square root of the share of the variance of
// vals explained by the groups of g (between-group over total sum of
// squares), over the rows where both are present. NaN when the values are
// constant there or no row is shared.
func correlationRatio(vals []float64, g catVec) float64 {
	sums, counts := make([]float64, g.k), make([]float64, g.k)
	total, n := 0.0, 0.0
	for i, v := range vals {
		k := g.codes[i]
		if v != v || k < 0 {
			continue
		}
		sums[k] += v
		counts[k]++
		total += v
		n++
	}
	if n == 0 {
		return math.NaN()
	}
	mean := total / n
	var between, within float64
	for k, c := range counts {
		if c > 0 {
			d := sums[k]/c - mean
			between += c * d * d
		}
	}
	for i, v := range vals {
		k := g.codes[i]
		if v != v || k < 0 {
			continue
		}
		d := v - sums[k]/counts[k]
		within += d * d
	}
	if between+within == 0 {
		return math.NaN()
	}
	return math.Sqrt(between / (between + within))
}
