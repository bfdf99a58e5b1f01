package onnx

import (
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// The steps that read values as categories, written with the matchers of
// labels.go and Gather over small tables.

// planOneHot: the matched category's output index (Gather), then Equal
// against every output's index.
func planOneHot(s *prep.OneHotExport, target string) (string, emitter, error) {
	if s.Unseen != "ignore" {
		return "", nil, unsupportedStep(&s.StepInfo, "it fails on categories the training rows did not have (unseen=%s), and an ONNX graph cannot fail on a value; choose unseen=ignore", s.Unseen)
	}
	type col struct {
		c     prep.OneHotColumn
		match matcher
	}
	cols := make([]col, len(s.Columns))
	for i, c := range s.Columns {
		if err := reads(&s.StepInfo, target, []string{c.Name}, c.Kind); err != nil {
			return "", nil, err
		}
		if err := distinct(c.Categories); err != nil {
			return "", nil, unsupportedStep(&s.StepInfo, "column %q: %v", c.Name, err)
		}
		m, err := planMatch(&s.StepInfo, c.Name, c.Kind, c.Categories)
		if err != nil {
			return "", nil, err
		}
		cols[i] = col{c, m}
	}
	return "LabelEncoder (or Equal on numbers and yes/no values), Gather, Equal and Cast", func(t *translator) map[string]column {
		g := t.g
		out := map[string]column{}
		for _, cc := range cols {
			c := cc.c
			missing := int64(-1)
			if c.MissingSeen {
				missing = int64(c.MissingOutput)
			}
			table := []int64{missing, -1}
			for _, o := range c.CategoryOutput {
				table = append(table, int64(o))
			}
			slot := g.lookup(g.int64s([]int64{int64(len(table))}, table...), cc.match(t))
			k := len(c.Outputs)
			ids := make([]int64, k)
			for o := range ids {
				ids[o] = int64(o)
			}
			hot := g.toDouble(g.equal(slot, g.int64s([]int64{1, int64(k)}, ids...)))
			for o, part := range g.split(hot, 1, k) {
				out[c.Outputs[o]] = column{kind: data.Numeric, t: part}
			}
		}
		return out
	}, nil
}

// planOrdinal: Gather of the label's position (NaN for a missing or
// unlisted one).
func planOrdinal(s *prep.OrdinalExport, target string) (string, emitter, error) {
	if err := reads(&s.StepInfo, target, []string{s.Column}, s.Kind); err != nil {
		return "", nil, err
	}
	pos := map[string]int{}
	for i, o := range s.Order {
		pos[o] = i // a label listed twice takes its last place, as Apply's lookup does
	}
	var labels []string
	for _, o := range s.Order {
		if !contains(labels, o) {
			labels = append(labels, o)
		}
	}
	m, err := planMatch(&s.StepInfo, s.Column, s.Kind, labels)
	if err != nil {
		return "", nil, err
	}
	return "LabelEncoder (or Equal on numbers and yes/no values) and Gather of the positions", func(t *translator) map[string]column {
		g := t.g
		table := []float64{math.NaN(), math.NaN()}
		for _, l := range labels {
			table = append(table, float64(pos[l]))
		}
		v := g.lookup(g.doubles([]int64{int64(len(table))}, table...), m(t))
		return map[string]column{s.Column: {kind: data.Numeric, t: v}}
	}, nil
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// planGroupRare: Gather of the kept label, Other or "" (missing).
func planGroupRare(s *prep.GroupRareExport, target string) (string, emitter, error) {
	type col struct {
		c     prep.GroupRareColumn
		match matcher
	}
	cols := make([]col, len(s.Columns))
	for i, c := range s.Columns {
		if err := reads(&s.StepInfo, target, []string{c.Name}, c.Kind); err != nil {
			return "", nil, err
		}
		if err := distinct(c.Keep); err != nil {
			return "", nil, unsupportedStep(&s.StepInfo, "column %q: %v", c.Name, err)
		}
		if s.Other == "" || contains(c.Keep, "") {
			return "", nil, unsupportedStep(&s.StepInfo, "column %q: an empty label cannot be told from a missing one in the graph's strings", c.Name)
		}
		m, err := planMatch(&s.StepInfo, c.Name, c.Kind, c.Keep)
		if err != nil {
			return "", nil, err
		}
		cols[i] = col{c, m}
	}
	return "LabelEncoder (or Where on yes/no values) and Gather of the kept labels", func(t *translator) map[string]column {
		g := t.g
		out := map[string]column{}
		for _, cc := range cols {
			table := append([]string{"", s.Other}, cc.c.Keep...)
			v := g.lookup(g.strings([]int64{int64(len(table))}, table...), cc.match(t))
			out[cc.c.Name] = column{kind: data.Categorical, t: v}
		}
		return out
	}, nil
}

// planTargetEncode: one Gather per output from a table of the encodings
// (the training average for missing and unseen labels).
func planTargetEncode(s *prep.TargetEncodeExport, target string) (string, emitter, error) {
	type col struct {
		c     prep.TargetEncodeColumn
		match matcher
	}
	cols := make([]col, len(s.Columns))
	for i, c := range s.Columns {
		if err := reads(&s.StepInfo, target, []string{c.Name}, c.Kind); err != nil {
			return "", nil, err
		}
		if err := distinct(c.Levels); err != nil {
			return "", nil, unsupportedStep(&s.StepInfo, "column %q: %v", c.Name, err)
		}
		if len(c.Values) != len(c.Outputs) || len(c.Default) != len(c.Outputs) {
			return "", nil, unsupportedStep(&s.StepInfo, "column %q: %d outputs with %d encodings", c.Name, len(c.Outputs), len(c.Values))
		}
		m, err := planMatch(&s.StepInfo, c.Name, c.Kind, c.Levels)
		if err != nil {
			return "", nil, err
		}
		cols[i] = col{c, m}
	}
	return "LabelEncoder (or Equal on numbers and yes/no values) and Gather of the encodings", func(t *translator) map[string]column {
		g := t.g
		out := map[string]column{}
		for _, cc := range cols {
			c := cc.c
			code := cc.match(t)
			for o, name := range c.Outputs {
				table := append([]float64{c.Default[o], c.Default[o]}, c.Values[o]...)
				out[name] = column{kind: data.Numeric, t: g.lookup(g.doubles([]int64{int64(len(table))}, table...), code)}
			}
		}
		return out
	}, nil
}

// planReplace: Equal and Where on numbers; the label matcher and Where on
// labels and yes/no values.
func planReplace(s *prep.ReplaceValuesExport, target string) (string, emitter, error) {
	if err := reads(&s.StepInfo, target, []string{s.Column}, s.Kind); err != nil {
		return "", nil, err
	}
	if s.Kind == data.Numeric {
		return "Equal, Or and Where", func(t *translator) map[string]column {
			g := t.g
			x := t.get(s.Column).t
			var conds []string
			for _, v := range s.Numbers {
				conds = append(conds, g.equal(x, g.scalar(v)))
			}
			if len(conds) == 0 {
				return nil
			}
			return map[string]column{s.Column: {kind: data.Numeric, t: g.where(g.anyOf(conds), g.scalar(s.WithNumber), x)}}
		}, nil
	}
	var labels []string
	for _, v := range s.Values {
		if !contains(labels, v) {
			labels = append(labels, v)
		}
	}
	m, err := planMatch(&s.StepInfo, s.Column, s.Kind, labels)
	if err != nil {
		return "", nil, err
	}
	return "LabelEncoder (or Equal on yes/no values) and Where", func(t *translator) map[string]column {
		g := t.g
		x := t.get(s.Column).t
		code := m(t)
		hit := g.greaterEq(code, g.int64s(nil, 0))
		if contains(s.Values, "") { // Apply reads a missing value as "", which is listed
			hit = g.or(hit, g.equal(code, g.int64s(nil, codeMissing)))
		}
		with := g.strings(nil, s.With)
		if s.Kind == data.Boolean {
			v, ok := data.ParseBool(s.With)
			w := math.NaN()
			if ok {
				w = 0
				if v {
					w = 1
				}
			}
			with = g.scalar(w)
		}
		return map[string]column{s.Column: {kind: s.Kind, t: g.where(hit, with, x)}}
	}, nil
}
