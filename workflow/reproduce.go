package workflow

import (
	"errors"
	"fmt"
	"slices"

	"modelbench/assets"
	"modelbench/workflow/deploy/reproduce"
)

// ReproduceInputs gathers what reproduce.Script needs besides the chosen
// model: how the data file was read, the rows the model learnt from and
// was tested on (positions in the project's table, which are the file's
// data rows), and the test metrics of the last evaluation of the chosen
// model on the test rows (nil when it has not been evaluated). It fails
// when no model is chosen, when the model carried forward is a retrained
// version (it learnt from new rows that are not in the project's file),
// or the data did not come from delimited text.
func (p *Project) ReproduceInputs() (reproduce.Inputs, error) {
	tr, pr := p.Training(), p.Preparation()
	if tr == nil || tr.Chosen == nil || pr == nil {
		return reproduce.Inputs{}, errors.New("choose a model in the Train step first")
	}
	if _, v := p.ModelVersions(); v > 1 {
		return reproduce.Inputs{}, fmt.Errorf("model version %d was retrained on new rows that are not in the project's data file, so a script reading that file cannot refit it", v)
	}
	doc := p.Document()
	if doc.Data == nil {
		return reproduce.Inputs{}, errors.New("no data is loaded")
	}
	path := doc.Data.Path
	if doc.Data.Sample != "" {
		s, err := assets.LookupSample(doc.Data.Sample)
		if err != nil {
			return reproduce.Inputs{}, err
		}
		path = s.File
	}
	df, err := reproduce.NewDataFile(p.Table(), doc.Data.Options.CSV.ParseOptions, path, doc.Data.Sample)
	if err != nil {
		return reproduce.Inputs{}, err
	}
	a := tr.Chosen
	learning := slices.Clone(tr.DevRows)
	if a.Rows != nil {
		learning = make([]int, len(a.Rows))
		for i, r := range a.Rows {
			learning[i] = tr.DevRows[r]
		}
	}
	in := reproduce.Inputs{Project: p.Path(), Model: doc.Train.Chosen, Data: df, LearningRows: learning,
		TestRows: slices.Clone(pr.Split.Test)}
	if ev := p.Evaluation(); ev != nil && ev.Part == PartTest && ev.Model == doc.Train.Chosen && ev.Assessment != nil && ev.Assessment.Metrics != nil {
		in.Metrics = ev.Assessment.Metrics.Metrics
	}
	return in, nil
}
