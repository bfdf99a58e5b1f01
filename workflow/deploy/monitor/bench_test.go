package monitor

import (
	"context"
	"testing"
	"time"
)

// million builds a million logged requests over thirty days from the
// held-out diamonds rows (their input maps are shared, as a log reader's
// would not be, but each record is read in full).
func million(b *testing.B) (*diamonds, []Record) {
	d := loadDiamonds(b)
	pool, _ := d.window(b, 9, d.rest.NumRows(), false)
	recs := make([]Record, 1_000_000)
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range recs {
		recs[i] = pool[i%len(pool)]
		recs[i].Time = t0.Add(time.Duration(i) * 30 * 24 * time.Hour / time.Duration(len(recs)))
		recs[i].Latency = time.Duration(1+i%37) * time.Millisecond
		if i%3 == 0 {
			recs[i].Truth = recs[i].Prediction.(float64) * 1.1
		}
	}
	return d, recs
}

func BenchmarkSummarise1M(b *testing.B) {
	d, recs := million(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Summarise(context.Background(), d.base, recs, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummariseFrame1M(b *testing.B) {
	d := loadDiamonds(b)
	rows := make([]int, 1_000_000)
	for i := range rows {
		rows[i] = i % d.rest.NumRows()
	}
	f := d.rest.Take(rows)
	outcomes := make([]Outcome, len(rows))
	for i, p := range d.predict(f) {
		outcomes[i].Prediction = p
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := SummariseFrame(context.Background(), d.base, f, outcomes, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTrendDay1M(b *testing.B) {
	d, recs := million(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Trend(context.Background(), d.base, recs, Day, nil); err != nil {
			b.Fatal(err)
		}
	}
}
