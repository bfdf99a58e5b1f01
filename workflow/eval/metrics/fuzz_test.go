package metrics

import (
	"math"
	"testing"
)

// decodeBinary turns fuzz bytes into a small binary problem: each byte
// gives one row, its low bit the class and its upper bits a score on a
// coarse grid, so ties are frequent.
func decodeBinary(b []byte) ([]bool, []float64) {
	pos := make([]bool, len(b))
	score := make([]float64, len(b))
	for i, c := range b {
		pos[i] = c&1 == 1
		score[i] = float64(c>>4) / 15
	}
	return pos, score
}

// FuzzRanking checks the sorted-ranking metrics against their brute-force
// definitions: ROC AUC as the share of (positive, negative) pairs ordered
// correctly (ties count one half, Mann–Whitney), and every threshold of the
// explorer against counting the rows directly.
func FuzzRanking(f *testing.F) {
	f.Add([]byte{0x11, 0x20, 0xf1, 0x00})
	f.Add([]byte{0x51, 0x50, 0x51, 0x50, 0x31})
	f.Add([]byte{0x01})
	f.Add([]byte{0xff, 0xfe, 0x10, 0x11, 0x80, 0x81, 0x80})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 || len(b) > 400 {
			return
		}
		pos, score := decodeBinary(b)
		checkAUC(t, pos, score)
		checkExplorer(t, pos, score)
	})
}

func checkAUC(t *testing.T, pos []bool, score []float64) {
	var pairs, wins float64
	for i := range pos {
		for j := range pos {
			if !pos[i] || pos[j] {
				continue
			}
			pairs++
			switch {
			case score[i] > score[j]:
				wins++
			case score[i] == score[j]:
				wins += 0.5
			}
		}
	}
	auc, err := ROCAUC(pos, score)
	if pairs == 0 {
		if err == nil {
			t.Fatalf("AUC %v with one class", auc)
		}
		return
	}
	if err != nil || math.Abs(auc-wins/pairs) > 1e-12 {
		t.Fatalf("AUC %v (%v), pairwise %v", auc, err, wins/pairs)
	}
}

func checkExplorer(t *testing.T, pos []bool, score []float64) {
	e, err := NewThresholdExplorer(pos, score, Costs{FalsePositive: 1, FalseNegative: 3})
	if err != nil {
		t.Fatal(err)
	}
	bestCost := math.Inf(1)
	for _, th := range append(e.Thresholds(), -1, 0.5, 2) {
		var tp, fp, tn, fn int
		for i, s := range score {
			switch {
			case s >= th && pos[i]:
				tp++
			case s >= th:
				fp++
			case pos[i]:
				fn++
			default:
				tn++
			}
		}
		c := e.At(th)
		if c.TP != tp || c.FP != fp || c.TN != tn || c.FN != fn {
			t.Fatalf("At(%v) = %+v, counting gives tp=%d fp=%d tn=%d fn=%d", th, c, tp, fp, tn, fn)
		}
		bestCost = math.Min(bestCost, float64(fp)+3*float64(fn))
	}
	if m := e.MinCost(); m.Cost != bestCost {
		t.Fatalf("MinCost %v, brute force %v", m.Cost, bestCost)
	}
}
