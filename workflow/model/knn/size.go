package knn

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"

	"modelbench/workflow/model"
)

// sizeSample is the number of values SavedSize formats per array at most.
const sizeSample = 4096

// SavedSize returns the length of what model.Marshal writes for m: exact
// for up to 4,096 stored values per array, else an estimate from a sample
// of 4,096 of them (one at a fixed pseudo-random place in each of 4,096
// equal blocks; the others are taken to average the same text length),
// whose standard error is a few tenths of a percent. It formats at most
// 8,192 numbers, where Marshal formats all.
func (m *Fitted) SavedSize() int {
	head, _ := json.Marshal(fittedJSON{m.task, m.features, m.classes, m.s, nil, nil}) // "x":null,"y":null
	body := len(head) - 2*len("null") + arrayLen(m.orig) + arrayLen(m.y)
	return model.EnvelopeSize(m, body)
}

// arrayLen returns (or estimates, see SavedSize) the length of v written
// by encoding/json: brackets, commas and every number.
func arrayLen(v []float64) int {
	if len(v) == 0 {
		return 2
	}
	var buf []byte
	digits := 0
	if len(v) <= sizeSample {
		for _, x := range v {
			buf = appendJSONFloat(buf[:0], x)
			digits += len(buf)
		}
		return 2 + len(v) - 1 + digits
	}
	// One value at a random place in each of sizeSample equal blocks: a
	// fixed step would alias with the row-major layout (every p-th value is
	// the same feature).
	rng := rand.New(rand.NewPCG(uint64(len(v)), 0x73697a65))
	for b := range sizeSample {
		lo, hi := b*len(v)/sizeSample, (b+1)*len(v)/sizeSample
		buf = appendJSONFloat(buf[:0], v[lo+rng.IntN(hi-lo)])
		digits += len(buf)
	}
	est := math.Round(float64(digits) * float64(len(v)) / sizeSample)
	return 2 + len(v) - 1 + int(est)
}

// appendJSONFloat formats f as encoding/json does: the shortest decimal
// that reads back as f, in exponent form below 1e-6 and from 1e21 on,
// with a one-digit negative exponent written without its leading zero.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
