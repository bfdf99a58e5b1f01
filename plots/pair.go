package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// MaxPairColumns is the most columns a pair plot takes.
const MaxPairColumns = 6

// pairSample is the most rows a pair plot's scatters draw; histograms use
// every row.
const pairSample = 50_000

// PairOptions configures PairPlot. Class and ClassNames colour the points
// and histograms by category code (-1 missing) as in ScatterOptions.
type PairOptions struct {
	Title      string
	Class      []int32
	ClassNames []string
	Style      Style
}

// PairPlot draws every pair of up to six numeric columns (cols[j] named
// names[j], all of one length) as one figure: histograms on the diagonal
// (one per class when Class is set), scatters off it. Each panel leaves out
// the rows with a NaN or infinite value in its columns; the number of such
// values is noted per column. Above 50,000 rows the scatters show an evenly
// spaced sample. It returns an error for 0 or more than six columns or
// unequal lengths, and ErrNothingToDraw when a column has no finite value.
func PairPlot(names []string, cols [][]float64, opt PairOptions) (*Figure, error) {
	k := len(cols)
	if k == 0 || k > MaxPairColumns {
		return nil, fmt.Errorf("pair plot: %d columns, want 1 to %d", k, MaxPairColumns)
	}
	if err := lengthsMatch("pair plot names", len(names), k); err != nil {
		return nil, err
	}
	n := len(cols[0])
	for j, c := range cols {
		if err := lengthsMatch("pair plot column "+names[j], len(c), n); err != nil {
			return nil, err
		}
	}
	if opt.Class != nil {
		if err := lengthsMatch("pair plot classes", len(opt.Class), n); err != nil {
			return nil, err
		}
	}
	if opt.Class != nil {
		opt.ClassNames = classNames(opt.Class, opt.ClassNames)
	}
	s := opt.Style.norm()
	small := s
	small.FontSize = s.FontSize * 0.8
	f := &Figure{Title: opt.Title, Style: s, Grid: make([][]*plot.Plot, k)}
	for i := range k {
		f.Grid[i] = make([]*plot.Plot, k)
		for j := range k {
			p, err := pairPanel(names, cols, i, j, opt, small)
			if err != nil {
				return nil, err
			}
			f.Grid[i][j] = p
		}
	}
	if opt.Class != nil {
		colors, index := classColors(opt.Class, len(opt.ClassNames), s)
		seen := make([]bool, len(colors))
		for i := range opt.Class {
			seen[index(i)] = true
		}
		legendEntries(f.Grid[0][k-1], colors, seen, opt.ClassNames)
	}
	for j, c := range cols {
		_, nan, inf := finite(c)
		if d := dropNote(nan, inf); d != "" {
			f.Note("%s: %s", names[j], d)
		}
	}
	if n > pairSample {
		f.Note("scatters show %s evenly spaced rows of %s", thousands(pairSample), thousands(n))
	}
	return f, nil
}

// pairPanel builds panel (i, j): a histogram when i == j, else column j
// against column i.
func pairPanel(names []string, cols [][]float64, i, j int, opt PairOptions, s Style) (*plot.Plot, error) {
	k := len(cols)
	xl, yl := "", ""
	if i == k-1 {
		xl = names[j]
	}
	if j == 0 {
		yl = names[i]
	}
	p := s.newPlot("", xl, yl)
	if i == j {
		if err := pairHistogram(p, cols[i], opt, s); err != nil {
			return nil, fmt.Errorf("pair plot column %q: %w", names[i], err)
		}
		return p, nil
	}
	x, y := sampleRows(cols[j]), sampleRows(cols[i])
	var class []int32
	if opt.Class != nil {
		class = sampleCodes(opt.Class)
	}
	pts, _ := scatterPoints(x, y, ScatterOptions{Class: class, ClassNames: opt.ClassNames}, s)
	if len(pts.x) > 0 {
		p.Add(pts)
	}
	return p, nil
}

// pairHistogram adds overlaid per-class (or one) histograms of v.
func pairHistogram(p *plot.Plot, v []float64, opt PairOptions, s Style) error {
	fin, _, _ := finite(v)
	if len(fin) == 0 {
		return ErrNothingToDraw
	}
	bins := 0
	if lo, hi := span(fin); hi > lo {
		bins = min(30, autoBinCount(fin, hi-lo))
	}
	edges := autoEdges(fin, bins)
	if opt.Class == nil {
		addHist(p, countBins(fin, edges), edges, withAlpha(s.Color(0), 0xC0), s)
		return nil
	}
	groups, _ := GroupBy(v, opt.Class, opt.ClassNames)
	for _, g := range groups {
		gv, _, _ := finite(g.Values)
		c := s.Color(classIndex(opt.ClassNames, g.Name))
		addHist(p, countBins(gv, edges), edges, withAlpha(c, 0x80), s)
	}
	return nil
}

// classIndex returns the index of name in names, or -1.
func classIndex(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// addHist adds a filled histogram of counts over edges.
func addHist(p *plot.Plot, counts, edges []float64, fill color.Color, s Style) {
	bins := make([]plotter.HistogramBin, len(counts))
	for i, c := range counts {
		bins[i] = plotter.HistogramBin{Min: edges[i], Max: edges[i+1], Weight: c}
	}
	p.Add(&plotter.Histogram{Bins: bins, FillColor: fill, LineStyle: line(s.Background, 0.3)})
}

// sampleRows returns v, or an evenly spaced sample of pairSample rows.
func sampleRows(v []float64) []float64 {
	if len(v) <= pairSample {
		return v
	}
	out := make([]float64, pairSample)
	for i := range out {
		out[i] = v[int(math.Floor(float64(i)*float64(len(v))/pairSample))]
	}
	return out
}

// sampleCodes samples codes at the rows sampleRows keeps.
func sampleCodes(c []int32) []int32 {
	if len(c) <= pairSample {
		return c
	}
	out := make([]int32, pairSample)
	for i := range out {
		out[i] = c[int(math.Floor(float64(i)*float64(len(c))/pairSample))]
	}
	return out
}
