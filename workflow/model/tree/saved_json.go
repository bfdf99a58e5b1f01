package tree

import (
	"encoding/base64"
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

// savedVersion is the version of the saved form the tree models write:
// 2, the packed trees of packed.go (version 1 wrote every node statistic
// as JSON arrays, with every child index).
const savedVersion = 2

// readSaved decodes raw, a saved model of the given version (1 or 2),
// into j, whose embedded header is h, all but the member named treesKey,
// which it returns undecoded. It validates the header and returns it with
// the number of values per CART node (the number of classes, or 1 for
// regression). Version 1 must hold its trees as JSON (an object or an
// array); version 2 as JSON too (the readable form) or as a packed string.
func readSaved(version int, raw json.RawMessage, treesKey string, j any, h *headerJSON) (fitted, int, json.RawMessage, error) {
	if version != 1 && version != savedVersion {
		return fitted{}, 0, nil, fmt.Errorf("unsupported version %d", version)
	}
	rest, trees, err := model.SplitMember(raw, treesKey)
	if err != nil {
		return fitted{}, 0, nil, err
	}
	if err := json.Unmarshal(rest, j); err != nil {
		return fitted{}, 0, nil, err
	}
	if len(trees) == 0 || (version == 1 && trees[0] == '"') {
		return fitted{}, 0, nil, fmt.Errorf("no %q in the saved model", treesKey)
	}
	f := fitted{task: h.Task, features: h.Features, classes: h.Classes}
	if len(f.features) == 0 {
		return f, 0, nil, errors.New("no features")
	}
	if f.task == model.Classification {
		if len(f.classes) < 2 {
			return f, 0, nil, fmt.Errorf("a classifier needs at least 2 classes, has %d", len(f.classes))
		}
		return f, len(f.classes), trees, nil
	}
	if len(f.classes) > 0 {
		return f, 0, nil, errors.New("a regression model has no classes")
	}
	return f, 1, trees, nil
}

// isPacked reports whether a saved model's trees member is a packed
// string rather than JSON arrays.
func isPacked(trees json.RawMessage) bool { return len(trees) > 0 && trees[0] == '"' }

// readTrees decodes a trees member: packed (see packed.go) or readable
// ([]flatJSON, or one flatJSON when single), each tree of width values
// over d features; needStats as in flatJSON.fromJSON.
func readTrees(trees json.RawMessage, single bool, width, d int, classification, needStats bool) ([]*flatTree, error) {
	if isPacked(trees) {
		b, err := packedString(trees)
		if err != nil {
			return nil, err
		}
		out, err := unpackTrees(b, d, width, classification)
		if err != nil {
			return nil, err
		}
		if single && len(out) != 1 {
			return nil, fmt.Errorf("%d packed trees for one", len(out))
		}
		for i, t := range out {
			if needStats && !t.hasStats() {
				return nil, fmt.Errorf("tree %d: %w", i, errNoStats)
			}
		}
		return out, nil
	}
	var js []flatJSON
	if single {
		js = make([]flatJSON, 1)
		if err := json.Unmarshal(trees, &js[0]); err != nil {
			return nil, err
		}
	} else if err := json.Unmarshal(trees, &js); err != nil {
		return nil, err
	}
	if len(js) == 0 {
		return nil, errors.New("there are no trees")
	}
	out := make([]*flatTree, len(js))
	for i := range js {
		t, err := js[i].fromJSON(width, d, classification, needStats)
		if err != nil {
			return nil, fmt.Errorf("tree %d: %w", i, err)
		}
		out[i] = t
	}
	return out, nil
}

// packedBody returns the compact saved body: header (a struct whose last
// field is the trees member, tagged treesKey, holding nil) marshalled,
// with the packed trees spliced in as base64.
func packedBody(header any, packed []byte) ([]byte, error) {
	head, err := json.Marshal(header)
	if err != nil {
		return nil, err
	}
	// head ends with `null}`: the trees member's value and the object's end.
	head = head[:len(head)-len("null}")]
	out := make([]byte, 0, len(head)+base64.StdEncoding.EncodedLen(len(packed))+3)
	out = append(append(out, head...), '"')
	out = base64.StdEncoding.AppendEncode(out, packed)
	return append(out, '"', '}'), nil
}

// packedBodySize returns len(packedBody(header, packed)) for packed of
// size bytes.
func packedBodySize(header any, size int) int {
	head, _ := json.Marshal(header) // the headers always marshal
	return len(head) - len("null}") + base64.StdEncoding.EncodedLen(size) + 3
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
