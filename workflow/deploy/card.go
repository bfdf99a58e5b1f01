package deploy

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// The form fields the documents read; each is defined in the checklist
// definition's forms (a test checks that the built-in one has them all).
const (
	KeyMotivation       = "purpose.motivation"
	KeyMotivationDetail = "purpose.motivation_detail"
	KeyDecision         = "purpose.decision"
	KeyWhoActs          = "purpose.who_acts"
	KeyWhoAffected      = "purpose.who_affected"
	KeyWrongAnswerCost  = "purpose.wrong_answer_cost"
	KeyWithoutModel     = "purpose.without_model"

	KeyOwners        = "model_card.owners"
	KeyVersion       = "model_card.version"
	KeyLicence       = "model_card.licence"
	KeyContact       = "model_card.contact"
	KeyIntendedUses  = "model_card.intended_uses"
	KeyIntendedUsers = "model_card.intended_users"
	KeyOutOfScope    = "model_card.out_of_scope"
	KeyFactors       = "model_card.factors"
	KeyEthical       = "model_card.ethical"
	KeyCaveats       = "model_card.caveats"

	KeyDSMotivation   = "datasheet.motivation"
	KeyDSCreators     = "datasheet.creators"
	KeyDSInstances    = "datasheet.instances"
	KeyDSCollection   = "datasheet.collection"
	KeyDSLabelling    = "datasheet.labelling"
	KeyDSUses         = "datasheet.uses"
	KeyDSDistribution = "datasheet.distribution"
	KeyDSMaintenance  = "datasheet.maintenance"
)

// DocumentKeys lists every form key the documents read.
var DocumentKeys = []string{KeyMotivation, KeyMotivationDetail, KeyDecision, KeyWhoActs, KeyWhoAffected, KeyWrongAnswerCost, KeyWithoutModel,
	KeyOwners, KeyVersion, KeyLicence, KeyContact, KeyIntendedUses, KeyIntendedUsers, KeyOutOfScope, KeyFactors, KeyEthical, KeyCaveats,
	KeyDSMotivation, KeyDSCreators, KeyDSInstances, KeyDSCollection, KeyDSLabelling, KeyDSUses, KeyDSDistribution, KeyDSMaintenance}

// ModelCard builds the model card in the sections of Mitchell et al.,
// "Model Cards for Model Reporting" (FAT* 2019): model details, intended
// use, factors, metrics, evaluation data, training data, quantitative
// analyses (with the per-group results), ethical considerations, and
// caveats and recommendations. r is the assessed checklist (for its
// scores); nil leaves them out.
func ModelCard(d *Definition, s State, f Facts, r *Result) *Document {
	name := "the model"
	if f.Model != nil {
		name = f.Model.Name
	}
	doc := &Document{ID: "model-card", Title: "Model card: " + name, Subtitle: cardSubtitle(f)}
	cardDetails(doc.add("Model details"), d, s, f)
	cardUse(doc.add("Intended use"), d, s, f)
	cardFactors(doc.add("Factors"), d, s, f)
	cardMetrics(doc.add("Metrics"), d, s, f)
	cardEvaluationData(doc.add("Evaluation data"), f)
	cardTrainingData(doc.add("Training data"), f)
	cardQuantitative(doc.add("Quantitative analyses"), f)
	cardEthics(doc.add("Ethical considerations"), d, s, f)
	cardCaveats(doc.add("Caveats and recommendations"), d, s, f, r)
	return doc
}

func cardSubtitle(f Facts) string {
	if f.Model == nil {
		return "No model has been chosen yet: most of this card is still empty."
	}
	what := f.Task
	if len(f.Model.Classes) > 0 {
		what = fmt.Sprintf("%s into %d classes", f.Task, len(f.Model.Classes))
	}
	return fmt.Sprintf("%s predicting %q (%s), trained with Modelbench %s.", f.Model.LearnerLabel, f.Target, what, f.Model.AppVersion)
}

func cardDetails(sec *DocSection, d *Definition, s State, f Facts) {
	m := f.Model
	if m == nil {
		sec.callout("info", "No model has been chosen in the Train step yet.")
		sec.fields(form(d, s, KeyOwners), form(d, s, KeyVersion), form(d, s, KeyLicence), form(d, s, KeyContact))
		return
	}
	fs := []Field{form(d, s, KeyOwners), form(d, s, KeyVersion),
		fact("Learner", m.LearnerLabel+" ("+m.Learner+")"),
		fact("Predicts", fmt.Sprintf("%q, %s", f.Target, f.Task)),
	}
	if len(m.Classes) > 0 {
		fs = append(fs, fact("Classes", strings.Join(m.Classes, ", ")))
	}
	fs = append(fs, fact("Trained", when(m.Created)), fact("Seed", fmt.Sprint(m.Seed)),
		fact("Fingerprint", "SHA-256 "+f.Fingerprint), fact("Exported as", exportedAs(f)), form(d, s, KeyLicence), form(d, s, KeyContact))
	sec.fields(fs...)
	if m.LearnerHelp != "" {
		sec.para("%s", m.LearnerHelp)
	}
	var rows [][]string
	for _, p := range m.Params {
		rows = append(rows, []string{p.Label, p.Value, p.Help})
	}
	if len(rows) > 0 {
		sec.para("Its settings, as recorded in model.json:")
		sec.table([]string{"setting", "value", "what it does"}, rows)
	}
	cardVersions(sec, f)
}

// cardVersions lists the model versions after retrains: what each learnt
// from, how it compared with the one before, and why it was kept.
func cardVersions(sec *DocSection, f Facts) {
	if len(f.Versions) == 0 {
		return
	}
	sec.para("This is model version %d. Every version the project carried forward, each compared with the one before on held-out new rows neither had learnt from:", f.Version)
	var rows [][]string
	for _, v := range f.Versions {
		compared := "—"
		if v.CompareRows > 0 && !math.IsNaN(v.Before) && !math.IsNaN(v.After) {
			compared = fmt.Sprintf("%s %.4f → %.4f on %d rows", v.Metric, v.Before, v.After, v.CompareRows)
		}
		rows = append(rows, []string{fmt.Sprint(v.Version), when(v.Time), fmt.Sprintf("%d rows of %s", v.LearnRows, orDash(v.Source)), compared, orDash(v.Why)})
	}
	sec.table([]string{"version", "made", "learnt from", "against the version before", "why"}, rows)
}

func cardUse(sec *DocSection, d *Definition, s State, f Facts) {
	sec.fields(form(d, s, KeyMotivation), form(d, s, KeyMotivationDetail), form(d, s, KeyDecision),
		form(d, s, KeyIntendedUses), form(d, s, KeyIntendedUsers), form(d, s, KeyOutOfScope), formFrom(d, s, f, KeyWithoutModel))
}

func cardFactors(sec *DocSection, d *Definition, s State, f Facts) {
	sec.fields(form(d, s, KeyFactors))
	var cols []string
	if f.Test != nil {
		for _, sl := range f.Test.Slices {
			cols = append(cols, sl.Column)
		}
	}
	if len(cols) > 0 {
		sec.para("The evaluation measured the model separately for each group of %s (see Quantitative analyses).", list(cols))
	} else {
		sec.para("No groups were evaluated separately.")
	}
	var sens []string
	for _, c := range f.Columns {
		if c.Sensitive {
			sens = append(sens, c.Name)
		}
	}
	if len(sens) > 0 {
		sec.para("Columns flagged as personal or sensitive: %s.", list(sens))
	}
}

func cardMetrics(sec *DocSection, d *Definition, s State, f Facts) {
	b := f.Board
	if b == nil {
		sec.callout("info", "No models have been trained yet.")
		return
	}
	cost := formFrom(d, s, f, KeyWrongAnswerCost)
	sec.fields(cost)
	sec.para("The candidates were ranked by %s (%s, %s), each against the baseline on the same rows.", b.MetricLabel, validationText(b),
		map[bool]string{true: "higher is better", false: "lower is better"}[b.HigherIsBetter])
	if b.Why != "" {
		sec.para("Why %s was chosen: “%s”", b.Chosen, b.Why)
	}
	if f.Baseline != nil && f.Baseline.Compared {
		sec.para("%s", f.Baseline.Sentence)
	}
	if c := f.Costs; c != nil && (c.FalsePositive > 0 || c.FalseNegative > 0) && cost.Suggested == "" {
		sec.para("In the threshold explorer: %s", costsSet(f).Text)
	} else if c != nil && c.ThresholdSet {
		sec.para("A row is called %s when its probability reaches %.3f.", c.Positive, c.Threshold)
	}
}

func cardEvaluationData(sec *DocSection, f Facts) {
	sp := f.Split
	if sp == nil {
		sec.callout("info", "The rows have not been split yet.")
		return
	}
	sec.para("%s The test part was locked until Evaluate.", splitSentence(sp))
	sec.para("%s", testOnce(f).Text)
	if t := f.Test; t == nil || t.Part != "test" {
		sec.callout("warning", "The chosen model has not been evaluated on the test rows yet, so this card has no honest estimate of its quality.")
	}
}

func splitSentence(sp *SplitFacts) string {
	how := map[string]string{"random": "at random", "stratified": "at random within each class (stratified)",
		"time": "by time", "group": "by group"}[sp.Method]
	if how == "" {
		how = sp.Method
	}
	if sp.Column != "" {
		how += " of " + sp.Column
	}
	return fmt.Sprintf("The rows with a target were split %s with seed %d: %d training rows (%.0f%%), %d validation rows (%.0f%%) and %d test rows (%.0f%%).",
		how, sp.Seed, sp.TrainRows, 100*sp.Train, sp.ValidRows, 100*sp.Valid, sp.TestRows, 100*sp.Test)
}

func cardTrainingData(sec *DocSection, f Facts) {
	sec.para("%s", dataDocumented(f).Text)
	if m := f.Model; m != nil {
		sec.para("The model learnt from %d rows (the training and validation parts, after the preparation's row steps). The datasheet describes the data in full.", m.TrainRows)
	}
	if p := f.Preparation; p != nil {
		sec.table([]string{"step", "what it does", "why"}, stepRows(p.Steps))
	}
}

func stepRows(steps []StepFact) [][]string {
	var rows [][]string
	for _, st := range steps {
		what := st.Learnt
		if what == "" {
			what = st.Params
		}
		if !st.Enabled {
			what = "(switched off) " + what
		}
		rows = append(rows, []string{fmt.Sprintf("%d. %s", st.Index, st.Kind), what, orDash(st.Why)})
	}
	return rows
}

func cardQuantitative(sec *DocSection, f Facts) {
	t := f.Test
	if t == nil || t.Part != "test" {
		sec.callout("warning", "Not evaluated on the test rows yet.")
	} else {
		sec.para("On the %d locked test rows (evaluated %s):", t.Rows, when(t.When))
		sec.table([]string{"metric", "value"}, metricRows(t.Metrics))
		for _, sl := range t.Slices {
			sec.para("Each group of %s, by %s (all rows: %s):", sl.Column, t.Label, num(sl.Overall))
			sec.table([]string{sl.Column, "rows", t.Label, "note"}, groupRows(sl))
			sec.figure(FigSlicesPrefix+sl.Column, "The "+t.Label+" of each group of "+sl.Column+" on the test rows; the dashed line is all rows")
		}
		if f.Task == "regression" {
			sec.figure(FigEvaluationPrefix+"Predicted against actual", "Predicted against actual on the test rows")
		} else {
			sec.figure(FigEvaluationPrefix+"Confusion matrix", "Confusion matrix on the test rows")
			sec.figure(FigEvaluationPrefix+"ROC curve", "ROC curve on the test rows (when the model gives probabilities)")
		}
	}
	if b := f.Board; b != nil {
		sec.para("The leaderboard (%s, %s):", b.MetricLabel, validationText(b))
		sec.table([]string{"model", "learner", b.MetricLabel, "spread", "note"}, boardRows(b))
		sec.figure(FigLeaderboard, "Cross-validated "+b.MetricLabel+" of each candidate against the baseline")
	}
}

func metricRows(m map[string]float64) [][]string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	rows := make([][]string, len(names))
	for i, n := range names {
		rows[i] = []string{n, fmt.Sprintf("%.4f", m[n])}
	}
	return rows
}

func groupRows(sl SliceFact) [][]string {
	var rows [][]string
	for _, g := range sl.Groups {
		note := g.Note
		if g.Flagged {
			note = "much worse than all rows"
		}
		rows = append(rows, []string{g.Level, fmt.Sprint(g.Rows), score4(g.Score), note})
	}
	return rows
}

func boardRows(b *BoardFacts) [][]string {
	var rows [][]string
	for _, e := range b.Entries {
		note := ""
		switch {
		case e.Chosen:
			note = "chosen"
		case e.Baseline:
			note = "baseline"
		}
		rows = append(rows, []string{e.Name, e.Learner, score4(e.Score), score4(e.Std), note})
	}
	return rows
}

func score4(v float64) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.4f", v)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func cardEthics(sec *DocSection, d *Definition, s State, f Facts) {
	sec.fields(form(d, s, KeyWhoAffected), form(d, s, KeyEthical))
	sec.para("%s", sensitiveColumns(f).Text)
	if f.Test != nil {
		if e := slicesOK(f); e.Verdict == Fail {
			sec.callout("warning", "%s", e.Text)
		}
	}
}

func cardCaveats(sec *DocSection, d *Definition, s State, f Facts, r *Result) {
	sec.fields(form(d, s, KeyCaveats))
	var notes []string
	if f.ModelStale {
		notes = append(notes, "The chosen model is out of date: the data or the preparation changed after it was trained.")
	}
	if f.Board != nil {
		notes = append(notes, f.Board.Issues...)
	}
	if f.Test != nil {
		notes = append(notes, f.Test.Issues...)
	}
	if e := testOnce(f); e.Verdict == Fail {
		notes = append(notes, e.Text)
	}
	if e := baselineBeaten(f); e.Verdict == Fail {
		notes = append(notes, e.Text)
	}
	if len(notes) > 0 {
		sec.para("What the project found:")
		sec.list(notes...)
	}
	if r != nil {
		sec.para("Deployment readiness: %.0f%% of the checklist. ML Test Score: %s. %s", r.Readiness, points(r.ML.Score), r.ML.Reading)
	}
}

// points writes an ML Test Score number: "0", "0.5", "3".
func points(v float64) string { return fmt.Sprintf("%g", v) }

// exportedAs says how this model was last exported: the deployment package
// (and whether its server's predictions were checked against the app's)
// with the portable forms it carries, or that it has not been.
func exportedAs(f Facts) string {
	var last *Export
	for i := range f.Exports {
		if e := &f.Exports[i]; e.Kind == ExportPackage && e.Fingerprint == f.Fingerprint {
			last = e
		}
	}
	if last == nil {
		return "not exported yet (Deploy step: Export package…)"
	}
	out := "a deployment package (model.json and the scoring service"
	if fm := last.Details[DetailFormats]; fm != "" {
		out += ", " + fm
	}
	out += ") at " + last.Path
	if last.Checked {
		out += "; its server's predictions were checked against the app's"
		if n := last.Details[DetailCheckedRows]; n != "" {
			out += " on " + n + " rows"
		}
	}
	return out
}
