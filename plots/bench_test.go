package plots

import (
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"
)

// Benchmarks build a figure from 1M rows and render it into an 800×600
// image, as the UI does. Run: go test ./plots -run '^$' -bench 1M -benchmem

const benchRows = 1_000_000

func benchData(seed uint64) (x, y []float64, class []int32) {
	r := rand.New(rand.NewPCG(seed, 1))
	x, y, class = make([]float64, benchRows), make([]float64, benchRows), make([]int32, benchRows)
	for i := range x {
		class[i] = int32(r.IntN(3))
		x[i] = r.NormFloat64() + float64(class[i])
		y[i] = 0.5*x[i] + r.NormFloat64()
		if i%1000 == 0 {
			x[i] = math.NaN()
		}
	}
	return x, y, class
}

// cpuTime is the CPU time this process has used (user + system). On a
// shared machine it is a steadier measure than wall time, which the
// benchmark reports as ns/op.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchRender(b *testing.B, build func() (*Figure, error)) {
	b.Helper()
	b.ReportAllocs()
	start, n := cpuTime(), 0
	defer func() {
		if n > 0 {
			b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(n), "cpu-ms/op")
		}
	}()
	for b.Loop() {
		n++
		f, err := build()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Image(f, 800, 600); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHistogram_1M(b *testing.B) {
	x, _, _ := benchData(1)
	benchRender(b, func() (*Figure, error) { return Histogram(x, HistOptions{}) })
}

func BenchmarkHistogramKDE_1M(b *testing.B) {
	x, _, _ := benchData(1)
	benchRender(b, func() (*Figure, error) { return Histogram(x, HistOptions{KDE: true, MeanMedian: true}) })
}

func BenchmarkBoxPlot_1M(b *testing.B) {
	x, _, c := benchData(2)
	benchRender(b, func() (*Figure, error) { return BoxByClass(x, c, []string{"a", "b", "c"}, BoxOptions{}) })
}

func BenchmarkScatter_1M(b *testing.B) {
	x, y, _ := benchData(3)
	benchRender(b, func() (*Figure, error) { return Scatter(x, y, ScatterOptions{Trend: true}) })
}

func BenchmarkScatterClass_1M(b *testing.B) {
	x, y, c := benchData(3)
	benchRender(b, func() (*Figure, error) {
		return Scatter(x, y, ScatterOptions{Class: c, ClassNames: []string{"a", "b", "c"}})
	})
}

func BenchmarkScatterValue_1M(b *testing.B) {
	x, y, _ := benchData(3)
	benchRender(b, func() (*Figure, error) { return Scatter(x, y, ScatterOptions{Value: x}) })
}

func BenchmarkLevelBars_1M(b *testing.B) {
	_, _, c := benchData(4)
	benchRender(b, func() (*Figure, error) {
		counts, missing := CountLevels(c, 3)
		return LevelBars([]string{"a", "b", "c"}, counts, BarOptions{Missing: missing})
	})
}

func BenchmarkClassHistograms_1M(b *testing.B) {
	x, _, c := benchData(5)
	benchRender(b, func() (*Figure, error) {
		g, err := GroupBy(x, c, []string{"a", "b", "c"})
		if err != nil {
			return nil, err
		}
		return ClassHistograms(g, HistOptions{})
	})
}

func BenchmarkClassShares_1M(b *testing.B) {
	_, _, c := benchData(6)
	benchRender(b, func() (*Figure, error) {
		return ClassShares(c, []string{"a", "b", "c"}, c, []string{"x", "y", "z"}, ShareOptions{})
	})
}

func BenchmarkMissingMatrix_1M(b *testing.B) {
	x, y, _ := benchData(7)
	cols := [][]float64{x, y, x, y, x, y, x, y, x, y, x, y, x, y, x, y, x, y, x, y}
	names := namesFor(make([]float64, len(cols)))
	benchRender(b, func() (*Figure, error) {
		return MissingMatrix(names, benchRows, func(c, r int) bool { return math.IsNaN(cols[c][r]) }, MissingOptions{})
	})
}

func BenchmarkPairPlot_1M(b *testing.B) {
	x, y, c := benchData(8)
	cols := [][]float64{x, y, x, y, x, y}
	benchRender(b, func() (*Figure, error) {
		return PairPlot([]string{"a", "b", "c", "d", "e", "f"}, cols, PairOptions{Class: c, ClassNames: []string{"p", "q", "r"}})
	})
}
