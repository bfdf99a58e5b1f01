package source

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"modelbench/workflow/data"
)

// arffColumns accumulates the instances of an ARFF file column by column.
type arffColumns struct {
	attrs []*arffAttr
	rows  int
	nums  [][]float64 // numeric attributes (NaN = missing)
	codes [][]int32   // nominal attributes (-1 = missing)
	texts [][]string  // string attributes ("" = missing)
	times [][]int64   // date attributes
	tmiss []data.Mask // date attributes' missing rows, grown as needed
	slot  []int       // attribute -> index into its kind's slice
}

func newARFFColumns(attrs []*arffAttr) *arffColumns {
	c := &arffColumns{attrs: attrs, slot: make([]int, len(attrs))}
	for i, a := range attrs {
		switch a.typ {
		case arffNumeric:
			c.slot[i] = len(c.nums)
			c.nums = append(c.nums, nil)
		case arffNominal:
			c.slot[i] = len(c.codes)
			c.codes = append(c.codes, nil)
		case arffString:
			c.slot[i] = len(c.texts)
			c.texts = append(c.texts, nil)
		case arffDate:
			c.slot[i] = len(c.times)
			c.times = append(c.times, nil)
			c.tmiss = append(c.tmiss, nil)
		}
	}
	return c
}

// addLine parses one instance, dense or sparse.
func (c *arffColumns) addLine(line string, lineNo int) error {
	t := strings.TrimSpace(line)
	if t[0] == '{' {
		return c.addSparse(t[1:], lineNo)
	}
	toks, rest, err := splitList(t)
	if err != nil {
		return &data.ParseError{Line: lineNo, Err: err}
	}
	if strings.TrimSpace(rest) != "" {
		return &data.ParseError{Line: lineNo, Err: errors.New("unexpected } in an instance")}
	}
	if n := len(toks); n == len(c.attrs)+1 && strings.HasPrefix(toks[n-1].text, "{") && !toks[n-1].quoted {
		toks = toks[:n-1] // an instance weight {w}
	}
	if len(toks) != len(c.attrs) {
		return &data.ParseError{Line: lineNo, Err: fmt.Errorf("this instance has %d values but the header declares %d attributes", len(toks), len(c.attrs))}
	}
	for i, tok := range toks {
		if err := c.set(i, tok, lineNo); err != nil {
			return err
		}
	}
	c.rows++
	return nil
}

// addSparse parses "index value, ..." up to the closing brace.
func (c *arffColumns) addSparse(s string, lineNo int) error {
	given := make([]bool, len(c.attrs))
	if strings.TrimSpace(s) != "}" {
		entries, rest, err := splitSparse(s)
		if err != nil {
			return &data.ParseError{Line: lineNo, Err: err}
		}
		if r := strings.TrimSpace(rest); r != "" && !strings.HasPrefix(r, "%") && !strings.HasPrefix(r, ",") {
			return &data.ParseError{Line: lineNo, Err: fmt.Errorf("unexpected text after the sparse instance: %s", quoteSnippet(r))}
		}
		for _, e := range entries {
			if e.index < 0 || e.index >= len(c.attrs) {
				return &data.ParseError{Line: lineNo, Err: fmt.Errorf("attribute index %d is out of range (0 to %d)", e.index, len(c.attrs)-1)}
			}
			if given[e.index] {
				return &data.ParseError{Line: lineNo, Column: e.index + 1, ColumnName: c.attrs[e.index].name, Err: errors.New("the attribute is given twice")}
			}
			given[e.index] = true
			if err := c.set(e.index, e.tok, lineNo); err != nil {
				return err
			}
		}
	}
	for i, ok := range given {
		if !ok {
			c.setZero(i)
		}
	}
	c.rows++
	return nil
}

type sparseEntry struct {
	index int
	tok   arffToken
}

// splitSparse reads the entries of a sparse instance after its '{'.
func splitSparse(s string) ([]sparseEntry, string, error) {
	var out []sparseEntry
	for {
		s = strings.TrimLeft(s, " \t")
		j := strings.IndexAny(s, " \t")
		if j <= 0 {
			return nil, "", errors.New("a sparse entry must be \"index value\"")
		}
		idx, err := strconv.Atoi(s[:j])
		if err != nil {
			return nil, "", fmt.Errorf("%s is not an attribute index", quoteSnippet(s[:j]))
		}
		tok, rest, err := readToken(s[j:], ",}")
		if err != nil {
			return nil, "", err
		}
		out = append(out, sparseEntry{index: idx, tok: tok})
		if rest == "" || rest[0] == '%' {
			return nil, "", errors.New("the sparse instance is not closed with }")
		}
		if rest[0] == '}' {
			return out, rest[1:], nil
		}
		if rest[0] != ',' {
			return nil, "", errors.New("values must be separated by commas; found " + quoteSnippet(rest))
		}
		s = rest[1:]
	}
}

// set stores the value of attribute i for the current row.
func (c *arffColumns) set(i int, tok arffToken, lineNo int) error {
	a := c.attrs[i]
	bad := func(why string) error {
		return &data.ParseError{Line: lineNo, Column: i + 1, ColumnName: a.name, Err: fmt.Errorf("%q %s", tok.text, why)}
	}
	k := c.slot[i]
	switch a.typ {
	case arffNumeric:
		v := nan
		if !tok.missing() {
			f, err := strconv.ParseFloat(strings.TrimSpace(tok.text), 64)
			if err != nil || f != f {
				return bad("is not a number")
			}
			v = f
		}
		c.nums[k] = append(c.nums[k], v)
	case arffNominal:
		code := int32(-1)
		if !tok.missing() {
			var ok bool
			if code, ok = a.index[strings.TrimSpace(tok.text)]; !ok {
				return bad("is not one of the declared values " + levelList(a.levels))
			}
		}
		c.codes[k] = append(c.codes[k], code)
	case arffString:
		v := ""
		if !tok.missing() {
			v = tok.text
		}
		c.texts[k] = append(c.texts[k], v)
	case arffDate:
		var ns int64
		if tok.missing() {
			c.missDate(k)
		} else {
			t, err := time.Parse(a.layout, strings.TrimSpace(tok.text))
			if err != nil {
				return bad("is not a date in the declared form " + time.Date(2024, 3, 31, 14, 30, 0, 0, time.UTC).Format(a.layout))
			}
			ns = t.UnixNano()
		}
		c.times[k] = append(c.times[k], ns)
	}
	return nil
}

// setZero stores the value a sparse instance leaves out: 0, the first
// nominal value, missing text, or the epoch.
func (c *arffColumns) setZero(i int) {
	k := c.slot[i]
	switch c.attrs[i].typ {
	case arffNumeric:
		c.nums[k] = append(c.nums[k], 0)
	case arffNominal:
		code := int32(0)
		if len(c.attrs[i].levels) == 0 {
			code = -1
		}
		c.codes[k] = append(c.codes[k], code)
	case arffString:
		c.texts[k] = append(c.texts[k], "")
	case arffDate:
		c.times[k] = append(c.times[k], 0)
	}
}

func (c *arffColumns) missDate(k int) {
	need := (c.rows + 64) / 64
	for len(c.tmiss[k]) < need {
		c.tmiss[k] = append(c.tmiss[k], 0)
	}
	c.tmiss[k].Set(c.rows)
}

func levelList(levels []string) string {
	if len(levels) > 8 {
		return "{" + strings.Join(levels[:8], ", ") + ", …}"
	}
	return "{" + strings.Join(levels, ", ") + "}"
}

// table builds the typed columns.
func (c *arffColumns) table(name string, opt data.ParseOptions) (*data.Table, error) {
	if c.rows == 0 {
		return nil, fmt.Errorf("%s: the ARFF file declares %d attributes but has no instances", name, len(c.attrs))
	}
	cols := make([]data.Column, len(c.attrs))
	infs := make([]data.Inference, len(c.attrs))
	for i, a := range c.attrs {
		k := c.slot[i]
		switch a.typ {
		case arffNumeric:
			col := data.NewNumeric(a.name, c.nums[k], nil)
			cols[i], infs[i] = col, numericInference(col, "declared "+a.decl+" in the ARFF header")
		case arffNominal:
			col := data.NewCategorical(a.name, c.codes[k], a.levels)
			cols[i], infs[i] = col, declaredInference(col, fmt.Sprintf("declared nominal in the ARFF header with %d values %s", len(a.levels), levelList(a.levels)))
		case arffDate:
			m := data.NewMask(c.rows)
			copy(m, c.tmiss[k])
			col := data.NewDatetime(a.name, c.times[k], m, a.layout)
			cols[i], infs[i] = col, declaredInference(col, "declared date in the ARFF header")
		case arffString:
			col, inf, err := textColumn(name, a.name, c.texts[k], opt, 1)
			if err != nil {
				return nil, err
			}
			cols[i], infs[i] = col, inf
		}
	}
	return assemble(name, cols, infs, nil)
}
