package eda

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"modelbench/workflow/data"
)

// synthTable builds rows x (20 numeric + 2 categorical + a 0/1 target)
// shaped like the clf1m benchmark file: values rounded to 6 decimals.
func synthTable(rows int) *data.Table {
	r := rand.New(rand.NewPCG(42, 42))
	var cols []data.Column
	base := make([]float64, rows)
	for i := range base {
		base[i] = r.NormFloat64()
	}
	for j := 0; j < 20; j++ {
		v := make([]float64, rows)
		for i := range v {
			x := r.NormFloat64() * float64(1+j%4)
			if j%5 == 1 {
				x += 2 * base[i]
			}
			v[i] = math.Round(x*1e6) / 1e6
		}
		cols = append(cols, data.NewNumeric("f"+itoa(j), v, nil))
	}
	a, b, y := make([]string, rows), make([]string, rows), make([]float64, rows)
	for i := range a {
		a[i] = string(rune('A' + r.IntN(4)))
		b[i] = []string{"pp", "pn", "np", "nn"}[r.IntN(4)]
		if base[i]+r.NormFloat64() > 0 {
			y[i] = 1
		}
	}
	cols = append(cols, data.NewCategoricalFromStrings("cat_a", a, nil), data.NewCategoricalFromStrings("cat_b", b, nil), data.NewNumeric("y", y, nil))
	f, err := data.NewFrame(cols...)
	if err != nil {
		panic(err)
	}
	return data.NewTable("synth", f, nil)
}

var (
	bigOnce  sync.Once
	bigTable *data.Table
)

func benchDescribe(b *testing.B, t *data.Table) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Describe(context.Background(), t, Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDescribe_1M describes 1M rows x 23 columns, the size of the
// clf1m file that mbbench compares with pandas.
func BenchmarkDescribe_1M(b *testing.B) {
	bigOnce.Do(func() { bigTable = synthTable(1_000_000) })
	benchDescribe(b, bigTable)
}

// BenchmarkDescribe_100k is the same shape at 100k rows.
func BenchmarkDescribe_100k(b *testing.B) { benchDescribe(b, synthTable(100_000)) }

// BenchmarkDescribe_Diamonds describes the real 54k x 10 diamonds file.
func BenchmarkDescribe_Diamonds(b *testing.B) {
	t, err := data.LoadCSV(context.Background(), datasetsDir+"/diamonds.csv", data.CSVOptions{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	benchDescribe(b, t)
}
