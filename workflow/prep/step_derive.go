package prep

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep/expr"
)

var deriveKind = &kindDef{
	StepKind: StepKind{Name: "derive", Label: "Compute a new column",
		Help: "Adds a numeric column computed from others with an expression, for example `bill_length_mm / bill_depth_mm`, `log(income + 1)`, or `if(age < 18, 1, 0)`; true/false results become 1/0. Using an existing name replaces that column. " +
			"A ratio or a difference that an expert knows matters can help a model far more than more data. " +
			"What can go wrong: an expression that uses the target leaks the answer; division by zero and logarithms of negative numbers give missing values.",
		Params: []param.Spec{
			{Name: "name", Label: "New column", Kind: param.String, Default: "", Help: "The name of the column to create (or replace)."},
			{Name: "expression", Label: "Expression", Kind: param.String, Default: "",
				Help: "Numbers, column names (in `backquotes` if they have spaces), + - * / ^, comparisons, and, or, not, and the functions log, exp, sqrt, abs, round, min, max, if and missing."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		s := &deriveState{Name: strings.TrimSpace(p.String("name")), Expression: p.String("expression")}
		if s.Name == "" {
			return nil, errors.New("name: give the new column a name")
		}
		if err := s.validate(); err != nil {
			return nil, err
		}
		return s, nil
	},
	state: func() Transform { return &deriveState{} },
}

// deriveState is both the configuration and the fitted state; the
// expression is kept as text and parsed once.
type deriveState struct {
	Name       string `json:"name"`
	Expression string `json:"expression"`
	parsed     *expr.Expr
}

func (s *deriveState) validate() error {
	e, err := expr.Parse(s.Expression)
	if err != nil {
		return fmt.Errorf("expression: %w", err)
	}
	s.parsed = e
	return nil
}

func (s *deriveState) fit(in *fitInput) (Transform, *data.Frame, error) {
	if s.Name == in.target {
		return nil, nil, colErr(s.Name, "this is the target; derive cannot replace it")
	}
	for _, c := range s.parsed.Columns() {
		if c == in.target && in.target != "" {
			return nil, nil, colErr(c, "the expression uses the target, which new data does not have and which would leak the answer")
		}
	}
	out, err := s.Apply(in.ctx, in.frame)
	return s, out, err
}

func (s *deriveState) Kind() string { return "derive" }

// Apply computes the column; missing inputs give missing values.
func (s *deriveState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	vals, _, err := s.parsed.Eval(ctx, f)
	if err != nil {
		return nil, colErr(s.Name, "%w", err)
	}
	col := data.NewNumeric(s.Name, vals, nil)
	if f.Index(s.Name) >= 0 {
		return replaceNumeric(f, []string{s.Name}, []data.Column{col})
	}
	return rebuild(f, nil, col)
}

func (s *deriveState) Describe() string {
	return fmt.Sprintf("computes %s = %s.", s.Name, s.Expression)
}
