package prep

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// kindFilter selects the columns a step applies to when its columns
// parameter is empty, and checks the ones a user lists.
type kindFilter struct {
	kinds []data.Kind
	need  string // what the step needs, for messages ("numbers")
}

var (
	numericOnly = kindFilter{[]data.Kind{data.Numeric}, "numbers"}
	datesOnly   = kindFilter{[]data.Kind{data.Datetime}, "dates"}
	categories  = kindFilter{[]data.Kind{data.Categorical}, "categories"}
	// levelKinds are the kinds whose values can be read as category labels
	// when a user lists the column explicitly.
	levelKinds = kindFilter{[]data.Kind{data.Categorical, data.Boolean, data.Text}, "categories"}
)

func (k kindFilter) accepts(c data.Column) bool {
	for _, x := range k.kinds {
		if c.Kind() == x {
			return true
		}
	}
	return false
}

// resolveColumns turns a step's columns parameter into the names it acts
// on: when listed is empty, every column (except the target) that auto
// accepts; otherwise the listed ones, each of which must exist, must not
// be the target and must be of a kind explicit accepts.
func resolveColumns(in *fitInput, listed []string, auto, explicit kindFilter) ([]string, error) {
	f := in.frame
	if len(listed) == 0 {
		var out []string
		for i := 0; i < f.NumCols(); i++ {
			c := f.Col(i)
			if c.Name() != in.target && auto.accepts(c) {
				out = append(out, c.Name())
			}
		}
		return out, nil
	}
	seen := make(map[string]bool, len(listed))
	out := make([]string, 0, len(listed))
	for _, name := range listed {
		c, ok := f.Lookup(name)
		switch {
		case !ok:
			return nil, colErr(name, "there is no such column (columns: %s)", nameList(f.Names(), 12))
		case name == in.target:
			return nil, colErr(name, "this is the target; preparation steps never change it")
		case !explicit.accepts(c):
			return nil, colErr(name, "the column holds %s values, and this step needs %s", c.Kind(), explicit.need)
		case seen[name]:
			continue
		}
		seen[name] = true
		out = append(out, name)
	}
	return out, nil
}

// nameList joins up to k names for messages.
func nameList(names []string, k int) string {
	if len(names) > k {
		return strings.Join(names[:k], ", ") + fmt.Sprintf(", ... (%d in all)", len(names))
	}
	return strings.Join(names, ", ")
}

// numericCol returns the named column as numbers, or an error naming it.
func numericCol(f *data.Frame, name string) (*data.NumericColumn, error) {
	c, ok := f.Lookup(name)
	if !ok {
		return nil, colErr(name, "the column is missing from the data")
	}
	n, ok := c.(*data.NumericColumn)
	if !ok {
		return nil, colErr(name, "expected numbers, found %s values", c.Kind())
	}
	return n, nil
}

// lookupCol returns the named column or an error naming it.
func lookupCol(f *data.Frame, name string) (data.Column, error) {
	c, ok := f.Lookup(name)
	if !ok {
		return nil, colErr(name, "the column is missing from the data")
	}
	return c, nil
}

// rebuild returns f with each column named in repl replaced, at its
// position, by the given columns (none removes it), and extra appended.
// A name clash is reported as an error naming the column.
func rebuild(f *data.Frame, repl map[string][]data.Column, extra ...data.Column) (*data.Frame, error) {
	cols := make([]data.Column, 0, f.NumCols()+len(extra))
	for i := 0; i < f.NumCols(); i++ {
		c := f.Col(i)
		if r, ok := repl[c.Name()]; ok {
			cols = append(cols, r...)
			continue
		}
		cols = append(cols, c)
	}
	cols = append(cols, extra...)
	seen := make(map[string]bool, len(cols))
	for _, c := range cols {
		if seen[c.Name()] {
			return nil, colErr(c.Name(), "the step would create a column with this name, which already exists; rename or drop the existing one first")
		}
		seen[c.Name()] = true
	}
	if len(cols) == 0 {
		return f.Drop(f.Names()...), nil
	}
	return data.NewFrame(cols...)
}

// namedCol is a fitted column setting that knows the column it applies to.
type namedCol interface{ colName() string }

// replaceEach builds the replacement of every fitted column concurrently
// (build(c) for each c of cols, see forEach) and returns f with each
// column replaced, at its position, by what build returned for it (none
// removes it). It returns the first error as forEach does.
func replaceEach[C namedCol](ctx context.Context, f *data.Frame, cols []C, build func(c C) ([]data.Column, error)) (*data.Frame, error) {
	repl := make([][]data.Column, len(cols))
	err := forEach(ctx, len(cols), func(j int) error {
		var err error
		repl[j], err = build(cols[j])
		return err
	})
	if err != nil {
		return nil, err
	}
	m := make(map[string][]data.Column, len(cols))
	for j, c := range cols {
		m[c.colName()] = repl[j]
	}
	return rebuild(f, m)
}

// replaceNumeric is rebuild for steps that swap columns one for one.
func replaceNumeric(f *data.Frame, names []string, cols []data.Column) (*data.Frame, error) {
	repl := make(map[string][]data.Column, len(names))
	for i, n := range names {
		repl[n] = []data.Column{cols[i]}
	}
	return rebuild(f, repl)
}

// forEach calls fn(0..n-1) on up to GOMAXPROCS goroutines, checking ctx
// between calls. It returns ctx.Err() when cancelled, else the error of the
// lowest-numbered failing call.
func forEach(ctx context.Context, n int, fn func(i int) error) error {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	errs := make([]error, n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			errs[i] = fn(i)
		}
		return firstErr(errs)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				errs[i] = fn(i)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstErr(errs)
}

func firstErr(errs []error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// splitList reads a comma-separated list, trimming spaces and skipping
// empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// columnsSpec is the shared "columns" parameter.
func columnsSpec(help string) param.Spec {
	return param.Spec{Name: "columns", Label: "Columns", Kind: param.Columns, Default: []string{},
		Help: help + " Leave empty for all of them; the list is fixed when the step is fitted, so new data is treated the same."}
}

// joinPlain joins up to eight items with commas, summarising the rest.
func joinPlain(items []string) string {
	if len(items) > 8 {
		return strings.Join(items[:8], ", ") + fmt.Sprintf(" and %d more", len(items)-8)
	}
	return strings.Join(items, ", ")
}
