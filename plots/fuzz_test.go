package plots

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"
	"time"
)

// FuzzFigures feeds arbitrary numbers (8 bytes each, so NaN payloads,
// infinities, subnormals and huge values all occur) to one figure chosen by
// the first byte, and renders the result: no input may panic or hang.
// Run: go test ./plots -run '^$' -fuzz FuzzFigures -fuzztime 60s
func FuzzFigures(f *testing.F) {
	f.Add([]byte{0})
	f.Add(append([]byte{3}, floatBytes(1, 2, math.NaN(), 4)...))
	f.Add(append([]byte{7}, floatBytes(math.Inf(1), -1e308, 1e308, 0)...))
	f.Add(append([]byte{11}, floatBytes(5, 5, 5)...))
	f.Add(append([]byte{20}, floatBytes(0.1, 0.9, 0.5, 0.2, 0.3)...))
	names := make([]string, 0, len(figureBuilders))
	for n := range figureBuilders {
		names = append(names, n)
	}
	slices.Sort(names)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		name := names[int(data[0])%len(names)]
		v := bytesFloats(data[1:])
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s took %v on %v", name, d, v)
			}
		}()
		fig, err := figureBuilders[name](v)
		if err != nil {
			return
		}
		if _, err := PNG(fig, 160, 120); err != nil {
			t.Fatalf("%s: render: %v", name, err)
		}
	})
}

func floatBytes(vs ...float64) []byte {
	b := make([]byte, 0, 8*len(vs))
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

// bytesFloats reads at most 64 little-endian float64s.
func bytesFloats(b []byte) []float64 {
	n := min(len(b)/8, 64)
	v := make([]float64, n)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return v
}
