package tree

import (
	"math"
)

// splitChoice is the best split found so far for a node: the first pos
// non-missing rows in the feature's sorted order go left, the nMiss rows
// with a missing value go left when missingLeft.
type splitChoice struct {
	found       bool
	feature     int32
	pos         int
	nMiss       int
	missingLeft bool
	onMissing   bool    // all non-missing left, missing right
	wLeft       float64 // weight going left
	score       float64 // the criterion's proxy: larger is better
}

// threshold returns the value of split sp of node it: half-way between
// the values on either side of the cut (falling back to the lower one if
// rounding reaches the upper), or +Inf for a split that separates missing
// from present values.
func (g *grower) threshold(it growItem, sp splitChoice) float64 {
	if sp.onMissing {
		return math.Inf(1)
	}
	seg := g.segment(sp.feature, it.start, it.end)
	xs := g.x[sp.feature]
	lo, hi := xs[seg[sp.pos-1].row], xs[seg[sp.pos].row]
	t := lo/2 + hi/2
	if t == hi || math.IsInf(t, 0) {
		t = lo
	}
	return t
}

// bestSplit draws features in random order among those not known to be
// constant and scans them until cfg.maxFeatures non-constant ones were
// seen. Features found constant are moved into feats[it.nConst:childConst]
// so that the node's descendants skip them; only positions from it.nConst
// on are permuted, which keeps every ancestor's constant prefix intact.
func (g *grower) bestSplit(it growItem) (best splitChoice, childConst int) {
	best.score = math.Inf(-1)
	feats := g.feats
	d := len(feats)
	nConst := int(it.nConst)
	found := 0
	visited := 0
	for i := nConst; i < d && visited < g.cfg.maxFeatures; i++ {
		j := i + g.rng.IntN(d-i)
		feats[i], feats[j] = feats[j], feats[i]
		f := feats[i]
		seg := g.segment(f, it.start, it.end)
		if !g.scan(f, seg, &best) {
			// constant: move it next to the known constants
			k := nConst + found
			feats[i], feats[k] = feats[k], feats[i]
			found++
			continue
		}
		visited++
	}
	return best, nConst + found
}

// scan looks at every threshold of feature f for the node's rows seg and
// updates best. It returns false when the feature is constant in the node
// (all values equal and none missing, or all missing).
func (g *grower) scan(f int32, seg []entry, best *splitChoice) bool {
	nm := len(seg)
	for nm > 0 && seg[nm-1].rank == nanRank {
		nm--
	}
	if nm == 0 || (nm == len(seg) && seg[0].rank == seg[nm-1].rank) {
		return false
	}
	if g.cfg.nClasses > 0 {
		g.scanClasses(f, seg, nm, best)
	} else {
		g.scanValues(f, seg, nm, best)
	}
	return true
}

// consider records a candidate when it beats best.
func consider(best *splitChoice, score float64, f int32, pos, nMiss int, missLeft bool, wLeft float64) {
	if score > best.score {
		*best = splitChoice{found: true, feature: f, pos: pos, nMiss: nMiss, missingLeft: missLeft,
			wLeft: wLeft, score: score}
	}
}

// scanClasses scans a classification feature; the proxy is the Gini or
// entropy criterion up to terms that are the same for every split of the
// node.
func (g *grower) scanClasses(f int32, seg []entry, nm int, best *splitChoice) {
	ys := g.ys
	cL, cM := g.cL, g.cM
	clear(cL)
	clear(cM)
	nMiss := len(seg) - nm
	var wM float64
	for _, e := range seg[nm:] {
		s := ys[e.row]
		cM[int(s.y)] += s.w
		wM += s.w
	}
	minLeaf := g.cfg.minSamplesLeaf
	n := len(seg)
	gini := g.cfg.crit == giniCriterion
	// Gini's proxy sum(l²)/wl + sum(r²)/wr with the right side holding the
	// missing rows is kept up to date row by row: sl2 and sr2 are the sums
	// of squared class weights of the two sides (exact: weights are whole).
	var wL, sl2, sr2 float64
	for _, t := range g.cT {
		sr2 += t * t
	}
	for p := 0; p < nm-1; p++ {
		s := ys[seg[p].row]
		c := int(s.y)
		l := cL[c]
		sl2 += s.w * (2*l + s.w)
		sr2 += s.w * (s.w - 2*(g.cT[c]-l))
		cL[c] = l + s.w
		wL += s.w
		if seg[p+1].rank == seg[p].rank {
			continue
		}
		nL := p + 1
		if nL >= minLeaf && n-nL >= minLeaf {
			score := sl2/wL + sr2/(g.wT-wL)
			if !gini {
				score = g.classScore(wL, false)
			}
			consider(best, score, f, nL, nMiss, false, wL)
		}
		if nMiss > 0 && nL+nMiss >= minLeaf && nm-nL >= minLeaf {
			consider(best, g.classScore(wL+wM, true), f, nL, nMiss, true, wL+wM)
		}
	}
	if nMiss > 0 && nm >= minLeaf && nMiss >= minLeaf {
		for k := range cL {
			cL[k] = g.cT[k] - cM[k]
		}
		before := best.score
		consider(best, g.classScore(g.wT-wM, false), f, nm, nMiss, false, g.wT-wM)
		if best.score != before {
			best.onMissing = true
		}
	}
}

// classScore is the proxy for the split where the left side holds cL (plus
// cM when withMissing) of weight wl and the right side the rest. For Gini
// it is sum(l²)/wl + sum(r²)/wr; for entropy sum(l ln l) - wl ln wl + the
// same for the right. Weights are whole numbers, so differences are exact.
func (g *grower) classScore(wl float64, withMissing bool) float64 {
	wr := g.wT - wl
	cL, cM, cT := g.cL, g.cM, g.cT
	if g.cfg.crit == entropyCriterion {
		s := -xlogx(wl) - xlogx(wr)
		for k, l := range cL {
			if withMissing {
				l += cM[k]
			}
			s += xlogx(l) + xlogx(cT[k]-l)
		}
		return s
	}
	var sl, sr float64
	for k, l := range cL {
		if withMissing {
			l += cM[k]
		}
		r := cT[k] - l
		sl += l * l
		sr += r * r
	}
	return sl/wl + sr/wr
}

func xlogx(v float64) float64 {
	if v <= 0 {
		return 0
	}
	return v * math.Log(v)
}

// scanValues scans a regression feature; the proxy sL²/wL + sR²/wR is the
// decrease of the weighted squared error up to a constant of the node.
func (g *grower) scanValues(f int32, seg []entry, nm int, best *splitChoice) {
	ys := g.ys
	nMiss := len(seg) - nm
	var wM, sM float64
	for _, e := range seg[nm:] {
		s := ys[e.row]
		wM += s.w
		sM += s.w * s.y
	}
	minLeaf := g.cfg.minSamplesLeaf
	n := len(seg)
	wT, sT := g.wT, g.sT
	var wL, sL float64
	for p := 0; p < nm-1; p++ {
		s := ys[seg[p].row]
		wL += s.w
		sL += s.w * s.y
		if seg[p+1].rank == seg[p].rank {
			continue
		}
		nL := p + 1
		if nL >= minLeaf && n-nL >= minLeaf {
			consider(best, sL*sL/wL+(sT-sL)*(sT-sL)/(wT-wL), f, nL, nMiss, false, wL)
		}
		if nMiss > 0 && nL+nMiss >= minLeaf && nm-nL >= minLeaf {
			l, wl := sL+sM, wL+wM
			consider(best, l*l/wl+(sT-l)*(sT-l)/(wT-wl), f, nL, nMiss, true, wl)
		}
	}
	if nMiss > 0 && nm >= minLeaf && nMiss >= minLeaf {
		l, wl := sT-sM, wT-wM
		before := best.score
		consider(best, l*l/wl+sM*sM/wM, f, nm, nMiss, false, wl)
		if best.score != before {
			best.onMissing = true
		}
	}
}
