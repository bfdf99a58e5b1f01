package tree

import "math"

// prune returns the smallest subtree of t that minimises the
// cost-complexity measure R(T) + alpha·|leaves(T)| of Breiman et al.
// (1984, chapter 3.3), where R(T) is the sum over T's leaves of the leaf's
// impurity times its share of the training weight. A node is turned into a
// leaf when that does not raise the measure; computing this bottom-up
// gives the same tree as repeatedly cutting the weakest link while its
// effective alpha is at most alpha. alpha <= 0 returns t unchanged.
func prune(t *flatTree, alpha float64) *flatTree {
	if alpha <= 0 || len(t.nodes) == 0 {
		return t
	}
	n := len(t.nodes)
	total := t.weight[0]
	cost := make([]float64, n) // R_alpha of the best subtree rooted here
	cut := make([]bool, n)
	for i := n - 1; i >= 0; i-- { // preorder reversed: children first
		leafCost := t.impurity[i]*t.weight[i]/total + alpha
		nd := t.nodes[i]
		if nd.feature < 0 {
			cost[i] = leafCost
			continue
		}
		sub := cost[nd.left] + cost[nd.right]
		if leafCost <= sub {
			cost[i], cut[i] = leafCost, true
		} else {
			cost[i] = sub
		}
	}
	return t.keep(cut)
}

// keep copies t, turning every node marked in cut into a leaf and dropping
// its descendants; nodes stay in preorder.
func (t *flatTree) keep(cut []bool) *flatTree {
	out := &flatTree{width: t.width}
	var walk func(i, parent int32, isLeft bool)
	walk = func(i, parent int32, isLeft bool) {
		id := int32(len(out.nodes))
		nd := t.nodes[i]
		if cut[i] {
			nd = node{feature: -1, left: -1, right: -1}
		}
		out.nodes = append(out.nodes, nd)
		out.value = append(out.value, t.values(i)...)
		out.rows = append(out.rows, t.rows[i])
		out.weight = append(out.weight, t.weight[i])
		out.impurity = append(out.impurity, t.impurity[i])
		if parent >= 0 {
			if isLeft {
				out.nodes[parent].left = id
			} else {
				out.nodes[parent].right = id
			}
		}
		if nd.feature >= 0 {
			walk(nd.left, id, true)
			walk(nd.right, id, false)
		}
	}
	walk(0, -1, false)
	return out
}

// importances adds to imp, per feature, the weighted impurity decrease of
// every split of t (Breiman's mean decrease in impurity) and returns the
// total added.
func (t *flatTree) addImportances(imp []float64) float64 {
	total := 0.0
	for i, nd := range t.nodes {
		if nd.feature < 0 {
			continue
		}
		l, r := nd.left, nd.right
		dec := t.weight[i]*t.impurity[i] - t.weight[l]*t.impurity[l] - t.weight[r]*t.impurity[r]
		imp[nd.feature] += dec
		total += dec
	}
	return total
}

// normalise scales v to sum to 1 when its sum is positive.
func normalise(v []float64) {
	s := 0.0
	for _, x := range v {
		s += x
	}
	if s > 0 {
		for i := range v {
			v[i] /= s
		}
	}
}

// pruningPath runs Breiman's weakest-link pruning on t down to the root:
// at each step every internal node t whose effective alpha
// g(t) = (R(t) - R(T_t)) / (|leaves(T_t)| - 1) is the smallest is cut. It
// returns the alphas at which the tree changes (starting with 0) and the
// total leaf impurity R of the tree pruned at each of them. Each step is
// one pass over the nodes, so the cost is nodes × steps.
func pruningPath(t *flatTree) (alphas, impurities []float64) {
	n := len(t.nodes)
	total := t.weight[0]
	cut := make([]bool, n)
	hidden := make([]bool, n) // below a cut node
	subR := make([]float64, n)
	leaves := make([]int, n)
	alpha := 0.0
	for {
		for i := n - 1; i >= 0; i-- { // children first
			nd := t.nodes[i]
			if nd.feature < 0 || cut[i] {
				subR[i], leaves[i] = t.impurity[i]*t.weight[i]/total, 1
				continue
			}
			subR[i], leaves[i] = subR[nd.left]+subR[nd.right], leaves[nd.left]+leaves[nd.right]
		}
		alphas, impurities = append(alphas, alpha), append(impurities, subR[0])
		if leaves[0] == 1 {
			return alphas, impurities
		}
		best := math.Inf(1)
		for i, nd := range t.nodes { // parents first
			if nd.feature < 0 {
				continue
			}
			hidden[nd.left] = hidden[i] || cut[i]
			hidden[nd.right] = hidden[nd.left]
			if !hidden[i] && !cut[i] {
				best = math.Min(best, effectiveAlpha(t, i, subR[i], leaves[i], total))
			}
		}
		progress := false
		for i, nd := range t.nodes {
			if nd.feature >= 0 && !hidden[i] && !cut[i] && effectiveAlpha(t, i, subR[i], leaves[i], total) <= best*(1+1e-12) {
				cut[i], progress = true, true
			}
		}
		if !progress { // only with non-finite impurities, which fits never produce
			cut[0] = true
		}
		alpha = best
	}
}

// effectiveAlpha is the alpha at which cutting node i's subtree (of leaf
// impurity subR over leaves leaves) costs nothing.
func effectiveAlpha(t *flatTree, i int, subR float64, leaves int, total float64) float64 {
	return (t.impurity[i]*t.weight[i]/total - subR) / float64(leaves-1)
}
