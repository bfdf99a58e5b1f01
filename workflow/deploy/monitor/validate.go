package monitor

import (
	"fmt"
	"math"
	"slices"

	"modelbench/workflow/data"
)

// Validate checks that a baseline's parts fit together: its format and
// version, a known task, at least one row and one feature, unique names,
// and for every profile the counts, bins, edges, sample and levels that
// NewBaseline would have written. Errors wrap ErrFormat, ErrVersion or
// ErrBaseline and name the feature.
func (b *Baseline) Validate() error {
	if b.Format != BaselineFormat {
		return fmt.Errorf("%w: format is %q, want %q", ErrFormat, b.Format, BaselineFormat)
	}
	if b.Version != BaselineVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrVersion, b.Version, BaselineVersion)
	}
	if b.Task != Classification && b.Task != Regression {
		return fmt.Errorf("%w: unknown task %q", ErrBaseline, b.Task)
	}
	if b.Rows < 1 {
		return fmt.Errorf("%w: %d rows", ErrBaseline, b.Rows)
	}
	if len(b.Features) == 0 {
		return fmt.Errorf("%w: no features", ErrBaseline)
	}
	seen := make(map[string]bool, len(b.Features))
	for i := range b.Features {
		p := &b.Features[i]
		if p.Name == "" || seen[p.Name] {
			return fmt.Errorf("%w: feature %d has an empty or repeated name %q", ErrBaseline, i+1, p.Name)
		}
		seen[p.Name] = true
		if err := p.validate(b.Rows); err != nil {
			return fmt.Errorf("%w: feature %q: %v", ErrBaseline, p.Name, err)
		}
	}
	want := data.Categorical
	if b.Task == Regression {
		want = data.Numeric
	}
	if b.Prediction.Kind != want {
		return fmt.Errorf("%w: predictions of a %s model must be %s, not %s", ErrBaseline, b.Task, want, b.Prediction.Kind)
	}
	if err := b.Prediction.validate(b.Rows); err != nil {
		return fmt.Errorf("%w: predictions: %v", ErrBaseline, err)
	}
	return nil
}

func (p *Profile) validate(rows int) error {
	if p.Count != rows {
		return fmt.Errorf("%d rows, the baseline has %d", p.Count, rows)
	}
	if p.Missing < 0 || p.Missing > p.Count {
		return fmt.Errorf("%d missing of %d rows", p.Missing, p.Count)
	}
	if math.Abs(p.MissingShare-float64(p.Missing)/float64(p.Count)) > 1e-9 {
		return fmt.Errorf("missing share %v does not match %d of %d", p.MissingShare, p.Missing, p.Count)
	}
	present := p.Count - p.Missing
	switch p.Kind {
	case data.Numeric, data.Datetime:
		if p.Numeric == nil || p.Levels != nil {
			return fmt.Errorf("a %s column needs a numeric profile and no levels", p.Kind)
		}
		return p.Numeric.validate(present)
	case data.Categorical, data.Boolean, data.Text:
		if p.Levels == nil || p.Numeric != nil {
			return fmt.Errorf("a %s column needs levels and no numeric profile", p.Kind)
		}
		return p.Levels.validate(present)
	}
	return fmt.Errorf("unknown kind %v", p.Kind)
}

func (n *NumericProfile) validate(present int) error {
	for _, v := range []float64{n.Mean, n.Std, n.Min, n.Max} {
		if !finite(v) {
			return fmt.Errorf("a summary number is not finite")
		}
	}
	if len(n.Bins) != len(n.Edges)+1 {
		return fmt.Errorf("%d bins for %d edges", len(n.Bins), len(n.Edges))
	}
	if len(n.Edges) > Deciles-1 {
		return fmt.Errorf("%d bin edges, at most %d", len(n.Edges), Deciles-1)
	}
	for i, e := range n.Edges {
		if !finite(e) || i > 0 && e <= n.Edges[i-1] {
			return fmt.Errorf("bin edges are not finite and strictly increasing")
		}
	}
	total := 0
	for _, c := range n.Bins {
		if c < 0 {
			return fmt.Errorf("a negative bin count")
		}
		total += c
	}
	if total != present {
		return fmt.Errorf("bins hold %d values, the column has %d present", total, present)
	}
	want := min(present, MaxSample)
	if len(n.Sample) != want {
		return fmt.Errorf("sample of %d values, want %d", len(n.Sample), want)
	}
	for i, v := range n.Sample {
		if !finite(v) || i > 0 && v < n.Sample[i-1] {
			return fmt.Errorf("sample values are not finite and sorted")
		}
	}
	if present > 0 && (n.Min > n.Max || n.Std < 0 || n.Sample[0] < n.Min || n.Sample[len(n.Sample)-1] > n.Max) {
		return fmt.Errorf("min %v, max %v, std %v and the sample do not fit together", n.Min, n.Max, n.Std)
	}
	return nil
}

func (l *LevelProfile) validate(present int) error {
	if len(l.Levels) > MaxLevels {
		return fmt.Errorf("%d levels, at most %d", len(l.Levels), MaxLevels)
	}
	names := make(map[string]bool, len(l.Levels))
	total := l.Other
	for _, lc := range l.Levels {
		if lc.Count < 1 || names[lc.Level] {
			return fmt.Errorf("level %q is repeated or has no rows", lc.Level)
		}
		names[lc.Level] = true
		total += lc.Count
	}
	if l.Other < 0 || l.OtherLevels < 0 || (l.Other == 0) != (l.OtherLevels == 0) || l.OtherLevels > l.Other {
		return fmt.Errorf("%d other rows in %d other levels", l.Other, l.OtherLevels)
	}
	if total != present {
		return fmt.Errorf("levels hold %d rows, the column has %d present", total, present)
	}
	if len(l.OtherNames) > 0 && len(l.OtherNames) != l.OtherLevels || len(l.OtherNames) == 0 && l.OtherLevels > 0 && l.OtherLevels <= MaxOtherNames {
		return fmt.Errorf("%d other level names for %d other levels", len(l.OtherNames), l.OtherLevels)
	}
	if !slices.IsSorted(l.OtherNames) {
		return fmt.Errorf("other level names are not sorted")
	}
	for i, s := range l.OtherNames {
		if names[s] || i > 0 && s == l.OtherNames[i-1] {
			return fmt.Errorf("other level %q is repeated", s)
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
