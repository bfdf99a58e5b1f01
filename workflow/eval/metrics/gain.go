package metrics

import (
	"fmt"
	"sort"
)

// GainPoint is one point of the cumulative gain and lift curves: calling
// positive the rows that score at least Threshold selects the share
// Fraction of all rows and captures the share Gain of all positive rows;
// Lift = Gain / Fraction is how many times better than picking at random
// that selection is.
type GainPoint struct {
	Threshold float64 `json:"threshold"`
	Fraction  float64 `json:"fraction"`
	Gain      float64 `json:"gain"`
	Lift      float64 `json:"lift"`
}

// Gain is the cumulative gain curve of a binary scorer, one point per
// distinct score in decreasing order, starting at the origin (threshold
// max(score)+1, no rows selected). Rows with equal scores enter together,
// so between points the curve is a straight line: that is the expected
// gain when ties are broken at random. The origin's Lift is the first
// point's, the limit as the selection shrinks.
type Gain struct {
	Points []GainPoint `json:"points"`
	Rows   int         `json:"rows"`
	Rate   float64     `json:"positive_rate"` // share of positive rows overall
}

// CumulativeGain builds the gain curve; it fails when no row is positive.
func CumulativeGain(positive []bool, score []float64) (*Gain, error) {
	r, err := newRanking("cumulative gain", positive, score)
	if err != nil {
		return nil, err
	}
	if r.pos == 0 {
		return nil, fmt.Errorf("cumulative gain needs positive rows in the truth: %w", ErrUndefined)
	}
	n := float64(r.pos + r.neg)
	g := &Gain{Rows: r.pos + r.neg, Rate: float64(r.pos) / n, Points: make([]GainPoint, 0, len(r.thr)+1)}
	g.Points = append(g.Points, GainPoint{Threshold: r.thr[0] + 1})
	for i, t := range r.thr {
		f := float64(r.tps[i]+r.fps[i]) / n
		gain := float64(r.tps[i]) / float64(r.pos)
		g.Points = append(g.Points, GainPoint{Threshold: t, Fraction: f, Gain: gain, Lift: gain / f})
	}
	g.Points[0].Lift = g.Points[1].Lift
	return g, nil
}

// At returns the gain when the top share fraction (0..1) of rows by score
// is selected, interpolating linearly inside a block of tied scores.
func (g *Gain) At(fraction float64) float64 {
	p := g.Points
	if fraction <= 0 {
		return 0
	}
	i := sort.Search(len(p), func(i int) bool { return p[i].Fraction >= fraction })
	if i >= len(p) {
		return 1
	}
	a, b := p[i-1], p[i]
	return a.Gain + (b.Gain-a.Gain)*(fraction-a.Fraction)/(b.Fraction-a.Fraction)
}

// LiftRow is one slice of a lift table: the rows ranked between
// (Slice−1)/n and Slice/n of the way down by score.
type LiftRow struct {
	Slice int     `json:"slice"` // 1 = the highest-scoring rows
	UpTo  float64 `json:"up_to"` // fraction of rows selected down to this slice
	// Gain is the share of all positive rows in the slices so far.
	Gain float64 `json:"cumulative_gain"`
	// CumulativeLift is Gain / UpTo.
	CumulativeLift float64 `json:"cumulative_lift"`
	// Rate is the share of positive rows within this slice alone and Lift
	// that share over the overall positive rate.
	Rate float64 `json:"response_rate"`
	Lift float64 `json:"lift"`
}

// Table cuts the ranking into n equal slices (n = 10 gives deciles). When
// the row count is not a multiple of n, or a slice boundary falls inside a
// block of tied scores, the rows are shared out in proportion, so counts
// may be fractional (the expectation under random tie-breaking).
func (g *Gain) Table(n int) []LiftRow {
	if n < 1 {
		return nil
	}
	out := make([]LiftRow, n)
	prev := 0.0
	for s := 1; s <= n; s++ {
		upTo := float64(s) / float64(n)
		gain := g.At(upTo)
		slice := (gain - prev) / (1 / float64(n))
		out[s-1] = LiftRow{Slice: s, UpTo: upTo, Gain: gain, CumulativeLift: gain / upTo,
			Rate: slice * g.Rate, Lift: slice}
		prev = gain
	}
	return out
}
