package monitor

import (
	"slices"

	"modelbench/workflow/data"
)

// addColumn feeds a Frame column to a feature's accumulator.
func addColumn(a *featureAcc, f *data.Frame, rows int) {
	c, ok := f.Lookup(a.prof.Name)
	if !ok {
		for range rows {
			a.addMissing()
		}
		return
	}
	numeric := a.prof.Numeric != nil
	switch col := c.(type) {
	case *data.NumericColumn:
		for _, v := range col.Values() {
			if numeric {
				a.addNumber(v)
			} else {
				a.add(v)
			}
		}
		return
	case *data.DatetimeColumn:
		if numeric {
			for i, ns := range col.UnixNanos() {
				if col.IsMissing(i) {
					a.addMissing()
				} else {
					a.addNumber(float64(ns) / 1e9)
				}
			}
			return
		}
	}
	for i := range rows {
		if c.IsMissing(i) {
			a.addMissing()
		} else {
			a.add(c.Format(i))
		}
	}
}

// drift runs the column's tests on what was gathered; rows is the number
// of window rows the column was read from.
func (a *featureAcc) drift(rows int) FeatureDrift {
	p := a.prof
	fd := FeatureDrift{Name: p.Name, Kind: p.Kind, Invalid: a.invalid}
	fd.Missing.Baseline = p.MissingShare
	if rows > 0 {
		fd.Missing.Window = float64(a.missing) / float64(rows)
		if d := fd.Missing.Window - fd.Missing.Baseline; d >= MissingShiftThreshold || -d >= MissingShiftThreshold {
			fd.Missing.Shifted = true
			fd.Missing.Summary = missingSentence(p.Name, fd.Missing.Baseline, fd.Missing.Window)
		}
		psi, err := PSI(a.reference(), a.bins)
		if err != nil {
			panic("monitor: PSI over checked counts: " + err.Error())
		}
		fd.PSI, fd.PSIReading = &psi, PSIReading(psi)
	}
	if p.Numeric != nil {
		fd.Values = len(a.nums)
		slices.Sort(a.nums)
		fd.Drift = numericDrift(p.Name, p.Numeric, a.nums, rows)
		if len(p.Numeric.Sample) > 0 {
			m := p.Numeric.Mean
			fd.BaselineMean = &m
		}
		if m := sum(a.nums) / float64(len(a.nums)); len(a.nums) > 0 && finite(m) {
			fd.WindowMean = &m
		}
		fd.Distribution = numericDistribution(p.Numeric.Sample, a.nums)
		return fd
	}
	cats := a.bins[:len(a.bins)-1]
	fd.Values = int(sum(cats))
	ref := a.reference()
	fd.Drift = levelDrift(p.Name, ref[:len(ref)-1], cats, rows)
	for s, n := range a.unseen {
		fd.UnseenLevels++
		fd.UnseenRows += n
		fd.NewLevels = append(fd.NewLevels, LevelCount{Level: s, Count: n})
	}
	sortLevels(fd.NewLevels)
	if len(fd.NewLevels) > MaxNewLevels {
		fd.NewLevels = fd.NewLevels[:MaxNewLevels]
	}
	fd.Distribution = a.levelDistribution(fd.NewLevels)
	return fd
}

// reference returns the training counts over the accumulator's bins: the
// PSI bins or the levels and "other", then the missing rows.
func (a *featureAcc) reference() []float64 {
	p := a.prof
	out := make([]float64, 0, len(a.bins))
	if p.Numeric != nil {
		for _, c := range p.Numeric.Bins {
			out = append(out, float64(c))
		}
	} else {
		for _, lc := range p.Levels.Levels {
			out = append(out, float64(lc.Count))
		}
		out = append(out, float64(p.Levels.Other))
	}
	return append(out, float64(p.Missing))
}
