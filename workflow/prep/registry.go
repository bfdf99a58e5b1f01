package prep

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// StepKind describes one kind of preparation step: its registry name, a
// label and help text for people, and its parameters. The UI builds a
// step's form from Params; the same specs validate saved pipelines.
type StepKind struct {
	Name   string       `json:"name"`
	Label  string       `json:"label"`
	Help   string       `json:"help"`
	Params []param.Spec `json:"params"`
	// FitOnly marks steps that change the rows (filter, de-duplicate,
	// rebalance): they act on the training rows while fitting and are the
	// identity when applied, so scoring returns one row per input row.
	FitOnly bool `json:"fit_only,omitempty"`
	// NeedsTarget marks steps that cannot be fitted without a target.
	NeedsTarget bool `json:"needs_target,omitempty"`
}

// Step is one configured, unfitted preparation step. Fit learns from the
// training rows and returns the fitted Transform together with the
// training rows as the step turns them (for FitOnly steps, the filtered or
// resampled rows; for target_encode, out-of-fold encodings). Fit never
// changes the Step or its input frame; a Step is safe for concurrent use.
type Step interface {
	// Kind is the registry name of the step.
	Kind() string
	// Params returns a copy of the resolved parameters.
	Params() param.Values
	// Fit fits the step on train. target names the target column ("" when
	// there is none); steps never change it.
	Fit(ctx context.Context, train *data.Frame, target string) (Transform, *data.Frame, error)
}

// Transform is a fitted step: it only applies what was learnt. Apply never
// changes its input and is safe for concurrent use. Errors name the column.
type Transform interface {
	// Kind is the registry name of the step that made it.
	Kind() string
	// Apply transforms new rows. Row-changing (FitOnly) steps return f
	// unchanged.
	Apply(ctx context.Context, f *data.Frame) (*data.Frame, error)
	// Describe says in one plain sentence what the fitted step does, with
	// the learnt values (for the documentation bundle).
	Describe() string
}

// fitInput is what a step sees while fitting.
type fitInput struct {
	ctx    context.Context
	frame  *data.Frame
	target string
}

// fitter is a step's configuration, validated, ready to fit.
type fitter interface {
	fit(in *fitInput) (Transform, *data.Frame, error)
}

// kindDef is a registry entry: the public description plus how to build a
// fitter from resolved parameters and an empty state to decode JSON into.
type kindDef struct {
	StepKind
	build func(p param.Values) (fitter, error)
	state func() Transform
}

var registry = map[string]*kindDef{}

// kindOrder is the order of Kinds(): roughly the order a pipeline uses them.
var kindOrder []string

func init() {
	for _, d := range []*kindDef{
		dropColumnsKind, changeTypeKind, filterRowsKind, removeDuplicatesKind,
		replaceValuesKind, imputeKind, groupRareKind, oneHotKind, ordinalKind,
		targetEncodeKind, scaleKind, log1pKind, yeoJohnsonKind, clipKind, binKind,
		datePartsKind, deriveKind, joinKind, rebalanceKind,
	} {
		if _, dup := registry[d.Name]; dup {
			panic("prep: step kind registered twice: " + d.Name)
		}
		registry[d.Name] = d
		kindOrder = append(kindOrder, d.Name)
	}
}

// Kinds lists every step kind in a stable order. The slice and its specs
// are copies the caller may keep.
func Kinds() []StepKind {
	out := make([]StepKind, len(kindOrder))
	for i, n := range kindOrder {
		k := registry[n].StepKind
		k.Params = append([]param.Spec(nil), k.Params...)
		out[i] = k
	}
	return out
}

// LookupKind returns the step kind with the given name.
func LookupKind(name string) (StepKind, bool) {
	d, ok := registry[name]
	if !ok {
		return StepKind{}, false
	}
	k := d.StepKind
	k.Params = append([]param.Spec(nil), k.Params...)
	return k, true
}

func lookupDef(kind string) (*kindDef, error) {
	d, ok := registry[kind]
	if !ok {
		names := append([]string(nil), kindOrder...)
		sort.Strings(names)
		return nil, fmt.Errorf("%w %q (known kinds: %s)", ErrUnknownKind, kind, strings.Join(names, ", "))
	}
	return d, nil
}

// step implements Step.
type step struct {
	def    *kindDef
	params param.Values
	f      fitter
}

// NewStep validates params against the kind's specs (filling defaults for
// absent names) and returns the configured step. A nil params means all
// defaults. Errors name the bad parameter.
func NewStep(kind string, params param.Values) (Step, error) {
	d, err := lookupDef(kind)
	if err != nil {
		return nil, err
	}
	p, err := param.Resolve(d.Params, params)
	if err != nil {
		return nil, err
	}
	f, err := d.build(p)
	if err != nil {
		return nil, err
	}
	return &step{def: d, params: p, f: f}, nil
}

func (s *step) Kind() string { return s.def.Name }

func (s *step) Params() param.Values { return copyValues(s.params) }

func (s *step) Fit(ctx context.Context, train *data.Frame, target string) (Transform, *data.Frame, error) {
	if train == nil {
		return nil, nil, fmt.Errorf("%w: no training frame", ErrNoRows)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if target != "" && train.Index(target) < 0 {
		return nil, nil, colErr(target, "the target column is not in the data")
	}
	if s.def.NeedsTarget && target == "" {
		return nil, nil, fmt.Errorf("this step learns from the target, and no target column is set")
	}
	t, out, err := s.f.fit(&fitInput{ctx: ctx, frame: train, target: target})
	if err != nil {
		return nil, nil, err
	}
	if out.NumRows() == 0 {
		return nil, nil, fmt.Errorf("%w: the step would leave no training rows", ErrNoRows)
	}
	if countFeatures(out, target) == 0 {
		return nil, nil, fmt.Errorf("%w: the step would leave no column besides the target", ErrNoFeatures)
	}
	return t, out, nil
}

func countFeatures(f *data.Frame, target string) int {
	n := f.NumCols()
	if target != "" && f.Index(target) >= 0 {
		n--
	}
	return n
}

// copyValues deep-copies parameter values (lists are copied).
func copyValues(v param.Values) param.Values {
	if v == nil {
		return nil
	}
	out := make(param.Values, len(v))
	for k, x := range v {
		switch s := x.(type) {
		case []string:
			out[k] = append([]string{}, s...)
		case []any:
			out[k] = append([]any{}, s...)
		default:
			out[k] = x
		}
	}
	return out
}
