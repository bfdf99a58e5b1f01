package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"modelbench/workflow/stat"
)

// maxAutoBins caps the automatic number of histogram bins.
const maxAutoBins = 200

// Marker is a labelled vertical line on a histogram (a mean, a threshold).
type Marker struct {
	Name string
	X    float64
}

// HistOptions configures Histogram and HistogramBins. The zero value draws
// counts with automatic bins in the Light style.
type HistOptions struct {
	Title  string
	XLabel string
	// Bins is the number of equal-width bins; 0 picks numpy's "auto" rule
	// (the narrower of Sturges and Freedman–Diaconis), at most 200.
	// HistogramBins ignores it.
	Bins int
	// Density scales bars to unit area; it is implied by KDE.
	Density bool
	// KDE overlays a Gaussian kernel density curve with the Bandwidth rule.
	KDE       bool
	Bandwidth Bandwidth
	// MeanMedian adds dashed markers at the mean and the median
	// (Histogram only; HistogramBins takes Markers).
	MeanMedian bool
	// Markers are extra vertical lines; non-finite ones are skipped.
	Markers []Marker
	Style   Style
}

// Histogram draws the distribution of values. NaN and ±Inf are left out
// and counted in a note; a constant column gets one bin around its value.
// It returns ErrNothingToDraw when no finite value is left.
func Histogram(values []float64, opt HistOptions) (*Figure, error) {
	v, nan, inf := finite(values)
	if len(v) == 0 {
		return nil, fmt.Errorf("histogram of %q: %w (%s)", opt.XLabel, ErrNothingToDraw, dropNote(nan, inf))
	}
	edges := autoEdges(v, opt.Bins) // v is ours: it may be reordered
	counts := countBins(v, edges)
	h := histData{edges: edges, counts: counts, n: float64(len(v))}
	_, h.std = meanStd(v)
	if opt.KDE {
		h.points = v
	}
	if opt.MeanMedian {
		mean, _ := meanStd(v)
		median := stat.Quantiles(v, 0.5)[0]
		opt.Markers = append([]Marker{
			{Name: "mean " + fmtNum(mean), X: mean},
			{Name: "median " + fmtNum(median), X: median},
		}, opt.Markers...)
	}
	f, err := drawHistogram(h, opt)
	if err != nil {
		return nil, err
	}
	f.Note("%s", dropNote(nan, inf))
	return f, nil
}

// HistogramBins draws precomputed bins, so a large column need not be
// scanned again: edges holds len(counts)+1 strictly increasing finite
// values and counts the non-negative number of values per bin. The KDE
// option estimates the density from the bins, each count spread evenly
// over its bin (an approximation, said in a note).
func HistogramBins(edges, counts []float64, opt HistOptions) (*Figure, error) {
	if len(counts) == 0 {
		return nil, fmt.Errorf("histogram of %q: %w (no bins)", opt.XLabel, ErrNothingToDraw)
	}
	if len(edges) != len(counts)+1 {
		return nil, fmt.Errorf("histogram of %q: %d edges for %d bins, want %d", opt.XLabel, len(edges), len(counts), len(counts)+1)
	}
	h := histData{edges: edges, counts: counts}
	for i, c := range counts {
		if !(c >= 0) || math.IsInf(c, 0) {
			return nil, fmt.Errorf("histogram of %q: bin %d has count %v", opt.XLabel, i+1, c)
		}
		h.n += c
	}
	if err := checkEdges(edges); err != nil {
		return nil, fmt.Errorf("histogram of %q: %w", opt.XLabel, err)
	}
	if h.n == 0 {
		return nil, fmt.Errorf("histogram of %q: %w (every bin is empty)", opt.XLabel, ErrNothingToDraw)
	}
	if opt.KDE {
		h.points, h.weights, h.std = spreadBins(edges, counts, h.n)
	}
	f, err := drawHistogram(h, opt)
	if err != nil {
		return nil, err
	}
	if opt.KDE {
		f.Note("density estimated from the bins")
	}
	return f, nil
}

// binSpread is how many evenly spaced points stand for one bin's count
// when a density is estimated from bins.
const binSpread = 16

// spreadBins stands each bin's count on binSpread evenly spaced points
// inside the bin (so the density follows the bars rather than spiking at
// bin centres) and returns them with their weights and the standard
// deviation of the binned data with Sheppard's correction for grouping
// (the variance of the bin centres less width²/12, which estimates the
// variance of the values that were binned).
func spreadBins(edges, counts []float64, n float64) (points, weights []float64, std float64) {
	var mean, ss float64
	for i, c := range counts {
		lo, hi := edges[i], edges[i+1]
		mid := lo/2 + hi/2
		mean += c * mid / n
		for k := range binSpread {
			points = append(points, lerp(lo, hi, (float64(k)+0.5)/binSpread))
			weights = append(weights, c/binSpread)
		}
	}
	var corr float64
	for i, c := range counts {
		mid, w := edges[i]/2+edges[i+1]/2, edges[i+1]-edges[i]
		ss += c * (mid - mean) * (mid - mean)
		corr += c * w * w / 12
	}
	if n > 1 {
		if ss > corr {
			ss -= corr
		}
		std = math.Sqrt(ss / (n - 1))
	}
	return points, weights, std
}

// histData is what drawHistogram needs: bins, and for the density the
// (weighted) points, their count and standard deviation.
type histData struct {
	edges, counts   []float64
	points, weights []float64
	n, std          float64
}

func drawHistogram(h histData, opt HistOptions) (*Figure, error) {
	s := opt.Style.norm()
	density := opt.Density || opt.KDE
	ylabel := "count"
	if density {
		ylabel = "density"
	}
	p := s.newPlot(opt.Title, opt.XLabel, ylabel)
	bins := make([]plotter.HistogramBin, len(h.counts))
	for i, c := range h.counts {
		w := c
		if density {
			w = c / (h.n * (h.edges[i+1] - h.edges[i]))
		}
		if !isFinite(w) {
			return nil, fmt.Errorf("histogram of %q: bin %d is too narrow to draw", opt.XLabel, i+1)
		}
		bins[i] = plotter.HistogramBin{Min: h.edges[i], Max: h.edges[i+1], Weight: w}
	}
	fill := s.Color(0)
	hist := &plotter.Histogram{Bins: bins, FillColor: withAlpha(fill, 0xB0), LineStyle: line(s.Background, 0.5)}
	if len(bins) > 60 {
		hist.LineStyle.Width = 0
	}
	p.Add(hist)
	f := single(p, s)
	if opt.KDE {
		addDensity(p, f, h, opt.Bandwidth, s)
	}
	addMarkers(p, opt.Markers, s)
	headroom(p)
	return f, nil
}

// addDensity overlays the kernel density curve and names its bandwidth.
func addDensity(p *plot.Plot, f *Figure, h histData, bw Bandwidth, s Style) {
	xs, ys, width := densityCurve(h.points, h.weights, h.n, h.std, bw, h.edges[0], h.edges[len(h.edges)-1])
	if xs == nil {
		f.Note("no density curve: the values do not vary")
		return
	}
	pts := make(plotter.XYs, len(xs))
	for i := range xs {
		pts[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	l := &plotter.Line{XYs: pts, LineStyle: line(s.Foreground, 1.6)}
	p.Add(l)
	p.Legend.Add(fmt.Sprintf("density (%s, h=%s)", bw, fmtNum(width)), l)
}

// addMarkers draws dashed vertical lines with legend entries.
func addMarkers(p *plot.Plot, ms []Marker, s Style) {
	for i, m := range ms {
		if math.IsNaN(m.X) || math.IsInf(m.X, 0) {
			continue
		}
		c := s.Color(i + 1)
		v := &vline{x: m.X, style: dashed(c, 1.6)}
		p.Add(v)
		p.Legend.Add(m.Name, v)
	}
}

// autoEdges returns equal-width bin edges over v (finite, non-empty, and
// reordered when the count is automatic): bins of them, or numpy's "auto"
// count when bins <= 0.
func autoEdges(v []float64, bins int) []float64 {
	lo, hi := span(v)
	if degenerate(lo, hi) {
		lo, hi = widen(lo, hi)
		if bins <= 0 {
			bins = 1
		}
	}
	if bins <= 0 {
		bins = autoBinCount(v, hi-lo)
	}
	edges := make([]float64, bins+1)
	for i := range edges {
		edges[i] = lerp(lo, hi, float64(i)/float64(bins))
	}
	edges[bins] = hi
	return edges
}

// autoBinCount is numpy.histogram_bin_edges' "auto" rule: the bin width is
// the smaller of Sturges' (range/(log2 n + 1)) and Freedman–Diaconis'
// (2·IQR·n^(-1/3)) when the IQR is not zero, else Sturges'. It reorders v.
func autoBinCount(v []float64, rng float64) int {
	n := float64(len(v))
	if math.IsInf(rng, 0) { // a range past MaxFloat64: Sturges' count
		return max(1, min(int(math.Ceil(math.Log2(n)+1)), maxAutoBins))
	}
	width := rng / (math.Log2(n) + 1)
	q := stat.Quantiles(v, 0.25, 0.75)
	iqr := q[1] - q[0]
	if fd := 2 * iqr * math.Pow(n, -1.0/3); fd > 0 {
		width = math.Min(width, fd)
	}
	bins := int(math.Ceil(rng / width))
	return max(1, min(bins, maxAutoBins))
}

// countBins counts v into the bins of edges the way numpy.histogram does:
// half-open bins, the last one closed, values outside (and NaN) dropped.
func countBins(v, edges []float64) []float64 {
	counts := make([]float64, len(edges)-1)
	for _, x := range v {
		if b := binOf(x, edges); b >= 0 {
			counts[b]++
		}
	}
	return counts
}

// binOf returns the index of x's bin among equal-width edges, or -1 when x
// is outside them or NaN.
func binOf(x float64, edges []float64) int {
	nb := len(edges) - 1
	lo, hi := edges[0], edges[nb]
	if !(x >= lo && x <= hi) {
		return -1
	}
	i := min(int(unitPos(x, lo, hi)*float64(nb)), nb-1)
	if x < edges[i] && i > 0 {
		i--
	} else if i < nb-1 && x >= edges[i+1] {
		i++
	}
	return i
}

// vline is a vertical line across the data area at x.
type vline struct {
	x     float64
	style lineStyle
}

// Plot implements plot.Plotter.
func (v *vline) Plot(c drawCanvas, p *plot.Plot) {
	tx, _ := p.Transforms(&c)
	x := tx(v.x)
	c.StrokeLine2(v.style, x, c.Min.Y, x, c.Max.Y)
}

// DataRange implements plot.DataRanger: only x matters.
func (v *vline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return v.x, v.x, math.Inf(1), math.Inf(-1)
}

// Thumbnail implements plot.Thumbnailer.
func (v *vline) Thumbnail(c *drawCanvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(v.style, c.Min.X, y, c.Max.X, y)
}

// fmtNum formats a number for labels: 4 significant digits.
func fmtNum(x float64) string {
	return fmt.Sprintf("%.4g", x)
}

// checkEdges returns an error naming the first bin whose edges are not
// finite and increasing by a drawable width.
func checkEdges(edges []float64) error {
	for i := 1; i < len(edges); i++ {
		a, b := edges[i-1], edges[i]
		if !(b > a) || math.IsInf(a, 0) || math.IsInf(b, 0) || degenerate(a, b) {
			return fmt.Errorf("edges %v, %v of bin %d are not finite and increasing", a, b, i)
		}
	}
	return nil
}

// headroom leaves 5% of space above the highest bar or point.
func headroom(p *plot.Plot) {
	if p.Y.Max > p.Y.Min {
		p.Y.Max += 0.05 * (p.Y.Max - p.Y.Min)
	}
}
