package prep

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// benchFrame builds n rows shaped like the benchmark file of
// cmd/mbbench (f0..f19 normal, cat_a A-D by f0, cat_b by the signs of f1
// and f2, a 0/1 target y) plus an hourly date column, deterministically.
func benchFrame(n int) *data.Frame {
	r := newRNG(42)
	normal := func() float64 { // Box-Muller
		u1 := (float64(r.next()>>11) + 0.5) / (1 << 53)
		u2 := float64(r.next()>>11) / (1 << 53)
		return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
	}
	cols := make([]data.Column, 0, 24)
	f := make([][]float64, 20)
	for j := range f {
		f[j] = make([]float64, n)
		for i := range f[j] {
			f[j][i] = normal()
		}
		cols = append(cols, data.NewNumeric(fmt.Sprintf("f%d", j), f[j], nil))
	}
	a, b := make([]int32, n), make([]int32, n)
	y := make([]float64, n)
	ns := make([]int64, n)
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	for i := 0; i < n; i++ {
		a[i] = int32(min(3, max(0, int(math.Floor(f[0][i]))+2)))
		if f[1][i] <= 0 {
			b[i] += 2
		}
		if f[2][i] <= 0 {
			b[i]++
		}
		if f[3][i]+f[4][i] > 0 {
			y[i] = 1
		}
		ns[i] = start + int64(i)*int64(time.Hour)
	}
	cols = append(cols,
		data.NewCategorical("cat_a", a, []string{"A", "B", "C", "D"}),
		data.NewCategorical("cat_b", b, []string{"pp", "pn", "np", "nn"}),
		data.NewDatetime("date", ns, nil, ""),
		data.NewNumeric("y", y, nil))
	out, err := data.NewFrame(cols...)
	if err != nil {
		panic(err)
	}
	return out
}

// sixSteps is the pipeline of cmd/mbbench's prep/pipeline-1m task.
func sixSteps() Pipeline {
	num := make([]string, 20)
	for j := range num {
		num[j] = fmt.Sprintf("f%d", j)
	}
	return NewPipeline(
		Configure("impute", param.Values{"columns": num, "strategy": "median"}, ""),
		Configure("clip", param.Values{"columns": num}, ""),
		Configure("scale", param.Values{"columns": num, "method": "minmax"}, ""),
		Configure("log1p", param.Values{"columns": num}, ""),
		Configure("one_hot", param.Values{"columns": []string{"cat_a", "cat_b"}}, ""),
		Configure("date_parts", param.Values{"columns": []string{"date"}}, ""),
	)
}

// BenchmarkPipeline_FitApply fits the six-step pipeline and applies it to
// the same rows, as the mbbench task does (which compares it with
// scikit-learn's ColumnTransformer).
func BenchmarkPipeline_FitApply(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		f := benchFrame(n)
		p := sixSteps()
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ft, _, err := p.FitTransform(context.Background(), f, "y", nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := ft.Apply(context.Background(), f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSplit_Stratified measures a stratified three-way split.
func BenchmarkSplit_Stratified(b *testing.B) {
	f := benchFrame(1_000_000)
	s := SplitSpec{Method: SplitStratified, Train: 0.6, Valid: 0.2, Test: 0.2, Seed: 1}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := s.Split(f, "y"); err != nil {
			b.Fatal(err)
		}
	}
}
