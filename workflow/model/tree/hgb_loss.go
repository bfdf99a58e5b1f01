package tree

import (
	"math"
)

// lossKind is the loss a boosted model minimises.
type lossKind uint8

const (
	squaredLoss     lossKind = iota // regression: (y - f)², gradients f - y, hessians 1
	binaryLoss                      // two classes: log loss of sigmoid(f)
	multinomialLoss                 // k classes: log loss of softmax(f), one score per class
)

// baseline returns the constant starting scores that minimise the loss on
// y: the mean, the log-odds of class 1, or the centred log class shares
// (shares clipped away from 0 and 1 by one float64 epsilon).
func baseline(kind lossKind, y []float64, k int) []float64 {
	n := float64(len(y))
	switch kind {
	case squaredLoss:
		s := 0.0
		for _, v := range y {
			s += v
		}
		return []float64{s / n}
	case binaryLoss:
		s := 0.0
		for _, v := range y {
			s += v
		}
		p := clipShare(s / n)
		return []float64{math.Log(p / (1 - p))}
	}
	out := make([]float64, k)
	for _, v := range y {
		out[int(v)]++
	}
	mean := 0.0
	for c := range out {
		out[c] = math.Log(clipShare(out[c] / n))
		mean += out[c]
	}
	mean /= float64(k)
	for c := range out {
		out[c] -= mean
	}
	return out
}

func clipShare(p float64) float64 {
	const eps = 2.220446049250313e-16
	return math.Min(math.Max(p, eps), 1-eps)
}

// lossBlock is the number of rows per block of a parallel loss sum; fixed,
// so the sum's rounding does not depend on the number of cores.
const lossBlock = 4096

// blockSum splits [0, n) into lossBlock-sized blocks, runs fn on them with
// run and adds the block results in block order.
func blockSum(run runner, n int, fn func(lo, hi int) float64) float64 {
	blocks := (n + lossBlock - 1) / lossBlock
	part := make([]float64, blocks)
	run(blocks, func(b int) { part[b] = fn(b*lossBlock, min((b+1)*lossBlock, n)) })
	s := 0.0
	for _, v := range part {
		s += v
	}
	return s
}

// gradients fills grad and hess (per output, per row; hess is not touched
// for the squared loss, whose hessians are constant) for scores raw and
// targets y. Rows are handled in blocks, in parallel through run.
func gradients(run runner, kind lossKind, y []float64, raw [][]float64, grad, hess [][]float32) {
	blockSum(run, len(y), func(lo, hi int) float64 {
		switch kind {
		case squaredLoss:
			f, g := raw[0], grad[0]
			for i := lo; i < hi; i++ {
				g[i] = float32(f[i] - y[i])
			}
		case binaryLoss:
			f, g, h := raw[0], grad[0], hess[0]
			for i := lo; i < hi; i++ {
				p := sigmoid(f[i])
				g[i], h[i] = float32(p-y[i]), float32(p*(1-p))
			}
		default:
			softmaxGradients(y, raw, grad, hess, lo, hi)
		}
		return 0
	})
}

func softmaxGradients(y []float64, raw [][]float64, grad, hess [][]float32, lo, hi int) {
	k := len(raw)
	p := make([]float64, k)
	for i := lo; i < hi; i++ {
		for c := range k {
			p[c] = raw[c][i]
		}
		softmaxInPlace(p)
		yc := int(y[i])
		for c := range k {
			t := 0.0
			if c == yc {
				t = 1
			}
			grad[c][i], hess[c][i] = float32(p[c]-t), float32(p[c]*(1-p[c]))
		}
	}
}

// meanLoss returns the loss of raw for y without computing gradients.
func meanLoss(run runner, kind lossKind, y []float64, raw [][]float64) float64 {
	n := len(y)
	if n == 0 {
		return math.NaN()
	}
	total := blockSum(run, n, func(lo, hi int) float64 {
		s := 0.0
		switch kind {
		case squaredLoss:
			for i := lo; i < hi; i++ {
				d := raw[0][i] - y[i]
				s += d * d
			}
		case binaryLoss:
			for i := lo; i < hi; i++ {
				s += softplus(raw[0][i]) - y[i]*raw[0][i]
			}
		default:
			p := make([]float64, len(raw))
			for i := lo; i < hi; i++ {
				for c := range raw {
					p[c] = raw[c][i]
				}
				s += softmaxInPlace(p) - raw[int(y[i])][i]
			}
		}
		return s
	})
	return total / float64(n)
}

func sigmoid(f float64) float64 { return 1 / (1 + math.Exp(-f)) }

// softplus is log(1 + e^f) without overflow.
func softplus(f float64) float64 {
	if f > 0 {
		return f + math.Log1p(math.Exp(-f))
	}
	return math.Log1p(math.Exp(f))
}

// softmaxInPlace turns scores into probabilities and returns the log of
// the sum of exponentials of the original scores.
func softmaxInPlace(p []float64) float64 {
	m := math.Inf(-1)
	for _, v := range p {
		m = math.Max(m, v)
	}
	s := 0.0
	for c, v := range p {
		p[c] = math.Exp(v - m)
		s += p[c]
	}
	for c := range p {
		p[c] /= s
	}
	return m + math.Log(s)
}
