package tree

import (
	"encoding/json"
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// boostTreeJSON is the version 1 saved form of one boosted tree: its
// shape, then one array per node statistic. Version 2 keeps only the
// values: its readable form is a flatJSON without statistics.
type boostTreeJSON struct {
	splitsJSON
	Value model.Floats `json:"value"`
	Gain  model.Floats `json:"gain"`
	Count []int32      `json:"count"`
}

// boostModelJSON is the saved form of a BoostingModel (type "gbt"): the
// header, then the trees, packed (a base64 string, see packed.go), or an
// array of boostTreeJSON (version 1) or of flatJSON (the readable form).
type boostModelJSON struct {
	headerJSON
	Baseline    model.Floats    `json:"baseline"`
	TrainLoss   model.Floats    `json:"train_loss"`
	ValLoss     model.Floats    `json:"validation_loss"`
	Importances model.Floats    `json:"importances"`
	Trees       json.RawMessage `json:"trees"`
}

// ModelType returns "gbt".
func (m *BoostingModel) ModelType() string { return "gbt" }

// ModelVersion returns 2: the packed form, which keeps of each tree what
// prediction and Explain need (version 1, which also held every node's
// gain and row count, still loads).
func (m *BoostingModel) ModelVersion() int { return savedVersion }

func (m *BoostingModel) header() boostModelJSON {
	return boostModelJSON{headerJSON: m.fitted.toJSON(), Baseline: m.base, TrainLoss: m.trainLoss, ValLoss: m.valLoss,
		Importances: m.importances}
}

// flatTrees returns the trees in flatTree form (one value per node).
func (m *BoostingModel) flatTrees() []*flatTree {
	out := make([]*flatTree, len(m.trees))
	for i, t := range m.trees {
		out[i] = t.flat()
	}
	return out
}

// MarshalJSON writes the model with its trees packed; model.Unmarshal
// reads it back.
func (m *BoostingModel) MarshalJSON() ([]byte, error) {
	return packedBody(m.header(), packTrees(m.flatTrees(), len(m.features), 1, false))
}

// MarshalReadableJSON writes the model with its trees as JSON arrays, one
// per node field; model.Unmarshal reads it back to the same model.
func (m *BoostingModel) MarshalReadableJSON() ([]byte, error) {
	js := make([]flatJSON, len(m.trees))
	for i, t := range m.flatTrees() {
		js[i] = t.toJSON()
	}
	j := m.header()
	var err error
	if j.Trees, err = json.Marshal(js); err != nil {
		return nil, err
	}
	return json.Marshal(j)
}

// SavedSize returns the exact length of what model.Marshal writes for m.
func (m *BoostingModel) SavedSize() int {
	size := packedSize(m.flatTrees(), len(m.features), 1, false)
	return model.EnvelopeSize(m, packedBodySize(m.header(), size))
}

func decodeBoostModel(version int, raw json.RawMessage) (model.Model, error) {
	var j boostModelJSON
	f, _, tj, err := readSaved(version, raw, "trees", &j, &j.headerJSON)
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
	var flats []*flatTree
	if version == 1 {
		flats, err = boostTreesV1(tj, len(m.features))
	} else {
		flats, err = readTrees(tj, false, 1, len(m.features), false, false)
	}
	if err != nil {
		return nil, err
	}
	if len(m.base) != m.k || len(flats)%m.k != 0 || len(m.importances) != len(m.features) {
		return nil, fmt.Errorf("%d baseline scores and %d trees for %d scores per row, %d importances for %d features",
			len(m.base), len(flats), m.k, len(m.importances), len(m.features))
	}
	for _, v := range m.base {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("baseline score %v", v)
		}
	}
	m.nIter = len(flats) / m.k
	for _, t := range flats {
		m.trees = append(m.trees, boostFromFlat(t))
	}
	return m, nil
}

// boostTreesV1 reads version 1's trees over d features: every node with
// its value, gain and count (the last two are checked for length and
// dropped), in the order they were grown (renumbered into preorder).
func boostTreesV1(raw json.RawMessage, d int) ([]*flatTree, error) {
	var js []boostTreeJSON
	if err := json.Unmarshal(raw, &js); err != nil {
		return nil, err
	}
	out := make([]*flatTree, len(js))
	for i, tj := range js {
		n := len(tj.Feature)
		if len(tj.Gain) != n || len(tj.Count) != n {
			return nil, fmt.Errorf("tree %d: a tree's node arrays have different lengths (%d nodes)", i, n)
		}
		fj := flatJSON{splitsJSON: tj.splitsJSON, Value: tj.Value}
		t, err := fj.fromJSON(1, d, false, false)
		if err != nil {
			return nil, fmt.Errorf("tree %d: %w", i, err)
		}
		out[i] = t
	}
	return out, nil
}

// flat returns t as a flatTree with one value per node and no statistics.
func (t *boostTree) flat() *flatTree {
	f := &flatTree{nodes: make([]node, len(t.nodes)), width: 1, value: make([]float64, len(t.nodes))}
	for i, nd := range t.nodes {
		f.nodes[i] = node{threshold: nd.threshold, feature: nd.feature, left: nd.left, right: nd.right, missingLeft: nd.missingLeft}
		f.value[i] = nd.value
	}
	return f
}

// boostFromFlat is the inverse of flat, for a tree of width 1.
func boostFromFlat(f *flatTree) *boostTree {
	t := &boostTree{nodes: make([]bnode, len(f.nodes))}
	for i, nd := range f.nodes {
		t.nodes[i] = bnode{threshold: nd.threshold, feature: nd.feature, left: nd.left, right: nd.right,
			missingLeft: nd.missingLeft, value: f.value[i]}
	}
	return t
}

// lean returns t in preorder with only what prediction and Explain need
// (no gains, counts or bins): what a fitted model keeps.
func (t *boostTree) lean() *boostTree {
	f, err := t.flat().preorder()
	if err != nil {
		panic("tree: a grown boosted tree is not a tree: " + err.Error())
	}
	return boostFromFlat(f)
}
