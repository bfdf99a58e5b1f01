package tree

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// headerJSON is the saved form of fitted; every saved model embeds it, so
// its fields come first.
type headerJSON struct {
	Task     model.Task `json:"task"`
	Features []string   `json:"features"`
	Classes  []string   `json:"classes,omitempty"`
}

func (f fitted) toJSON() headerJSON {
	return headerJSON{Task: f.task, Features: f.features, Classes: f.classes}
}

// readSaved decodes raw, a saved model of the given version, into j, whose
// embedded header is h. Only version 1 exists. It validates the header and
// returns it with the number of values per CART node (the number of
// classes, or 1 for regression).
func readSaved(version int, raw json.RawMessage, j any, h *headerJSON) (fitted, int, error) {
	if version != 1 {
		return fitted{}, 0, fmt.Errorf("unsupported version %d", version)
	}
	if err := json.Unmarshal(raw, j); err != nil {
		return fitted{}, 0, err
	}
	f := fitted{task: h.Task, features: h.Features, classes: h.Classes}
	if len(f.features) == 0 {
		return f, 0, errors.New("no features")
	}
	if f.task == model.Classification {
		if len(f.classes) < 2 {
			return f, 0, fmt.Errorf("a classifier needs at least 2 classes, has %d", len(f.classes))
		}
		return f, len(f.classes), nil
	}
	if len(f.classes) > 0 {
		return f, 0, errors.New("a regression model has no classes")
	}
	return f, 1, nil
}

// splitsJSON is the saved form of a tree's shape, the same for CART and
// boosted trees: one array per node field (feature -1 and children -1 for
// a leaf); MissingLeft lists the nodes whose missing values go left. The
// saved trees embed it before their per-node numbers.
type splitsJSON struct {
	Feature     []int32      `json:"feature"`
	Threshold   model.Floats `json:"threshold"`
	Left        []int32      `json:"left"`
	Right       []int32      `json:"right"`
	MissingLeft []int32      `json:"missing_left"`
}

// newSplitsJSON returns the arrays for n nodes, to be filled with set.
func newSplitsJSON(n int) splitsJSON {
	return splitsJSON{Feature: make([]int32, n), Threshold: make(model.Floats, n), Left: make([]int32, n),
		Right: make([]int32, n), MissingLeft: []int32{}}
}

// set writes node i; nodes must be set in increasing order of i.
func (s *splitsJSON) set(i int, nd node) {
	s.Feature[i], s.Threshold[i], s.Left[i], s.Right[i] = nd.feature, nd.threshold, nd.left, nd.right
	if nd.missingLeft {
		s.MissingLeft = append(s.MissingLeft, int32(i))
	}
}

// nodes rebuilds the nodes of a tree over d features and checks every
// invariant a prediction's walk relies on, so that damaged input gives an
// error rather than a panic or an endless walk. sameLength reports whether
// the caller's per-node arrays fit n nodes.
func (s *splitsJSON) nodes(d int, sameLength func(n int) bool) ([]node, error) {
	n := len(s.Feature)
	if n == 0 {
		return nil, errors.New("a tree has no nodes")
	}
	if len(s.Threshold) != n || len(s.Left) != n || len(s.Right) != n || !sameLength(n) {
		return nil, fmt.Errorf("a tree's node arrays have different lengths (%d nodes)", n)
	}
	nodes := make([]node, n)
	for i := range n {
		nd := node{feature: s.Feature[i], threshold: s.Threshold[i], left: s.Left[i], right: s.Right[i]}
		if err := checkNode(nd, i, n, d); err != nil {
			return nil, err
		}
		nodes[i] = nd
	}
	for _, i := range s.MissingLeft {
		if i < 0 || int(i) >= n {
			return nil, fmt.Errorf("missing_left names node %d of %d", i, n)
		}
		nodes[i].missingLeft = true
	}
	return nodes, nil
}

// checkNode verifies that node i of n over d features is a leaf or a split
// whose children come after it (so every walk ends at a leaf).
func checkNode(nd node, i, n, d int) error {
	if nd.feature < 0 {
		if nd.feature != -1 || nd.left != -1 || nd.right != -1 {
			return fmt.Errorf("node %d: a leaf must have feature, left and right -1", i)
		}
		return nil
	}
	if int(nd.feature) >= d {
		return fmt.Errorf("node %d splits on feature %d of %d", i, nd.feature, d)
	}
	if int(nd.left) <= i || int(nd.right) <= i || int(nd.left) >= n || int(nd.right) >= n || nd.left == nd.right {
		return fmt.Errorf("node %d has children %d and %d; they must be distinct nodes after it", i, nd.left, nd.right)
	}
	if math.IsNaN(nd.threshold) {
		return fmt.Errorf("node %d has a NaN threshold", i)
	}
	return nil
}
