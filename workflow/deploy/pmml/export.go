package pmml

import (
	"errors"
	"fmt"
	"slices"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/model/linear"
	"modelbench/workflow/prep"
)

// Report says how an artifact was written as PMML.
type Report struct {
	Learner string     // the learner's registry name
	Model   string     // the PMML model element and its structure
	Steps   []StepNote // how each enabled preparation step was written
	Inputs  []string   // the raw input fields the model reads, in DataDictionary order
	Outputs []string   // the output fields: the prediction, then one probability per class
	Derived int        // derived fields in the TransformationDictionary
	Notes   []string   // other facts a reader should know
}

// Supports reports whether Export can write a, without writing it: nil,
// or an error wrapping ErrUnsupported (an *UnsupportedError naming the
// step or learner and why), or another error for an artifact that is
// inconsistent.
func Supports(a *artifact.Artifact) error {
	if err := checkLearner(a); err != nil {
		return err
	}
	_, _, err := preparation(a)
	return err
}

// Export writes a as a PMML 4.4 document: a DataDictionary of the raw
// inputs and the target, the preparation as a TransformationDictionary,
// and the model with a MiningSchema (usage types, missing- and
// invalid-value treatments), its Output (the predicted label or value and
// one probability per class) and its own elements. It returns the
// document, a Report of how each part was written, and an error wrapping
// ErrUnsupported when a step or the learner cannot be written faithfully
// (nothing approximate is ever written).
//
// The PMML document computes what a.Predict computes for every row that
// Modelbench scores; see the package documentation for what a consumer
// must supply and the few inputs on which the two may differ.
func Export(a *artifact.Artifact) ([]byte, *Report, error) {
	if err := checkLearner(a); err != nil {
		return nil, nil, err
	}
	fs, rep, err := preparation(a)
	if err != nil {
		return nil, nil, err
	}
	feats := make([]string, len(a.Model.Features()))
	for j, f := range a.Model.Features() {
		c, err := fs.col(f)
		if err != nil {
			return nil, nil, err
		}
		if c.kind != data.Numeric && c.kind != data.Boolean {
			return nil, nil, fmt.Errorf("feature %q is %s after the preparation, not a number", f, c.kind)
		}
		if c.rawBool {
			return nil, nil, fmt.Errorf("feature %q is an unconverted yes/no input", f)
		}
		feats[j] = c.field
	}
	roots := feats
	if a.Learner == "baseline" {
		roots = nil // it reads no input
	}
	ders, raws := fs.reachable(roots)
	m := &modelCtx{features: feats, target: a.Target, classes: a.Classes, task: a.Task, fs: fs}
	if fs.taken[a.Target] {
		return nil, nil, fmt.Errorf("the target %q is also an input", a.Target)
	}
	fs.taken[a.Target] = true
	m.top = miningSchema(raws, a.Target)
	body, how, err := m.build(a)
	if err != nil {
		return nil, nil, err
	}
	rep.Model = how
	for _, r := range raws {
		rep.Inputs = append(rep.Inputs, r.name)
	}
	for _, o := range body.kids {
		if o.name == "Output" {
			for _, f := range o.kids {
				rep.Outputs = append(rep.Outputs, f.attr("name"))
			}
		}
	}
	rep.Derived = len(ders)
	rep.Notes = append(rep.Notes, fs.notes...)
	rep.Notes = append(rep.Notes, m.notes...)
	root := el("PMML", "xmlns", Namespace, "version", "4.4").add(
		el("Header", "description", fmt.Sprintf("Modelbench %s model of %q, with its preparation", a.Learner, a.Target)).
			add(el("Application", "name", "Modelbench", "version", a.AppVersion)),
		dataDictionary(fs.raw, a),
		transformationDictionary(ders),
		body)
	out, err := document(root)
	if err != nil {
		return nil, nil, err
	}
	return out, rep, nil
}

// checkLearner refuses the learners PMML cannot express exactly.
func checkLearner(a *artifact.Artifact) error {
	if a == nil || a.Model == nil || a.Pipeline == nil {
		return errors.New("pmml: the artifact has no fitted model or pipeline")
	}
	what := "learner " + a.Learner
	if a.Task == model.Classification && len(a.Classes) < 2 {
		return fmt.Errorf("pmml: a classifier with %d classes", len(a.Classes))
	}
	switch mm := a.Model.(type) {
	case model.TreeEnsembler:
		return nil
	case *linear.Fitted:
		return nil
	case model.Marshaler:
		switch mm.ModelType() {
		case "naive_bayes", "baseline":
			return nil
		case "knn":
			return unsupported(what, "PMML's NearestNeighborModel leaves the order of equally distant training rows to the evaluator, and Modelbench finds neighbours in a rotated space whose rounding decides near ties; the same neighbours, and so the same predictions, cannot be promised")
		}
	}
	return unsupported(what, "the exporter does not know this kind of model (%T)", a.Model)
}

// build writes the model element.
func (m *modelCtx) build(a *artifact.Artifact) (*elem, string, error) {
	switch mm := a.Model.(type) {
	case model.TreeEnsembler:
		return m.treeEnsemble(mm.TreeEnsemble())
	case *linear.Fitted:
		return m.linearModel(mm)
	case model.Marshaler:
		switch mm.ModelType() {
		case "naive_bayes":
			return m.naiveBayes(a.Model)
		case "baseline":
			return m.baseline(a.Model)
		}
	}
	return nil, "", checkLearner(a)
}

// preparation translates the fitted pipeline into fields.
func preparation(a *artifact.Artifact) (*fields, *Report, error) {
	px, err := a.Pipeline.Export()
	if err != nil {
		if errors.Is(err, prep.ErrNotExportable) {
			return nil, nil, &UnsupportedError{What: "the preparation", Why: err.Error()}
		}
		return nil, nil, err
	}
	if !slices.Equal(px.Features, a.Model.Features()) {
		return nil, nil, fmt.Errorf("the pipeline gives the features %v, the model takes %v", px.Features, a.Model.Features())
	}
	fs := newFields()
	for _, in := range px.Inputs {
		if in.Name == a.Target {
			continue
		}
		if err := fs.addInput(data.Field{Name: in.Name, Kind: in.Kind}, in.Layout); err != nil {
			return nil, nil, err
		}
	}
	rep := &Report{Learner: a.Learner}
	for _, st := range px.Steps {
		as, err := fs.translate(st)
		if err != nil {
			return nil, nil, err
		}
		rep.Steps = append(rep.Steps, StepNote{Index: st.Info().Index, Kind: st.Info().Kind, As: as})
	}
	return fs, rep, nil
}

// dataDictionary declares every raw input and the target.
func dataDictionary(raws []*rawField, a *artifact.Artifact) *elem {
	dd := el("DataDictionary")
	for _, r := range raws {
		optype := "continuous"
		if r.dataType == "string" {
			optype = "categorical"
		}
		df := el("DataField", "name", r.name, "optype", optype, "dataType", r.dataType)
		for _, v := range r.values {
			df.add(el("Value", "value", v))
		}
		dd.add(df)
	}
	if a.Task == model.Regression {
		dd.add(el("DataField", "name", a.Target, "optype", "continuous", "dataType", "double"))
	} else {
		t := el("DataField", "name", a.Target, "optype", "categorical", "dataType", "string")
		for _, c := range a.Classes {
			t.add(el("Value", "value", c))
		}
		dd.add(t)
	}
	dd.set("numberOfFields", fmt.Sprint(len(dd.kids)))
	return dd
}

// miningSchema lists the raw inputs the model reads, with their
// treatments, and the target.
func miningSchema(raws []*rawField, target string) *elem {
	s := el("MiningSchema")
	for _, r := range raws {
		mf := el("MiningField", "name", r.name, "usageType", "active", "invalidValueTreatment", r.invalid)
		if r.replacement != "" {
			mf.set("missingValueReplacement", r.replacement).set("missingValueTreatment", r.treatment)
		}
		s.add(mf)
	}
	return s.add(el("MiningField", "name", target, "usageType", "target"))
}

// transformationDictionary holds the preparation's derived fields.
func transformationDictionary(ders []*derived) *elem {
	td := el("TransformationDictionary")
	for _, d := range ders {
		td.add(el("DerivedField", "name", d.name, "optype", d.optype, "dataType", d.dataType).add(d.expr))
	}
	return td
}
