package monitor

import "math"

// DistributionBins is the number of equal-width bins a numeric
// Distribution has.
const DistributionBins = 20

// Distribution is a column's training and window distributions over the
// same bins, so that they can be drawn side by side. Numeric and datetime
// columns have Edges: DistributionBins equal-width bins from the smallest
// to the largest value of the baseline's sample and the window together
// (a range of ±0.5, or ±1e-9 of it when larger, around a single value); the training side is the
// baseline's sample (see NumericProfile.Sample). Level columns have
// Levels: the training's most frequent levels, then the window's new
// levels that FeatureDrift.NewLevels lists, then "other" (every other
// level). Training and Window are the shares of each side's present
// values per bin, each summing to 1, or all 0 when that side has no
// value; missing values are not in them (see FeatureDrift.Missing).
type Distribution struct {
	Edges    []float64 `json:"edges,omitempty"`
	Levels   []string  `json:"levels,omitempty"`
	Training []float64 `json:"training"`
	Window   []float64 `json:"window"`
}

// OtherLevel names the bin of a level Distribution that holds every level
// not named.
const OtherLevel = "other"

// numericDistribution bins the baseline's sample and the sorted window
// values on common equal-width bins; nil when both are empty.
func numericDistribution(sample, window []float64) *Distribution {
	if len(sample) == 0 && len(window) == 0 {
		return nil
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range [][]float64{sample, window} {
		if len(s) > 0 {
			lo, hi = min(lo, s[0]), max(hi, s[len(s)-1])
		}
	}
	if !(hi > lo) {
		w := max(math.Abs(lo)*1e-9, 0.5)
		lo, hi = lo-w, lo+w
	}
	d := &Distribution{Edges: make([]float64, DistributionBins+1)}
	for i := range d.Edges {
		t := float64(i) / DistributionBins
		d.Edges[i] = lo*(1-t) + hi*t // no overflow across the whole float range
	}
	d.Edges[0], d.Edges[DistributionBins] = lo, hi
	d.Training = binShares(sample, lo, hi)
	d.Window = binShares(window, lo, hi)
	return d
}

// binShares returns the share of values per equal-width bin of [lo, hi];
// the last bin includes hi.
func binShares(v []float64, lo, hi float64) []float64 {
	out := make([]float64, DistributionBins)
	if len(v) == 0 {
		return out
	}
	half := hi/2 - lo/2 // halves, so that no difference overflows
	for _, x := range v {
		k := int((x/2 - lo/2) / half * DistributionBins)
		out[min(max(k, 0), DistributionBins-1)]++
	}
	for k := range out {
		out[k] /= float64(len(v))
	}
	return out
}

// levelDistribution lays the training levels, the listed new levels and
// "other" side by side; nil when neither side has a value.
func (a *featureAcc) levelDistribution(newLevels []LevelCount) *Distribution {
	lp := a.prof.Levels
	d := &Distribution{}
	var train, win []float64
	for k, lc := range lp.Levels {
		d.Levels = append(d.Levels, lc.Level)
		train = append(train, float64(lc.Count))
		win = append(win, a.bins[k])
	}
	other := a.bins[len(a.bins)-2]
	for _, nl := range newLevels {
		d.Levels = append(d.Levels, nl.Level)
		train = append(train, 0)
		win = append(win, float64(nl.Count))
		other -= float64(nl.Count)
	}
	d.Levels = append(d.Levels, OtherLevel)
	train = append(train, float64(lp.Other))
	win = append(win, other)
	d.Training, d.Window = normalised(train), normalised(win)
	if sum(train) == 0 && sum(win) == 0 {
		return nil
	}
	return d
}

// normalised divides counts by their sum (all 0 when the sum is 0).
func normalised(c []float64) []float64 {
	out := make([]float64, len(c))
	t := sum(c)
	if t == 0 {
		return out
	}
	for k, v := range c {
		out[k] = v / t
	}
	return out
}
