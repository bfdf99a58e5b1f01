package tree

import (
	"encoding/json"
	"fmt"

	"modelbench/workflow/model"
)

// treeModelJSON is the saved form of a TreeModel (type "tree"): the
// header, then the tree, packed (a base64 string, see packed.go) or, in
// version 1 and the readable form, a flatJSON object.
type treeModelJSON struct {
	headerJSON
	Importances model.Floats    `json:"importances"`
	Tree        json.RawMessage `json:"tree"`
}

// ModelType returns "tree".
func (m *TreeModel) ModelType() string { return "tree" }

// ModelVersion returns 2: the packed form (version 1, JSON arrays of every
// node field, still loads).
func (m *TreeModel) ModelVersion() int { return savedVersion }

func (m *TreeModel) header() treeModelJSON {
	return treeModelJSON{headerJSON: m.fitted.toJSON(), Importances: m.importances}
}

func (m *TreeModel) packed() []byte {
	return packTrees([]*flatTree{m.t}, len(m.features), m.t.width, m.task == model.Classification)
}

// MarshalJSON writes the model with its tree packed; model.Unmarshal
// reads it back.
func (m *TreeModel) MarshalJSON() ([]byte, error) { return packedBody(m.header(), m.packed()) }

// MarshalReadableJSON writes the model with its tree as JSON arrays, one
// per node field (see Node for their meaning); model.Unmarshal reads it
// back to the same model.
func (m *TreeModel) MarshalReadableJSON() ([]byte, error) {
	j := m.header()
	var err error
	if j.Tree, err = json.Marshal(m.t.toJSON()); err != nil {
		return nil, err
	}
	return json.Marshal(j)
}

// SavedSize returns the exact length of what model.Marshal writes for m.
func (m *TreeModel) SavedSize() int {
	size := packedSize([]*flatTree{m.t}, len(m.features), m.t.width, m.task == model.Classification)
	return model.EnvelopeSize(m, packedBodySize(m.header(), size))
}

func decodeTreeModel(version int, raw json.RawMessage) (model.Model, error) {
	var j treeModelJSON
	f, width, tj, err := readSaved(version, raw, "tree", &j, &j.headerJSON)
	if err != nil {
		return nil, err
	}
	trees, err := readTrees(tj, true, width, len(f.features), f.task == model.Classification, true)
	if err != nil {
		return nil, err
	}
	if len(j.Importances) != len(f.features) {
		return nil, fmt.Errorf("%d importances for %d features", len(j.Importances), len(f.features))
	}
	return &TreeModel{fitted: f, t: trees[0], importances: j.Importances}, nil
}
