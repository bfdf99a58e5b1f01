package eda

import (
	"math"
	"sort"
	"time"
)

// vc is a value with its count, for the running top-k.
type vc struct {
	v float64
	n int
}

// topK keeps the k most frequent values offered in ascending value order;
// among equal counts the smaller value wins.
type topK struct {
	k    int
	keep []vc // most frequent first
}

func newTopK(k int) *topK { return &topK{k: k, keep: make([]vc, 0, k+1)} }

func (t *topK) offer(v float64, n int) {
	if len(t.keep) == t.k && n <= t.keep[len(t.keep)-1].n {
		return
	}
	i := sort.Search(len(t.keep), func(i int) bool { return t.keep[i].n < n })
	t.keep = append(t.keep, vc{})
	copy(t.keep[i+1:], t.keep[i:])
	t.keep[i] = vc{v, n}
	if len(t.keep) > t.k {
		t.keep = t.keep[:t.k]
	}
}

func (t *topK) best() vc {
	if len(t.keep) == 0 {
		return vc{v: math.NaN()}
	}
	return t.keep[0]
}

func (t *topK) result(present int, format func(float64) string) []ValueCount {
	out := make([]ValueCount, len(t.keep))
	for i, x := range t.keep {
		out[i] = ValueCount{Value: format(x.v), Count: x.n, Share: float64(x.n) / float64(present)}
	}
	return out
}

// sentinelCounts counts, in ascending values, the codes of SentinelCodes
// that sit at an end of the column (its minimum or maximum), the way a
// missing-value code usually does.
func sentinelCounts(sorted []float64) map[float64]int {
	n := len(sorted)
	var out map[float64]int
	for _, s := range SentinelCodes {
		var c int
		switch {
		case sorted[0] == s:
			c = sort.SearchFloat64s(sorted, math.Nextafter(s, math.Inf(1)))
		case sorted[n-1] == s:
			c = n - sort.SearchFloat64s(sorted, s)
		}
		if c > 0 {
			if out == nil {
				out = map[float64]int{}
			}
			out[s] = c
		}
	}
	return out
}

// datesLike reports whether every value of an ascending whole-number column
// reads as a calendar date written yyyymmdd between DateLikeFirstYear and
// DateLikeLastYear, with more than one distinct value.
func datesLike(sorted []float64) bool {
	n := len(sorted)
	lo, hi := float64(DateLikeFirstYear*10000+101), float64(DateLikeLastYear*10000+1231)
	if n < 2 || sorted[0] < lo || sorted[n-1] > hi || sorted[0] == sorted[n-1] {
		return false
	}
	for i, v := range sorted {
		if i > 0 && v == sorted[i-1] {
			continue
		}
		if _, ok := yyyymmdd(int(v)); !ok {
			return false
		}
	}
	return true
}

// yyyymmdd reads a whole number such as 20240131 as a date.
func yyyymmdd(v int) (time.Time, bool) {
	y, m, d := v/10000, (v/100)%100, v%100
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d && int(t.Month()) == m
}
