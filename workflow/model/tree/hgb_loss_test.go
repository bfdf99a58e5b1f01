package tree

import (
	"math"
	"testing"
)

// TestLosses checks the loss values and gradients against direct
// formulas: squared error, binary log loss (also where a naive form
// overflows) and multinomial log loss.
func TestLosses(t *testing.T) {
	y := []float64{0, 1, 1, 0}
	f := []float64{-800, 3.5, -40, 0.7}
	bin := meanLoss(forEach, binaryLoss, y, [][]float64{f})
	want := 0.0
	for i, v := range f {
		p := 1 / (1 + math.Exp(-v))
		if y[i] == 1 {
			want -= math.Log(p)
		} else {
			want -= math.Log1p(-p)
		}
	}
	want /= 4
	if math.Abs(bin-want) > 1e-12*want {
		t.Errorf("binary log loss %v, want %v", bin, want)
	}
	if sq := meanLoss(forEach, squaredLoss, y, [][]float64{f}); math.Abs(sq-(800*800+2.5*2.5+41*41+0.49)/4) > 1e-9 {
		t.Errorf("squared loss %v", sq)
	}
	raw := [][]float64{{1, 0}, {2, 0}, {0, 5}}
	mc := meanLoss(forEach, multinomialLoss, []float64{1, 2}, raw)
	l0 := math.Log(math.E+math.Exp(2)+1) - 2
	l1 := math.Log(1+1+math.Exp(5)) - 5
	if math.Abs(mc-(l0+l1)/2) > 1e-12 {
		t.Errorf("multinomial log loss %v, want %v", mc, (l0+l1)/2)
	}
	g, h := [][]float32{make([]float32, 4)}, [][]float32{make([]float32, 4)}
	gradients(forEach, binaryLoss, y, [][]float64{f}, g, h)
	for i, v := range f {
		p := 1 / (1 + math.Exp(-v))
		if math.Abs(float64(g[0][i])-(p-y[i])) > 1e-7 || math.Abs(float64(h[0][i])-p*(1-p)) > 1e-7 {
			t.Errorf("row %d: gradient %v hessian %v, want %v %v", i, g[0][i], h[0][i], p-y[i], p*(1-p))
		}
	}
}
