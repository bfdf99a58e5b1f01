package expr

import (
	"math"

	"modelbench/workflow/data"
)

func (ev *evaluator) binary(x *binary) (*value, error) {
	a, err := ev.eval(x.x)
	if err != nil {
		return nil, err
	}
	b, err := ev.eval(x.y)
	if err != nil {
		return nil, err
	}
	if a.typ == Text {
		return ev.compareText(x.op, a, b), nil
	}
	args := []*value{a, b}
	switch x.op {
	case "and":
		return ev.mapNum(Bool, args, func(v []float64) float64 { return andOp(v[0], v[1]) }), nil
	case "or":
		return ev.mapNum(Bool, args, func(v []float64) float64 { return orOp(v[0], v[1]) }), nil
	case "==", "!=", "<", "<=", ">", ">=":
		cmp := comparison(x.op)
		return ev.mapNum(Bool, args, func(v []float64) float64 {
			if math.IsNaN(v[0]) || math.IsNaN(v[1]) {
				return math.NaN()
			}
			return b2f(cmp(v[0], v[1]))
		}), nil
	}
	op := arithmetic(x.op)
	return ev.mapNum(Number, args, func(v []float64) float64 { return op(v[0], v[1]) }), nil
}

func comparison(op string) func(a, b float64) bool {
	switch op {
	case "==":
		return func(a, b float64) bool { return a == b }
	case "!=":
		return func(a, b float64) bool { return a != b }
	case "<":
		return func(a, b float64) bool { return a < b }
	case "<=":
		return func(a, b float64) bool { return a <= b }
	case ">":
		return func(a, b float64) bool { return a > b }
	}
	return func(a, b float64) bool { return a >= b }
}

func arithmetic(op string) func(a, b float64) float64 {
	switch op {
	case "+":
		return func(a, b float64) float64 { return a + b }
	case "-":
		return func(a, b float64) float64 { return a - b }
	case "*":
		return func(a, b float64) float64 { return a * b }
	case "/":
		return func(a, b float64) float64 { return a / b }
	}
	return math.Pow
}

// andOp is three-valued and: false wins over missing.
func andOp(a, b float64) float64 {
	switch {
	case a == 0 || b == 0:
		return 0
	case math.IsNaN(a) || math.IsNaN(b):
		return math.NaN()
	}
	return 1
}

// orOp is three-valued or: true wins over missing.
func orOp(a, b float64) float64 {
	switch {
	case a == 1 || b == 1:
		return 1
	case math.IsNaN(a) || math.IsNaN(b):
		return math.NaN()
	}
	return 0
}

func notOp(a float64) float64 {
	if math.IsNaN(a) {
		return a
	}
	return 1 - a
}

// compareText evaluates == or != between two text values, level by level
// where one side is constant.
func (ev *evaluator) compareText(op string, a, b *value) *value {
	want := op == "=="
	if a.constant() && b.constant() {
		return &value{typ: Bool, c: b2f((a.levels[0] == b.levels[0]) == want)}
	}
	if a.constant() {
		a, b = b, a
	}
	out := ev.alloc()
	if b.constant() {
		match := make([]float64, len(a.levels))
		for k, l := range a.levels {
			match[k] = b2f((l == b.levels[0]) == want)
		}
		for i, k := range a.codes {
			if k < 0 {
				out[i] = math.NaN()
			} else {
				out[i] = match[k]
			}
		}
		return &value{typ: Bool, nums: out}
	}
	for i := range out {
		s, ok1 := a.textAt(i)
		t, ok2 := b.textAt(i)
		if !ok1 || !ok2 {
			out[i] = math.NaN()
			continue
		}
		out[i] = b2f((s == t) == want)
	}
	return &value{typ: Bool, nums: out}
}

func (ev *evaluator) call(x *call) (*value, error) {
	args := make([]*value, len(x.args))
	for i, a := range x.args {
		v, err := ev.eval(a)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	switch x.fn {
	case "missing":
		return ev.missing(args[0]), nil
	case "if":
		return ev.ifThen(args), nil
	}
	fn := mathFunc(x.fn)
	return ev.mapNum(Number, args, fn), nil
}

func mathFunc(name string) func(a []float64) float64 {
	switch name {
	case "log":
		return func(a []float64) float64 { return math.Log(a[0]) }
	case "exp":
		return func(a []float64) float64 { return math.Exp(a[0]) }
	case "sqrt":
		return func(a []float64) float64 { return math.Sqrt(a[0]) }
	case "abs":
		return func(a []float64) float64 { return math.Abs(a[0]) }
	case "round":
		return roundTo
	case "min":
		return func(a []float64) float64 { return fold(a, math.Min) }
	}
	return func(a []float64) float64 { return fold(a, math.Max) }
}

// roundTo rounds half away from zero, to a[1] decimal digits when given.
func roundTo(a []float64) float64 {
	if len(a) == 1 {
		return math.Round(a[0])
	}
	d := math.Round(a[1])
	if math.IsNaN(d) || math.Abs(d) > 300 {
		return math.NaN()
	}
	p := math.Pow(10, d)
	return math.Round(a[0]*p) / p
}

// fold combines the arguments; a missing one makes the result missing.
func fold(a []float64, f func(x, y float64) float64) float64 {
	r := a[0]
	for _, v := range a[1:] {
		r = f(r, v)
	}
	return r
}

func (ev *evaluator) missing(v *value) *value {
	if v.typ == Text {
		if v.codes == nil {
			return &value{typ: Bool, c: 0}
		}
		out := ev.alloc()
		for i, k := range v.codes {
			out[i] = b2f(k < 0)
		}
		return &value{typ: Bool, nums: out}
	}
	return ev.mapNum(Bool, []*value{v}, func(a []float64) float64 { return b2f(math.IsNaN(a[0])) })
}

// ifThen picks, row by row, the second or third argument; a missing
// condition gives a missing result.
func (ev *evaluator) ifThen(args []*value) *value {
	cond, a, b := args[0], args[1], args[2]
	if a.typ != Text {
		t := Number
		if a.typ == Bool && b.typ == Bool {
			t = Bool
		}
		return ev.mapNum(t, args, func(v []float64) float64 {
			switch {
			case math.IsNaN(v[0]):
				return math.NaN()
			case v[0] != 0:
				return v[1]
			}
			return v[2]
		})
	}
	codes, levels := data.EncodeLevels(ev.n, func(i int) (string, bool) {
		c := cond.at(i)
		src := b
		if c != 0 {
			src = a
		}
		s, ok := src.textAt(i)
		return s, ok && !math.IsNaN(c)
	})
	if len(levels) == 0 {
		levels = []string{""}
	}
	return &value{typ: Text, codes: codes, levels: levels}
}
