package reproduce

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// planned is a model translated into the Python the script needs.
type planned struct {
	a        *artifact.Artifact
	px       *prep.PipelineExport
	steps    []string // the statements of preparation(), each a block
	funcs    []string // expression functions, written before preparation()
	sections []string // library sections, in order
	learner  learnerCode
}

// need adds library sections (once each, in the order first asked).
func (p *planned) need(sections ...string) {
	for _, s := range sections {
		if !slices.Contains(p.sections, s) {
			p.sections = append(p.sections, s)
		}
	}
}

// plan translates a's pipeline and learner, or returns every reason it
// cannot, joined.
func plan(a *artifact.Artifact) (*planned, error) {
	if a == nil || a.Pipeline == nil || a.Model == nil {
		return nil, errors.New("reproduce: no fitted artifact")
	}
	px, err := a.Pipeline.Export()
	if err != nil {
		return nil, &UnsupportedError{Why: fmt.Sprintf("its preparation cannot be described exactly: %v", err)}
	}
	p := &planned{a: a, px: px}
	p.need("read", "labels", "step")
	var errs []error
	cfg := a.Pipeline.Pipeline()
	for _, st := range px.Steps {
		info := st.Info()
		if info.Index < 1 || info.Index > len(cfg.Steps) {
			return nil, fmt.Errorf("reproduce: step %d is not in the pipeline", info.Index)
		}
		sc := stepCtx{p: p, info: info, target: px.Target, cfg: cfg.Steps[info.Index-1]}
		if err := sc.resolveParams(); err != nil {
			errs = append(errs, err)
			continue
		}
		code, err := sc.translate(st)
		if err != nil {
			var ue *UnsupportedError
			if !errors.As(err, &ue) {
				err = &UnsupportedError{Step: info.Index, Kind: info.Kind, Why: err.Error()}
			}
			errs = append(errs, err)
			continue
		}
		p.steps = append(p.steps, code)
	}
	for _, f := range px.Output {
		if f.Name != px.Target && f.Kind != data.Numeric && f.Kind != data.Boolean {
			errs = append(errs, &UnsupportedError{Why: fmt.Sprintf("the prepared column %q holds %s values, which no learner takes", f.Name, f.Kind)})
		}
	}
	lc, err := translateLearner(a, px)
	if err != nil {
		errs = append(errs, err)
	}
	p.learner = lc
	if lc.estimator == "GaussianAndCategoricalNB" {
		p.need("naive_bayes")
	}
	if a.Task.String() == "classification" {
		p.need("metrics_classification")
	} else {
		p.need("metrics_regression")
	}
	p.need("main")
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

// stepCtx is one step being translated.
type stepCtx struct {
	p      *planned
	info   *prep.StepInfo
	target string
	cfg    prep.StepConfig
	params param.Values // the step's resolved parameters
}

func (s *stepCtx) resolveParams() error {
	k, ok := prep.LookupKind(s.cfg.Kind)
	if !ok {
		return &UnsupportedError{Step: s.info.Index, Kind: s.info.Kind, Why: "unknown step kind"}
	}
	v, err := param.Resolve(k.Params, s.cfg.Params)
	if err != nil {
		return &UnsupportedError{Step: s.info.Index, Kind: s.info.Kind, Why: err.Error()}
	}
	s.params = v
	return nil
}

// unsupported is the error of a step that cannot be reproduced.
func (s *stepCtx) unsupported(format string, args ...any) error {
	return &UnsupportedError{Step: s.info.Index, Kind: s.info.Kind, Why: fmt.Sprintf(format, args...)}
}

// kindOf is the kind of an input column of the step.
func (s *stepCtx) kindOf(name string) data.Kind {
	for _, f := range s.info.Input {
		if f.Name == name {
			return f.Kind
		}
	}
	return data.Numeric
}

// names lists fields' names without the target.
func (s *stepCtx) names(fields []prep.Field) []string {
	var out []string
	for _, f := range fields {
		if f.Name != s.target {
			out = append(out, f.Name)
		}
	}
	return out
}

// touches refuses a step that works on the target column: the script keeps
// the target apart from the features.
func (s *stepCtx) touches(cols []string) error {
	if s.target != "" && slices.Contains(cols, s.target) {
		return s.unsupported("it changes the target column %q, which the script keeps apart from the features", s.target)
	}
	for _, c := range cols {
		if err := checkText("column", c); err != nil {
			return s.unsupported("%v", err)
		}
	}
	return nil
}

// header is the comment above a step: its number, kind, the user's reason
// and what Modelbench learnt.
func (s *stepCtx) header(learnt string) string {
	var b strings.Builder
	title := fmt.Sprintf("Step %d, %s", s.info.Index, s.info.Kind)
	if s.info.Why != "" {
		title += ": " + s.info.Why
	}
	b.WriteString(pyComment(title, "    "))
	if learnt != "" {
		b.WriteString(pyComment(learnt, "    "))
	}
	return b.String()
}

// part is one (name, transformer, columns) triple of a Step.
type part struct {
	name, transformer string
	columns           []string
}

// stepCall writes steps.append(Step(...)) for the parts: made are
// Modelbench's names of what the parts return, in scikit-learn's order;
// check is the body of the check function ("" for none).
func (s *stepCtx) stepCall(comment string, parts []part, made []string, check []string) string {
	var b strings.Builder
	b.WriteString(comment)
	n := s.info.Index
	checkArg := ""
	if len(check) > 0 {
		fmt.Fprintf(&b, "    def check_%d(step):\n", n)
		for _, l := range check {
			b.WriteString("        " + l + "\n")
		}
		checkArg = fmt.Sprintf(", check=check_%d", n)
	}
	fmt.Fprintf(&b, "    steps.append(Step(%d, %s, [\n", n, pyStr(s.info.Kind))
	for _, pt := range parts {
		fmt.Fprintf(&b, "        (%s, %s,\n         %s),\n", pyStr(pt.name), pt.transformer, pyStrs(pt.columns, "         "))
	}
	fmt.Fprintf(&b, "    ], names=%s,\n", pyStrs(made, "       "))
	fmt.Fprintf(&b, "       order=%s%s))\n", pyStrs(s.names(s.info.Output), "       "), checkArg)
	return b.String()
}
