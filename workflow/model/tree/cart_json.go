package tree

import (
	"encoding/json"
	"errors"
	"fmt"

	"modelbench/workflow/model"
)

// treeModelJSON is the saved form of a TreeModel (type "tree", version 1).
type treeModelJSON struct {
	Task        model.Task   `json:"task"`
	Features    []string     `json:"features"`
	Classes     []string     `json:"classes,omitempty"`
	Tree        flatJSON     `json:"tree"`
	Importances model.Floats `json:"importances"`
}

// ModelType returns "tree".
func (m *TreeModel) ModelType() string { return "tree" }

// ModelVersion returns 1.
func (m *TreeModel) ModelVersion() int { return 1 }

// MarshalJSON writes the model; model.Unmarshal reads it back.
func (m *TreeModel) MarshalJSON() ([]byte, error) {
	return json.Marshal(treeModelJSON{Task: m.task, Features: m.features, Classes: m.classes,
		Tree: m.t.toJSON(), Importances: m.importances})
}

func decodeTreeModel(version int, raw json.RawMessage) (model.Model, error) {
	if version != 1 {
		return nil, fmt.Errorf("unsupported version %d", version)
	}
	var j treeModelJSON
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, err
	}
	width, err := checkHeader(j.Task, j.Features, j.Classes)
	if err != nil {
		return nil, err
	}
	t, err := j.Tree.fromJSON(width, len(j.Features), j.Task == model.Classification)
	if err != nil {
		return nil, err
	}
	if len(j.Importances) != len(j.Features) {
		return nil, fmt.Errorf("%d importances for %d features", len(j.Importances), len(j.Features))
	}
	return &TreeModel{fitted: fitted{task: j.Task, features: j.Features, classes: j.Classes}, t: t, importances: j.Importances}, nil
}

// checkHeader validates the task, features and classes of a saved model and
// returns the number of values per node.
func checkHeader(task model.Task, features, classes []string) (int, error) {
	if len(features) == 0 {
		return 0, errors.New("no features")
	}
	if task == model.Classification {
		if len(classes) < 2 {
			return 0, fmt.Errorf("a classifier needs at least 2 classes, has %d", len(classes))
		}
		return len(classes), nil
	}
	if len(classes) > 0 {
		return 0, errors.New("a regression model has no classes")
	}
	return 1, nil
}
