package progress

import (
	"testing"
	"time"
)

func TestFunc_NilIsSafe(t *testing.T) {
	var f Func
	f.Send(0.5, "half")
	if f.Scale(0, 1) != nil || f.Throttle(time.Second) != nil {
		t.Fatal("derived funcs of nil must be nil")
	}
}

func TestFunc_ScaleMapsOntoRange(t *testing.T) {
	var got []float64
	f := Func(func(r Report) { got = append(got, r.Fraction) })
	s := f.Scale(0.5, 0.75)
	s.Send(0, "")
	s.Send(1, "")
	s.Send(-1, "unknown")
	want := []float64{0.5, 0.75, -1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("report %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestFunc_ThrottleKeepsFinal(t *testing.T) {
	n := 0
	var last Report
	f := Func(func(r Report) { n++; last = r }).Throttle(time.Hour)
	for i := 0; i < 100; i++ {
		f.Send(float64(i)/100, "step")
	}
	f.Send(1, "done")
	if n != 2 || last.Message != "done" {
		t.Fatalf("got %d reports, last %+v; want the first and the final", n, last)
	}
}
