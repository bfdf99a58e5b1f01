package workflow

import (
	"context"
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/eda"
	"modelbench/workflow/prep"
)

// LeakSuspect is a feature that alone predicts the target on the training
// rows of the current split (eda.PerfectPredictors): probably a copy or a
// consequence of the answer. The default preparation leaves it out unless
// Kept.
type LeakSuspect struct {
	eda.Predictor
	// Kept says the person chose the column's role themselves (for
	// instance feature, with SetColumnRole), so the default preparation
	// keeps it.
	Kept bool
}

// leakCache remembers the check for one table and split: the table is
// replaced on every load and every type or role change, so its pointer
// and the split settings say when the check must run again.
type leakCache struct {
	table   *data.Table
	split   *prep.SplitSpec // the split the person set, nil for the default
	suspect []LeakSuspect
}

// LeakSuspects checks every feature (text and dates aside) against the
// target on the current split's training rows only, so that the test
// rows play no part in what the preparation leaves out, and returns those
// that alone predict it. The result is cached per table and split. It
// returns nil without data or a target, or when the rows cannot be split
// (Prepare then says why).
func (p *Project) LeakSuspects() []LeakSuspect {
	p.mu.Lock()
	t, set := p.table, p.doc.Prepare.Split
	if set != nil {
		s := *set
		set = &s
	}
	if c := p.leaks; c != nil && c.table == t && (c.split == nil) == (set == nil) && (set == nil || *c.split == *set) {
		p.mu.Unlock()
		return c.suspect
	}
	p.mu.Unlock()
	if t == nil {
		return nil
	}
	found := leakSuspects(t, p.SplitSpec())
	p.mu.Lock()
	p.leaks = &leakCache{table: t, split: set, suspect: found}
	p.mu.Unlock()
	return found
}

func leakSuspects(t *data.Table, spec prep.SplitSpec) []LeakSuspect {
	target, ok := t.Schema.Target()
	if !ok {
		return nil
	}
	split, _, err := splitRows(t, target, spec)
	if err != nil || len(split.Train) == 0 {
		return nil
	}
	var feats []string
	kept := map[string]bool{}
	for _, f := range t.Schema.Fields {
		if f.Role == data.Feature && f.Kind != data.Text && f.Kind != data.Datetime {
			feats = append(feats, f.Name)
			kept[f.Name] = f.UserRole
		}
	}
	found, err := eda.PerfectPredictors(context.Background(), t.Frame, target, feats, split.Train)
	if err != nil {
		return nil
	}
	out := make([]LeakSuspect, len(found))
	for i, f := range found {
		out[i] = LeakSuspect{Predictor: f, Kept: kept[f.Column]}
	}
	return out
}

// defaultLeaks turns the suspects that are not kept into what the default
// preparation leaves out, each with its evidence and how to keep it.
func defaultLeaks(suspects []LeakSuspect) []prep.Leak {
	var out []prep.Leak
	for _, s := range suspects {
		if s.Kept {
			continue
		}
		out = append(out, prep.Leak{Column: s.Column, Evidence: s.Evidence + " on the training rows",
			Keep: fmt.Sprintf("to keep it, choose the role feature for %q in the Data step (modelbench train --keep %q)", s.Column, s.Column)})
	}
	return out
}
