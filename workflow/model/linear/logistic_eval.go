package linear

import (
	"math"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/par"
)

// eval is the mean objective and its gradient in the standardised
// variables. Rows are processed in fixed chunks on all cores and the
// chunks' partial sums are added in chunk order, so the result does not
// depend on the number of cores.
func (pr *problem) eval(x, g []float64) float64 {
	w, b := pr.weights(x)
	stride := 1 + pr.k*(pr.p+1)
	par.Chunks(pr.n, func(c, lo, hi int) {
		pr.chunk(pr.part[c*stride:(c+1)*stride], w, b, lo, hi)
	})
	raw := make([]float64, stride)
	for c := 0; c < par.NumChunks(pr.n); c++ {
		for t, v := range pr.part[c*stride : (c+1)*stride] {
			raw[t] += v
		}
	}
	n := float64(pr.n)
	loss := raw[0] / n
	for o := 0; o < pr.k; o++ {
		ro := raw[1+o*(pr.p+1) : 1+(o+1)*(pr.p+1)]
		vo, go_ := x[o*(pr.p+1):(o+1)*(pr.p+1)], g[o*(pr.p+1):(o+1)*(pr.p+1)]
		for j := 0; j < pr.p; j++ {
			if pr.fixed[j] {
				go_[j] = 0
				continue
			}
			wj := vo[j] / pr.sd[j]
			go_[j] = (ro[j]-pr.mean[j]*ro[pr.p])/n/pr.sd[j] + pr.l2*wj/pr.sd[j]
			loss += 0.5 * pr.l2 * wj * wj
		}
		go_[pr.p] = ro[pr.p] / n
	}
	return loss
}

// chunk computes rows lo..hi: scores, then loss and residuals (stored over
// the scores), then the raw gradient sums into part.
func (pr *problem) chunk(part []float64, w [][]float64, b []float64, lo, hi int) {
	clear(part)
	n := pr.n
	for o := 0; o < pr.k; o++ {
		zo := pr.z[o*n+lo : o*n+hi]
		for i := range zo {
			zo[i] = b[o]
		}
		for j, col := range pr.X {
			if w[o][j] != 0 {
				axpy(zo, w[o][j], col[lo:hi])
			}
		}
	}
	loss := 0.0
	if pr.k == 1 {
		z, y := pr.z[lo:hi], pr.y[lo:hi]
		for i, zi := range z {
			loss += softplus(zi)
			r := sigmoid(zi)
			if y[i] == 1 {
				loss -= zi
				r--
			}
			z[i] = r
		}
	} else {
		loss = pr.softmaxRows(lo, hi)
	}
	part[0] = loss
	for o := 0; o < pr.k; o++ {
		r := pr.z[o*n+lo : o*n+hi]
		go_ := part[1+o*(pr.p+1) : 1+(o+1)*(pr.p+1)]
		for j, col := range pr.X {
			go_[j] = dot(r, col[lo:hi])
		}
		s := 0.0
		for _, v := range r {
			s += v
		}
		go_[pr.p] = s
	}
}

// softmaxRows turns the scores of rows lo..hi into residuals p − onehot(y)
// and returns their summed log loss.
func (pr *problem) softmaxRows(lo, hi int) float64 {
	n, loss := pr.n, 0.0
	for i := lo; i < hi; i++ {
		mx := math.Inf(-1)
		for o := 0; o < pr.k; o++ {
			mx = math.Max(mx, pr.z[o*n+i])
		}
		sum := 0.0
		for o := 0; o < pr.k; o++ {
			e := math.Exp(pr.z[o*n+i] - mx)
			pr.z[o*n+i] = e
			sum += e
		}
		yi := int(pr.y[i])
		loss -= math.Log(pr.z[yi*n+i] / sum)
		for o := 0; o < pr.k; o++ {
			pr.z[o*n+i] /= sum
		}
		pr.z[yi*n+i]--
	}
	return loss
}

// softplus is log(1 + e^z) without overflow.
func softplus(z float64) float64 {
	if z > 0 {
		return z + math.Log1p(math.Exp(-z))
	}
	return math.Log1p(math.Exp(z))
}

// fitted maps the weights of the present classes onto all of d's classes.
func (pr *problem) fitted(d *model.Dataset, w [][]float64, b []float64, info Info) *Fitted {
	K := len(d.Classes)
	if K == 2 {
		return newFitted(d, Logit, w, b, info)
	}
	W, B := make([][]float64, K), make([]float64, K)
	for c := range W {
		W[c], B[c] = make([]float64, pr.p), math.Inf(-1)
	}
	if pr.k == 1 { // two classes occur: softmax(0, z) is sigmoid(z)
		B[pr.present[0]] = 0
		W[pr.present[1]], B[pr.present[1]] = w[0], b[0]
	} else {
		for o, c := range pr.present {
			W[c], B[c] = w[o], b[o]
		}
	}
	return newFitted(d, Softmax, W, B, info)
}
