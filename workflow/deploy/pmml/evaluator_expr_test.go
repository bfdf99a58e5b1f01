package pmml_test

import (
	"fmt"
	"strings"
)

// xCtx is one record being scored: values of fields known so far, the
// derived fields that may still be computed, and the data types.
type xCtx struct {
	vals    map[string]xVal
	types   map[string]string // dataType of every field seen
	pending map[string]*xDerivedField
	parent  *xCtx
}

func newCtx(parent *xCtx) *xCtx {
	return &xCtx{vals: map[string]xVal{}, types: map[string]string{}, pending: map[string]*xDerivedField{}, parent: parent}
}

func (c *xCtx) declare(fields []xDerivedField) {
	for i := range fields {
		f := &fields[i]
		c.pending[f.Name] = f
		c.types[f.Name] = f.DataType
	}
}

func (c *xCtx) typeOf(name string) string {
	for x := c; x != nil; x = x.parent {
		if t, ok := x.types[name]; ok {
			return t
		}
	}
	return ""
}

// get returns a field's value, computing a derived field on first use.
func (c *xCtx) get(name string) (xVal, error) {
	for x := c; x != nil; x = x.parent {
		if v, ok := x.vals[name]; ok {
			return v, nil
		}
		if f, ok := x.pending[name]; ok {
			delete(x.pending, name) // a cycle would fail as unknown
			v, err := x.eval(&f.Expr)
			if err != nil {
				return missing, fmt.Errorf("derived field %q: %w", name, err)
			}
			if v, err = castTo(f.DataType, v); err != nil {
				return missing, fmt.Errorf("derived field %q: %w", name, err)
			}
			x.vals[name] = v
			return v, nil
		}
	}
	return missing, fmt.Errorf("unknown field %q", name)
}

func req(e *xExpr, name string) (string, error) {
	v, ok := e.attr(name)
	if !ok {
		return "", fmt.Errorf("%s has no %s", e.XMLName.Local, name)
	}
	return v, nil
}

// eval evaluates one expression element (Transformations, Built-in
// Functions).
func (c *xCtx) eval(e *xExpr) (xVal, error) {
	switch e.XMLName.Local {
	case "Constant":
		if m, _ := e.attr("missing"); m == "true" {
			return missing, nil
		}
		dt, ok := e.attr("dataType")
		if !ok {
			dt = "string"
		}
		return parseAs(dt, e.Text)
	case "FieldRef":
		name, err := req(e, "field")
		if err != nil {
			return missing, err
		}
		v, err := c.get(name)
		if err != nil {
			return missing, err
		}
		if m, ok := e.attr("mapMissingTo"); ok && v.isMissing() {
			return parseAs(c.typeOf(name), m)
		}
		return v, nil
	case "NormContinuous":
		return c.normContinuous(e)
	case "NormDiscrete":
		return c.normDiscrete(e)
	case "Discretize":
		return c.discretize(e)
	case "MapValues":
		return c.mapValues(e)
	case "Apply":
		return c.apply(e)
	}
	return missing, fmt.Errorf("expression %s is not known to the evaluator", e.XMLName.Local)
}

// input evaluates an element's field attribute, with its mapMissingTo.
func (c *xCtx) input(e *xExpr) (xVal, bool, error) {
	name, err := req(e, "field")
	if err != nil {
		return missing, false, err
	}
	v, err := c.get(name)
	if err != nil || !v.isMissing() {
		return v, false, err
	}
	if m, ok := e.attr("mapMissingTo"); ok {
		r, err := parseAs("double", m)
		if dt, ok := e.attr("dataType"); ok {
			r, err = parseAs(dt, m)
		}
		return r, true, err
	}
	return missing, true, nil
}

// normContinuous: piecewise linear through the LinearNorm points, ends
// extrapolated (outliers asIs).
func (c *xCtx) normContinuous(e *xExpr) (xVal, error) {
	v, done, err := c.input(e)
	if err != nil || done {
		return v, err
	}
	if o, ok := e.attr("outliers"); ok && o != "asIs" {
		return missing, fmt.Errorf("outliers %q not supported", o)
	}
	x, err := v.number()
	if err != nil {
		return missing, err
	}
	type pt struct{ a, b float64 }
	var pts []pt
	for i := range e.Kids {
		k := &e.Kids[i]
		if k.XMLName.Local != "LinearNorm" {
			continue
		}
		o, _ := k.attr("orig")
		n, _ := k.attr("norm")
		a, err1 := parseDouble(o)
		b, err2 := parseDouble(n)
		if err1 != nil || err2 != nil {
			return missing, fmt.Errorf("bad LinearNorm")
		}
		pts = append(pts, pt{a, b})
	}
	if len(pts) < 2 {
		return missing, fmt.Errorf("NormContinuous needs two points")
	}
	i := 0
	for i < len(pts)-2 && x > pts[i+1].a {
		i++
	}
	p, q := pts[i], pts[i+1]
	return numVal(p.b + (x-p.a)/(q.a-p.a)*(q.b-p.b)), nil
}

func (c *xCtx) normDiscrete(e *xExpr) (xVal, error) {
	v, done, err := c.input(e)
	if err != nil || done {
		return v, err
	}
	want, err := req(e, "value")
	if err != nil {
		return missing, err
	}
	eq, err := equalTo(v, want)
	if err != nil {
		return missing, err
	}
	if eq {
		return numVal(1), nil
	}
	return numVal(0), nil
}

// inInterval reports whether x is in the interval; an absent margin is
// unbounded on that side.
func inInterval(x float64, iv *xExpr) (bool, error) {
	closure, err := req(iv, "closure")
	if err != nil {
		return false, err
	}
	if l, ok := iv.attr("leftMargin"); ok {
		lv, err := parseDouble(l)
		if err != nil {
			return false, err
		}
		if x < lv || (x == lv && strings.HasPrefix(closure, "open")) {
			return false, nil
		}
	}
	if r, ok := iv.attr("rightMargin"); ok {
		rv, err := parseDouble(r)
		if err != nil {
			return false, err
		}
		if x > rv || (x == rv && strings.HasSuffix(closure, "Open")) {
			return false, nil
		}
	}
	return true, nil
}

func (c *xCtx) discretize(e *xExpr) (xVal, error) {
	v, done, err := c.input(e)
	if err != nil || done {
		return v, err
	}
	x, err := v.number()
	if err != nil {
		return missing, err
	}
	dt, ok := e.attr("dataType")
	if !ok {
		dt = "string"
	}
	for i := range e.Kids {
		bin := &e.Kids[i]
		if bin.XMLName.Local != "DiscretizeBin" || len(bin.Kids) != 1 {
			continue
		}
		in, err := inInterval(x, &bin.Kids[0])
		if err != nil {
			return missing, err
		}
		if in {
			bv, _ := bin.attr("binValue")
			return parseAs(dt, bv)
		}
	}
	if d, ok := e.attr("defaultValue"); ok {
		return parseAs(dt, d)
	}
	return missing, nil
}

// mapValues looks the input fields up in the InlineTable.
func (c *xCtx) mapValues(e *xExpr) (xVal, error) {
	dt, ok := e.attr("dataType")
	if !ok {
		dt = "string"
	}
	out, err := req(e, "outputColumn")
	if err != nil {
		return missing, err
	}
	type pair struct {
		v   xVal
		col string
	}
	var pairs []pair
	var table *xExpr
	for i := range e.Kids {
		k := &e.Kids[i]
		switch k.XMLName.Local {
		case "FieldColumnPair":
			f, _ := k.attr("field")
			col, _ := k.attr("column")
			v, err := c.get(f)
			if err != nil {
				return missing, err
			}
			if v.isMissing() {
				if m, ok := e.attr("mapMissingTo"); ok {
					return parseAs(dt, m)
				}
				return missing, nil
			}
			pairs = append(pairs, pair{v, col})
		case "InlineTable":
			table = k
		default:
			return missing, fmt.Errorf("MapValues child %s not supported", k.XMLName.Local)
		}
	}
	if table == nil {
		return missing, fmt.Errorf("MapValues without an InlineTable")
	}
rows:
	for i := range table.Kids {
		row := &table.Kids[i]
		cell := map[string]string{}
		for j := range row.Kids {
			cell[row.Kids[j].XMLName.Local] = row.Kids[j].Text
		}
		for _, p := range pairs {
			eq, err := equalTo(p.v, cell[p.col])
			if err != nil {
				return missing, err
			}
			if !eq {
				continue rows
			}
		}
		return parseAs(dt, cell[out])
	}
	if d, ok := e.attr("defaultValue"); ok {
		return parseAs(dt, d)
	}
	return missing, nil
}

// apply evaluates a built-in function. Except where the specification
// says otherwise (isMissing, isNotMissing, if), a missing argument gives
// a missing result, or mapMissingTo when the Apply has one.
func (c *xCtx) apply(e *xExpr) (xVal, error) {
	fn, err := req(e, "function")
	if err != nil {
		return missing, err
	}
	args := make([]*xExpr, 0, len(e.Kids))
	for i := range e.Kids {
		if e.Kids[i].XMLName.Local != "Extension" {
			args = append(args, &e.Kids[i])
		}
	}
	mapMissing, hasMap := e.attr("mapMissingTo")
	onMissing := func() (xVal, error) {
		if hasMap {
			return parseAs("double", mapMissing)
		}
		return missing, nil
	}
	switch fn {
	case "isMissing", "isNotMissing":
		if len(args) != 1 {
			return missing, fmt.Errorf("%s takes one argument", fn)
		}
		v, err := c.eval(args[0])
		if err != nil {
			return missing, err
		}
		return boolVal(v.isMissing() == (fn == "isMissing")), nil
	case "if":
		if len(args) < 2 || len(args) > 3 {
			return missing, fmt.Errorf("if takes 2 or 3 arguments")
		}
		cond, err := c.eval(args[0])
		if err != nil {
			return missing, err
		}
		if cond.isMissing() {
			return onMissing()
		}
		b, err := cond.number()
		if err != nil || cond.kind != 'b' {
			return missing, fmt.Errorf("if: the condition is not a boolean")
		}
		if b != 0 {
			return c.eval(args[1])
		}
		if len(args) == 3 {
			return c.eval(args[2])
		}
		return missing, nil
	}
	vals := make([]xVal, len(args))
	for i, a := range args {
		v, err := c.eval(a)
		if err != nil {
			return missing, err
		}
		if v.isMissing() {
			return onMissing()
		}
		vals[i] = v
	}
	return builtin(fn, vals)
}
