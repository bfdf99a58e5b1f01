package tree

import (
	"encoding/json"
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// boostTreeJSON is the saved form of one boosted tree.
type boostTreeJSON struct {
	Feature     []int32      `json:"feature"`
	Threshold   model.Floats `json:"threshold"`
	Left        []int32      `json:"left"`
	Right       []int32      `json:"right"`
	MissingLeft []int32      `json:"missing_left"`
	Value       model.Floats `json:"value"`
	Gain        model.Floats `json:"gain"`
	Count       []int32      `json:"count"`
}

// boostModelJSON is the saved form of a BoostingModel (type "gbt", version 1).
type boostModelJSON struct {
	Task        model.Task      `json:"task"`
	Features    []string        `json:"features"`
	Classes     []string        `json:"classes,omitempty"`
	Baseline    model.Floats    `json:"baseline"`
	Trees       []boostTreeJSON `json:"trees"`
	TrainLoss   model.Floats    `json:"train_loss"`
	ValLoss     model.Floats    `json:"validation_loss"`
	Importances model.Floats    `json:"importances"`
}

// ModelType returns "gbt".
func (m *BoostingModel) ModelType() string { return "gbt" }

// ModelVersion returns 1.
func (m *BoostingModel) ModelVersion() int { return 1 }

// MarshalJSON writes the model; model.Unmarshal reads it back.
func (m *BoostingModel) MarshalJSON() ([]byte, error) {
	j := boostModelJSON{Task: m.task, Features: m.features, Classes: m.classes, Baseline: m.base,
		Trees: make([]boostTreeJSON, len(m.trees)), TrainLoss: m.trainLoss, ValLoss: m.valLoss, Importances: m.importances}
	for i, t := range m.trees {
		n := len(t.nodes)
		tj := boostTreeJSON{Feature: make([]int32, n), Threshold: make(model.Floats, n), Left: make([]int32, n),
			Right: make([]int32, n), MissingLeft: []int32{}, Value: make(model.Floats, n), Gain: make(model.Floats, n), Count: make([]int32, n)}
		for k, nd := range t.nodes {
			tj.Feature[k], tj.Threshold[k], tj.Left[k], tj.Right[k] = nd.feature, nd.threshold, nd.left, nd.right
			tj.Value[k], tj.Gain[k], tj.Count[k] = nd.value, nd.gain, nd.count
			if nd.missingLeft {
				tj.MissingLeft = append(tj.MissingLeft, int32(k))
			}
		}
		j.Trees[i] = tj
	}
	return json.Marshal(j)
}

func decodeBoostModel(version int, raw json.RawMessage) (model.Model, error) {
	if version != 1 {
		return nil, fmt.Errorf("unsupported version %d", version)
	}
	var j boostModelJSON
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, err
	}
	if _, err := checkHeader(j.Task, j.Features, j.Classes); err != nil {
		return nil, err
	}
	m := &BoostingModel{fitted: fitted{task: j.Task, features: j.Features, classes: j.Classes}, kind: squaredLoss, k: 1,
		base: j.Baseline, trainLoss: j.TrainLoss, valLoss: j.ValLoss, importances: j.Importances}
	if j.Task == model.Classification {
		m.kind = binaryLoss
		if len(j.Classes) > 2 {
			m.kind, m.k = multinomialLoss, len(j.Classes)
		}
	}
	if len(m.base) != m.k || len(j.Trees)%m.k != 0 || len(m.importances) != len(m.features) {
		return nil, fmt.Errorf("%d baseline scores and %d trees for %d scores per row, %d importances for %d features",
			len(m.base), len(j.Trees), m.k, len(m.importances), len(m.features))
	}
	for _, v := range m.base {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("baseline score %v", v)
		}
	}
	m.nIter = len(j.Trees) / m.k
	for i := range j.Trees {
		t, err := j.Trees[i].tree(len(m.features))
		if err != nil {
			return nil, fmt.Errorf("tree %d: %w", i, err)
		}
		m.trees = append(m.trees, t)
	}
	return m, nil
}

func (tj *boostTreeJSON) tree(d int) (*boostTree, error) {
	n := len(tj.Feature)
	if n == 0 {
		return nil, fmt.Errorf("a tree has no nodes")
	}
	if len(tj.Threshold) != n || len(tj.Left) != n || len(tj.Right) != n || len(tj.Value) != n || len(tj.Gain) != n || len(tj.Count) != n {
		return nil, fmt.Errorf("a tree's node arrays have different lengths (%d nodes)", n)
	}
	t := &boostTree{nodes: make([]bnode, n)}
	for i := range n {
		nd := bnode{feature: tj.Feature[i], threshold: tj.Threshold[i], left: tj.Left[i], right: tj.Right[i],
			value: tj.Value[i], gain: tj.Gain[i], count: tj.Count[i]}
		if err := checkNode(node{feature: nd.feature, threshold: nd.threshold, left: nd.left, right: nd.right}, i, n, d); err != nil {
			return nil, err
		}
		if math.IsNaN(nd.value) || math.IsInf(nd.value, 0) {
			return nil, fmt.Errorf("node %d has value %v", i, nd.value)
		}
		t.nodes[i] = nd
	}
	for _, i := range tj.MissingLeft {
		if i < 0 || int(i) >= n {
			return nil, fmt.Errorf("missing_left names node %d of %d", i, n)
		}
		t.nodes[i].missingLeft = true
	}
	return t, nil
}
