package plots

import (
	"math"
)

// Bandwidth names the rule that picks a Gaussian kernel density estimate's
// bandwidth h from the sample size n and the sample standard deviation σ
// (ddof 1). Both are the factors of scipy.stats.gaussian_kde.
type Bandwidth int

const (
	// Scott is Scott's rule, h = σ·n^(-1/5) (Scott 1992, "Multivariate
	// Density Estimation", eq. 6.44 for one dimension).
	Scott Bandwidth = iota
	// Silverman is Silverman's factor, h = σ·(3n/4)^(-1/5) (Silverman 1986,
	// "Density Estimation", eq. 3.28 in scipy's one-dimensional form).
	Silverman
)

// String returns "Scott" or "Silverman".
func (b Bandwidth) String() string {
	if b == Silverman {
		return "Silverman"
	}
	return "Scott"
}

// width returns the bandwidth for n points of standard deviation std.
func (b Bandwidth) width(n float64, std float64) float64 {
	if b == Silverman {
		return std * math.Pow(n*3/4, -0.2)
	}
	return std * math.Pow(n, -0.2)
}

// kdeExactLimit is the sample size up to which the density is summed over
// every point; larger samples are binned first.
const kdeExactLimit = 2000

// kdeGridSize is the number of grid points of the binned estimate.
const kdeGridSize = 2048

// invSqrt2Pi is 1/√(2π).
var invSqrt2Pi = 1 / math.Sqrt(2*math.Pi)

// kdeExact evaluates the Gaussian kernel density of the points (weights nil
// meaning 1 each) with bandwidth h at every x of xs.
func kdeExact(points, weights []float64, h float64, xs []float64) []float64 {
	total := float64(len(points))
	if weights != nil {
		total = 0
		for _, w := range weights {
			total += w
		}
	}
	out := make([]float64, len(xs))
	for k, x := range xs {
		var s float64
		for i, p := range points {
			u := (x - p) / h
			w := 1.0
			if weights != nil {
				w = weights[i]
			}
			s += w * math.Exp(-0.5*u*u)
		}
		out[k] = s * invSqrt2Pi / (total * h)
	}
	return out
}

// kdeBinned approximates the Gaussian kernel density of the weighted points
// on kdeGridSize equally spaced points from lo to hi: the points are
// spread onto the grid by linear binning, and the binned counts are
// convolved with the kernel truncated at 5h (Wand 1994, "Fast Computation
// of Multivariate Kernel Estimators", JCGS 3(4)). Points outside lo..hi
// are clamped to the ends. It costs O(n + M·K) rather than O(n·M).
func kdeBinned(points, weights []float64, h, lo, hi float64) (xs, ys []float64) {
	m := kdeGridSize
	delta := (hi - lo) / float64(m-1)
	counts := make([]float64, m)
	var total float64
	for i, p := range points {
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		total += w
		f := (p - lo) / delta
		f = math.Max(0, math.Min(f, float64(m-1)))
		j := int(f)
		if j >= m-1 {
			counts[m-1] += w
			continue
		}
		t := f - float64(j)
		counts[j] += w * (1 - t)
		counts[j+1] += w * t
	}
	k := min(int(math.Ceil(5*h/delta)), m-1)
	kernel := make([]float64, k+1)
	for d := range kernel {
		u := float64(d) * delta / h
		kernel[d] = math.Exp(-0.5*u*u) * invSqrt2Pi / (total * h)
	}
	xs = make([]float64, m)
	ys = make([]float64, m)
	for j, c := range counts {
		if c == 0 {
			continue
		}
		for d := max(-k, -j); d <= k && j+d < m; d++ {
			ys[j+d] += c * kernel[abs(d)]
		}
	}
	for i := range xs {
		xs[i] = lo + float64(i)*delta
	}
	return xs, ys
}

func abs(d int) int {
	if d < 0 {
		return -d
	}
	return d
}

// densityCurve returns the kernel density of the weighted points over
// lo..hi for drawing, and the bandwidth used. std is the points' standard
// deviation; a zero std or bandwidth gives no curve.
func densityCurve(points, weights []float64, n, std float64, bw Bandwidth, lo, hi float64) (xs, ys []float64, h float64) {
	h = bw.width(n, std)
	if !(h > 0) || math.IsInf(h, 0) {
		return nil, nil, 0
	}
	lo, hi = lo-3*h, hi+3*h
	if !isFinite(hi - lo) {
		return nil, nil, 0
	}
	if len(points) <= kdeExactLimit {
		const m = 400
		xs = make([]float64, m)
		for i := range xs {
			xs[i] = lo + (hi-lo)*float64(i)/(m-1)
		}
		return xs, kdeExact(points, weights, h, xs), h
	}
	xs, ys = kdeBinned(points, weights, h, lo, hi)
	return xs, ys, h
}
