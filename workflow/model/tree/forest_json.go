package tree

import (
	"encoding/json"
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// forestModelJSON is the saved form of a ForestModel (type "forest",
// version 1). OOB holds one value, "NaN" when undefined.
type forestModelJSON struct {
	headerJSON
	Trees       []flatJSON   `json:"trees"`
	Importances model.Floats `json:"importances"`
	OOB         model.Floats `json:"oob_score"`
}

// ModelType returns "forest".
func (m *ForestModel) ModelType() string { return "forest" }

// ModelVersion returns 1.
func (m *ForestModel) ModelVersion() int { return 1 }

// MarshalJSON writes the model; model.Unmarshal reads it back.
func (m *ForestModel) MarshalJSON() ([]byte, error) {
	j := forestModelJSON{headerJSON: m.fitted.toJSON(),
		Trees: make([]flatJSON, len(m.trees)), Importances: m.importances, OOB: model.Floats{m.oob}}
	for i, t := range m.trees {
		j.Trees[i] = t.toJSON()
	}
	return json.Marshal(j)
}

func decodeForestModel(version int, raw json.RawMessage) (model.Model, error) {
	var j forestModelJSON
	f, width, err := readSaved(version, raw, &j, &j.headerJSON)
	if err != nil {
		return nil, err
	}
	if len(j.Trees) == 0 {
		return nil, fmt.Errorf("a forest has no trees")
	}
	if len(j.Importances) != len(f.features) || len(j.OOB) != 1 {
		return nil, fmt.Errorf("%d importances for %d features, %d out-of-bag scores", len(j.Importances), len(f.features), len(j.OOB))
	}
	m := &ForestModel{fitted: f, trees: make([]*flatTree, len(j.Trees)),
		importances: j.Importances, oob: j.OOB[0]}
	for i := range j.Trees {
		t, err := j.Trees[i].fromJSON(width, len(f.features), f.task == model.Classification)
		if err != nil {
			return nil, fmt.Errorf("tree %d: %w", i, err)
		}
		m.trees[i] = t
	}
	if !math.IsNaN(m.oob) && math.IsInf(m.oob, 0) {
		return nil, fmt.Errorf("out-of-bag score %v", m.oob)
	}
	return m, nil
}
