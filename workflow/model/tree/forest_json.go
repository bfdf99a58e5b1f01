package tree

import (
	"encoding/json"
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// forestModelJSON is the saved form of a ForestModel (type "forest"): the
// header, then the trees, packed (a base64 string, see packed.go) or, in
// version 1 and the readable form, an array of flatJSON. OOB holds one
// value, "NaN" when undefined.
type forestModelJSON struct {
	headerJSON
	Importances model.Floats    `json:"importances"`
	OOB         model.Floats    `json:"oob_score"`
	Trees       json.RawMessage `json:"trees"`
}

// ModelType returns "forest".
func (m *ForestModel) ModelType() string { return "forest" }

// ModelVersion returns 2: the packed form, which keeps of each tree what
// prediction, Explain and Tree need (version 1, which also held every
// node's rows and impurity, still loads).
func (m *ForestModel) ModelVersion() int { return savedVersion }

func (m *ForestModel) header() forestModelJSON {
	return forestModelJSON{headerJSON: m.fitted.toJSON(), Importances: m.importances, OOB: model.Floats{m.oob}}
}

// MarshalJSON writes the model with its trees packed; model.Unmarshal
// reads it back.
func (m *ForestModel) MarshalJSON() ([]byte, error) {
	return packedBody(m.header(), packTrees(m.trees, len(m.features), m.width(), m.task == model.Classification))
}

// MarshalReadableJSON writes the model with its trees as JSON arrays, one
// per node field; model.Unmarshal reads it back to the same model.
func (m *ForestModel) MarshalReadableJSON() ([]byte, error) {
	js := make([]flatJSON, len(m.trees))
	for i, t := range m.trees {
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
func (m *ForestModel) SavedSize() int {
	size := packedSize(m.trees, len(m.features), m.width(), m.task == model.Classification)
	return model.EnvelopeSize(m, packedBodySize(m.header(), size))
}

func decodeForestModel(version int, raw json.RawMessage) (model.Model, error) {
	var j forestModelJSON
	f, width, tj, err := readSaved(version, raw, "trees", &j, &j.headerJSON)
	if err != nil {
		return nil, err
	}
	if len(j.Importances) != len(f.features) || len(j.OOB) != 1 {
		return nil, fmt.Errorf("%d importances for %d features, %d out-of-bag scores", len(j.Importances), len(f.features), len(j.OOB))
	}
	classification := f.task == model.Classification
	trees, err := readTrees(tj, false, width, len(f.features), classification, version == 1)
	if err != nil {
		return nil, err
	}
	for _, t := range trees {
		t.strip(classification)
	}
	m := &ForestModel{fitted: f, trees: trees, importances: j.Importances, oob: j.OOB[0]}
	if !math.IsNaN(m.oob) && math.IsInf(m.oob, 0) {
		return nil, fmt.Errorf("out-of-bag score %v", m.oob)
	}
	return m, nil
}
