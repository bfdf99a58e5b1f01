package eda

import (
	"math"
	"sort"
	"time"
	"unicode/utf8"

	"modelbench/workflow/data"
	"modelbench/workflow/stat"
)

// describeCategorical fills levels, top values and rare levels.
func describeCategorical(c *data.CategoricalColumn, st *ColumnStats) {
	levels := c.Levels()
	counts := make([]int, len(levels))
	for _, k := range c.Codes() {
		if k >= 0 {
			counts[k]++
		}
	}
	fillLevels(st, levels, counts)
}

// describeBoolean counts true and false as two levels, named in the
// column's spelling ("No", "Yes").
func describeBoolean(c *data.BooleanColumn, st *ColumnStats) {
	counts := make([]int, 2)
	for i := 0; i < c.Len(); i++ {
		if v, ok := c.At(i); ok {
			if v {
				counts[1]++
			} else {
				counts[0]++
			}
		}
	}
	sp := c.Spelling()
	fillLevels(st, []string{sp.False, sp.True}, counts)
}

// fillLevels sets Unique, Levels, Top and RareLevels from level counts;
// unused levels are left out. Ties keep the levels' order.
func fillLevels(st *ColumnStats, levels []string, counts []int) {
	order := make([]int, 0, len(levels))
	for i, n := range counts {
		if n > 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return counts[order[a]] > counts[order[b]] })
	st.Unique = len(order)
	present := float64(st.Count)
	list := make([]ValueCount, len(order))
	for i, k := range order {
		list[i] = ValueCount{Value: levels[k], Count: counts[k], Share: float64(counts[k]) / present}
		if counts[k] < RareMinCount || list[i].Share < RareShare {
			st.RareLevels = append(st.RareLevels, list[i])
		}
	}
	if len(st.RareLevels) > MaxLevelsListed {
		st.RareLevels = st.RareLevels[:MaxLevelsListed]
	}
	st.Top = list[:min(len(list), MaxTopValues)]
	if len(list) > MaxLevelsListed {
		list, st.LevelsTruncated = list[:MaxLevelsListed], true
	}
	st.Levels = list
}

// describeText counts distinct texts, their top values and the
// distribution of their lengths in characters.
func describeText(c *data.TextColumn, st *ColumnStats) {
	vals := c.Values()
	counts := make(map[string]int, min(len(vals), 1<<16))
	lengths := make([]float64, len(vals))
	for i, v := range vals {
		if c.IsMissing(i) {
			lengths[i] = math.NaN()
			continue
		}
		counts[v]++
		lengths[i] = float64(utf8.RuneCountInString(v))
	}
	st.Unique = len(counts)
	type kv struct {
		s string
		n int
	}
	var rep []kv
	for s, n := range counts {
		if n > 1 {
			rep = append(rep, kv{s, n})
		}
	}
	sort.Slice(rep, func(a, b int) bool {
		if rep[a].n != rep[b].n {
			return rep[a].n > rep[b].n
		}
		return rep[a].s < rep[b].s
	})
	for _, x := range rep[:min(len(rep), MaxTopValues)] {
		st.Top = append(st.Top, ValueCount{Value: x.s, Count: x.n, Share: float64(x.n) / float64(st.Count)})
	}
	sorted, _ := sortedPresent(lengths, false)
	if len(sorted) == 0 {
		return
	}
	st.TextLength = &LengthStats{
		Min: sorted[0], Max: sorted[len(sorted)-1], Mean: stat.CompensatedSum(sorted) / float64(len(sorted)),
		Q1: stat.QuantileSorted(sorted, 0.25), Median: stat.QuantileSorted(sorted, 0.5), Q3: stat.QuantileSorted(sorted, 0.75), P95: stat.QuantileSorted(sorted, 0.95),
	}
}

// describeDatetime finds the range, the typical step between distinct
// instants and the gaps much longer than it.
func describeDatetime(c *data.DatetimeColumn, st *ColumnStats) {
	ns := c.UnixNanos()
	keys := make([]uint64, 0, len(ns))
	for i, v := range ns {
		if !c.IsMissing(i) {
			keys = append(keys, uint64(v)^1<<63)
		}
	}
	if len(keys) == 0 {
		return
	}
	sortKeys(keys, nil)
	at := func(k uint64) int64 { return int64(k ^ 1<<63) }
	distinct := []int64{at(keys[0])}
	for _, k := range keys[1:] {
		if v := at(k); v != distinct[len(distinct)-1] {
			distinct = append(distinct, v)
		}
	}
	st.Unique = len(distinct)
	ds := &DateStats{First: stamp(distinct[0]), Last: stamp(distinct[len(distinct)-1])}
	st.Dates = ds
	if len(distinct) < 2 {
		return
	}
	steps := make([]float64, len(distinct)-1)
	for i := range steps {
		steps[i] = float64(distinct[i+1]-distinct[i]) / 1e9
	}
	sortedSteps := append([]float64(nil), steps...)
	sort.Float64s(sortedSteps)
	ds.TypicalStep = stat.QuantileSorted(sortedSteps, 0.5)
	var gaps []DateGap
	for i, s := range steps {
		if s > GapFactor*ds.TypicalStep {
			gaps = append(gaps, DateGap{From: stamp(distinct[i]), To: stamp(distinct[i+1]), Seconds: s})
		}
	}
	ds.GapCount = len(gaps)
	sort.SliceStable(gaps, func(a, b int) bool { return gaps[a].Seconds > gaps[b].Seconds })
	ds.Gaps = gaps[:min(len(gaps), MaxGapsListed)]
}

func stamp(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339) }
