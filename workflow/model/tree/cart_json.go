package tree

import (
	"encoding/json"
	"fmt"

	"modelbench/workflow/model"
)

// treeModelJSON is the saved form of a TreeModel (type "tree", version 1).
type treeModelJSON struct {
	headerJSON
	Tree        flatJSON     `json:"tree"`
	Importances model.Floats `json:"importances"`
}

// ModelType returns "tree".
func (m *TreeModel) ModelType() string { return "tree" }

// ModelVersion returns 1.
func (m *TreeModel) ModelVersion() int { return 1 }

// MarshalJSON writes the model; model.Unmarshal reads it back.
func (m *TreeModel) MarshalJSON() ([]byte, error) {
	return json.Marshal(treeModelJSON{headerJSON: m.fitted.toJSON(), Tree: m.t.toJSON(), Importances: m.importances})
}

func decodeTreeModel(version int, raw json.RawMessage) (model.Model, error) {
	var j treeModelJSON
	f, width, err := readSaved(version, raw, &j, &j.headerJSON)
	if err != nil {
		return nil, err
	}
	t, err := j.Tree.fromJSON(width, len(f.features), f.task == model.Classification)
	if err != nil {
		return nil, err
	}
	if len(j.Importances) != len(f.features) {
		return nil, fmt.Errorf("%d importances for %d features", len(j.Importances), len(f.features))
	}
	return &TreeModel{fitted: f, t: t, importances: j.Importances}, nil
}
