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

// pairPoints is the most points all the scatters of a pair plot draw
// together (at most 50,000 a panel); histograms use every row. Panels are
// small, so more points would only blacken them.
const pairPoints = 400_000

// pairSample returns how many rows each scatter of k columns shows.
func pairSample(k int) int {
	if k < 2 {
		return 50_000
	}
	return min(50_000, pairPoints/(k*(k-1)))
}

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
// values is noted per column. The scatters show at most 400,000 points in
// all (50,000 a panel), evenly spaced rows of large columns. It returns an error for 0 or more than six columns or
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
	if m := pairSample(k); n > m {
		f.Note("scatters show %s evenly spaced rows of %s", thousands(m), thousands(n))
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
	m := pairSample(k)
	x, y := sampleRows(cols[j], m), sampleRows(cols[i], m)
	var class []int32
	if opt.Class != nil {
		class = sampleRows(opt.Class, m)
	}
	pts, _ := scatterPoints(x, y, ScatterOptions{Class: class, ClassNames: opt.ClassNames}, s)
	if len(pts.x) > 0 {
		p.Add(pts)
	}
	return p, nil
}

// pairHistogram adds overlaid per-class (or one) histograms of v, with
// Sturges' number of bins (at most 30) to spare the panels a quantile pass.
func pairHistogram(p *plot.Plot, v []float64, opt PairOptions, s Style) error {
	lo, hi, ok := valueRange(v)
	if !ok {
		return ErrNothingToDraw
	}
	bins := 1
	if !degenerate(lo, hi) {
		bins = min(30, int(math.Ceil(math.Log2(float64(len(v)))+1)))
	}
	edges := autoEdges([]float64{lo, hi}, bins)
	if opt.Class == nil {
		addHist(p, countBins(v, edges), edges, withAlpha(s.Color(0), 0xC0), s)
		return nil
	}
	nc := len(opt.ClassNames)
	counts := make([][]float64, nc+1) // the last: missing class
	for c := range counts {
		counts[c] = make([]float64, bins)
	}
	for i, x := range v {
		if b := binOf(x, edges); b >= 0 {
			counts[groupIndex(opt.Class[i], nc)][b]++
		}
	}
	for c, cc := range counts {
		if sum(cc) > 0 {
			addHist(p, cc, edges, withAlpha(s.Color(classOrMissing(c, nc)), 0x80), s)
		}
	}
	return nil
}

// classOrMissing maps the missing group index nc to -1 (the Missing colour).
func classOrMissing(c, nc int) int {
	if c == nc {
		return -1
	}
	return c
}

// addHist adds a filled histogram of counts over edges.
func addHist(p *plot.Plot, counts, edges []float64, fill color.Color, s Style) {
	bins := make([]plotter.HistogramBin, len(counts))
	for i, c := range counts {
		bins[i] = plotter.HistogramBin{Min: edges[i], Max: edges[i+1], Weight: c}
	}
	p.Add(&plotter.Histogram{Bins: bins, FillColor: fill, LineStyle: line(s.Background, 0.3)})
}

// sampleRows returns v, or m evenly spaced rows of it.
func sampleRows[T any](v []T, m int) []T {
	if len(v) <= m {
		return v
	}
	out := make([]T, m)
	for i := range out {
		out[i] = v[int(float64(i)*float64(len(v))/float64(m))]
	}
	return out
}
