package prep

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

var joinKind = &kindDef{
	StepKind: StepKind{Name: "join", Label: "Add columns from another table",
		Help: "Looks each row's key up in another table (a CSV file) and adds that table's columns: a left join, so every row is kept and rows without a match get missing values. " +
			"Use it to bring in facts kept elsewhere (a region's population, a product's category). The table is read once, when fitting, and stored in the fitted pipeline, so scoring does not need the file. " +
			"What can go wrong: keys that differ in spelling or type (\"007\" and \"7\") do not match; the other table must have each key once; facts recorded after the outcome leak the answer.",
		Params: []param.Spec{
			{Name: "table_path", Label: "Table file", Kind: param.String, Default: "", Help: "The CSV file to read the extra columns from."},
			{Name: "key", Label: "Key column", Kind: param.String, Default: "", Help: "The column that both tables have, matched by its text."},
			columnsSpec("The columns of the other table to add (empty: all except the key)."),
		},
	},
	build: func(p param.Values) (fitter, error) {
		c := &joinConfig{path: strings.TrimSpace(p.String("table_path")), key: strings.TrimSpace(p.String("key")), columns: p.Strings("columns")}
		if c.path == "" {
			return nil, errors.New("table_path: choose the table to join")
		}
		if c.key == "" {
			return nil, errors.New("key: name the column to match on")
		}
		return c, nil
	},
	state: func() Transform { return &joinState{} },
}

type joinConfig struct {
	path, key string
	columns   []string
}

// joinState holds the other table: its key texts, row by row, and the
// columns to add.
type joinState struct {
	Key     string         `json:"key"`
	Source  string         `json:"source"`
	Keys    []string       `json:"keys"`
	Columns []storedColumn `json:"columns"`
	index   map[string]int
}

func (c *joinConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	if in.frame.Index(c.key) < 0 {
		return nil, nil, colErr(c.key, "the key column is not in the data")
	}
	t, err := data.LoadCSV(in.ctx, c.path, data.CSVOptions{}, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the table to join: %w", err)
	}
	right := t.Frame
	kc, ok := right.Lookup(c.key)
	if !ok {
		return nil, nil, colErr(c.key, "the key column is not in %s (its columns: %s)", c.path, nameList(right.Names(), 12))
	}
	st := &joinState{Key: c.key, Source: c.path, Keys: make([]string, kc.Len())}
	for i := range st.Keys {
		st.Keys[i] = kc.Format(i)
	}
	if err := st.validate(); err != nil {
		return nil, nil, err
	}
	cols := c.columns
	if len(cols) == 0 {
		for _, n := range right.Names() {
			if n != c.key {
				cols = append(cols, n)
			}
		}
	}
	for _, n := range cols {
		rc, ok := right.Lookup(n)
		switch {
		case !ok:
			return nil, nil, colErr(n, "there is no such column in %s", c.path)
		case n == c.key:
			return nil, nil, colErr(n, "this is the key; it is already in the data")
		case in.frame.Index(n) >= 0:
			return nil, nil, colErr(n, "the data already has a column with this name; drop or rename one of them")
		}
		st.Columns = append(st.Columns, storeColumn(rc))
	}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

// validate indexes the keys, rejecting repeats (a left join must keep one
// row per input row).
func (s *joinState) validate() error {
	s.index = make(map[string]int, len(s.Keys))
	for i, k := range s.Keys {
		if k == "" {
			continue // a missing key matches nothing
		}
		if j, dup := s.index[k]; dup {
			return rowErr(s.Key, i, "the key %q appears twice in the table to join (rows %d and %d); each key must appear once", k, j+1, i+1)
		}
		s.index[k] = i
	}
	for _, c := range s.Columns {
		if c.length() != len(s.Keys) {
			return fmt.Errorf("column %q has %d rows for %d keys", c.Name, c.length(), len(s.Keys))
		}
		if err := c.validate(); err != nil {
			return err
		}
	}
	return nil
}

func (s *joinState) Kind() string { return "join" }

// Apply adds the stored columns by key; rows without a match (or with a
// missing key) get missing values.
func (s *joinState) Apply(_ context.Context, f *data.Frame) (*data.Frame, error) {
	kc, err := lookupCol(f, s.Key)
	if err != nil {
		return nil, err
	}
	codes, levels := data.Dictionary(kc)
	lut := make([]int, len(levels))
	for k, l := range levels {
		lut[k] = -1
		if r, ok := s.index[l]; ok {
			lut[k] = r
		}
	}
	rows := make([]int, len(codes))
	for i, k := range codes {
		rows[i] = -1
		if k >= 0 {
			rows[i] = lut[k]
		}
	}
	extra := make([]data.Column, len(s.Columns))
	for j, c := range s.Columns {
		extra[j] = c.take(rows)
	}
	return rebuild(f, nil, extra...)
}

func (s *joinState) Describe() string {
	names := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = c.Name
	}
	return fmt.Sprintf("adds %s from %s (%d rows, stored), matched on %q.", quoteList(names), s.Source, len(s.Keys), s.Key)
}
