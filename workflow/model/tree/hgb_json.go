package tree

import (
	"encoding/json"
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// boostTreeJSON is the saved form of one boosted tree: its shape, then
// one array per node statistic.
type boostTreeJSON struct {
	splitsJSON
	Value model.Floats `json:"value"`
	Gain  model.Floats `json:"gain"`
	Count []int32      `json:"count"`
}

// boostModelJSON is the saved form of a BoostingModel (type "gbt", version 1).
type boostModelJSON struct {
	headerJSON
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
	j := boostModelJSON{headerJSON: m.fitted.toJSON(), Baseline: m.base,
		Trees: make([]boostTreeJSON, len(m.trees)), TrainLoss: m.trainLoss, ValLoss: m.valLoss, Importances: m.importances}
	for i, t := range m.trees {
		n := len(t.nodes)
		tj := boostTreeJSON{splitsJSON: newSplitsJSON(n), Value: make(model.Floats, n), Gain: make(model.Floats, n), Count: make([]int32, n)}
		for k, nd := range t.nodes {
			tj.set(k, node{feature: nd.feature, threshold: nd.threshold, left: nd.left, right: nd.right, missingLeft: nd.missingLeft})
			tj.Value[k], tj.Gain[k], tj.Count[k] = nd.value, nd.gain, nd.count
		}
		j.Trees[i] = tj
	}
	return json.Marshal(j)
}

func decodeBoostModel(version int, raw json.RawMessage) (model.Model, error) {
	var j boostModelJSON
	f, _, err := readSaved(version, raw, &j, &j.headerJSON)
	if err != nil {
		return nil, err
	}
	m := &BoostingModel{fitted: f, kind: squaredLoss, k: 1,
		base: j.Baseline, trainLoss: j.TrainLoss, valLoss: j.ValLoss, importances: j.Importances}
	if f.task == model.Classification {
		m.kind = binaryLoss
		if len(f.classes) > 2 {
			m.kind, m.k = multinomialLoss, len(f.classes)
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

// tree rebuilds a boosted tree over d features; its shape is checked as
// splitsJSON.nodes does and every value must be finite.
func (tj *boostTreeJSON) tree(d int) (*boostTree, error) {
	nodes, err := tj.nodes(d, func(n int) bool { return len(tj.Value) == n && len(tj.Gain) == n && len(tj.Count) == n })
	if err != nil {
		return nil, err
	}
	t := &boostTree{nodes: make([]bnode, len(nodes))}
	for i, nd := range nodes {
		v := tj.Value[i]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("node %d has value %v", i, v)
		}
		t.nodes[i] = bnode{feature: nd.feature, threshold: nd.threshold, left: nd.left, right: nd.right,
			missingLeft: nd.missingLeft, value: v, gain: tj.Gain[i], count: tj.Count[i]}
	}
	return t, nil
}
