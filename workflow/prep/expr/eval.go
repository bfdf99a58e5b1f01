package expr

import (
	"context"
	"math"

	"modelbench/workflow/data"
)

// value is an evaluated sub-expression: numbers (booleans as 1/0, missing
// as NaN) per row, or a constant; text as dictionary codes into levels
// (code -1 missing), or a constant level.
type value struct {
	typ    Type
	nums   []float64 // per row; nil for a constant
	c      float64   // the constant number when nums is nil
	codes  []int32   // text per row; nil for a constant
	levels []string  // text levels; levels[0] is the constant when codes is nil
	shared bool      // nums belongs to a column and must not be handed out
}

func (v *value) at(i int) float64 {
	if v.nums == nil {
		return v.c
	}
	return v.nums[i]
}

func (v *value) constant() bool { return v.nums == nil && v.codes == nil }

// textAt returns row i's text and whether it is present.
func (v *value) textAt(i int) (string, bool) {
	if v.codes == nil {
		return v.levels[0], true
	}
	k := v.codes[i]
	if k < 0 {
		return "", false
	}
	return v.levels[k], true
}

// Eval evaluates the expression on every row of f. It returns one value
// per row (NaN where the result is missing; true/false as 1/0) and the
// result's type, which is Number or Bool; an expression of Text type is an
// error. f is not changed. It checks ctx between operations.
func (e *Expr) Eval(ctx context.Context, f *data.Frame) ([]float64, Type, error) {
	t, err := e.Check(f)
	if err != nil {
		return nil, 0, err
	}
	if t == Text {
		return nil, 0, &Error{Msg: "the expression gives text; compare it with text (== \"...\") to get true/false"}
	}
	ev := &evaluator{ctx: ctx, f: f, n: f.NumRows()}
	v, err := ev.eval(e.root)
	if err != nil {
		return nil, 0, err
	}
	out := v.nums
	if out == nil || v.shared {
		out = make([]float64, ev.n)
		for i := range out {
			out[i] = v.at(i)
		}
	}
	return out, t, nil
}

type evaluator struct {
	ctx context.Context
	f   *data.Frame
	n   int
}

func (ev *evaluator) alloc() []float64 { return make([]float64, ev.n) }

func (ev *evaluator) eval(n node) (*value, error) {
	if err := ev.ctx.Err(); err != nil {
		return nil, err
	}
	switch x := n.(type) {
	case *numLit:
		return &value{typ: Number, c: x.v}, nil
	case *strLit:
		return &value{typ: Text, levels: []string{x.s}}, nil
	case *boolLit:
		return &value{typ: Bool, c: b2f(x.b)}, nil
	case *colRef:
		return ev.column(x.name), nil
	case *unary:
		v, err := ev.eval(x.x)
		if err != nil {
			return nil, err
		}
		if x.op == "not" {
			return ev.mapNum(Bool, []*value{v}, func(a []float64) float64 { return notOp(a[0]) }), nil
		}
		return ev.mapNum(Number, []*value{v}, func(a []float64) float64 { return -a[0] }), nil
	case *binary:
		return ev.binary(x)
	case *call:
		return ev.call(x)
	}
	panic("expr: unknown node")
}

// column reads a column; Check has already ensured it exists and is usable.
func (ev *evaluator) column(name string) *value {
	c, _ := ev.f.Lookup(name)
	switch col := c.(type) {
	case *data.NumericColumn:
		return &value{typ: Number, nums: col.Values(), shared: true}
	case *data.BooleanColumn:
		out := ev.alloc()
		for i := range out {
			v, ok := col.At(i)
			out[i] = b2f(v)
			if !ok {
				out[i] = math.NaN()
			}
		}
		return &value{typ: Bool, nums: out}
	}
	codes, levels := data.Dictionary(c)
	return &value{typ: Text, codes: codes, levels: levels}
}

// mapNum applies fn row by row to number-like arguments; constants stay
// constant. Results that are not finite become NaN (missing).
func (ev *evaluator) mapNum(t Type, args []*value, fn func(a []float64) float64) *value {
	a := make([]float64, len(args))
	allConst := true
	for _, v := range args {
		allConst = allConst && v.constant()
	}
	if allConst {
		for j, v := range args {
			a[j] = v.c
		}
		return &value{typ: t, c: finite(fn(a))}
	}
	out := ev.alloc()
	for i := range out {
		for j, v := range args {
			a[j] = v.at(i)
		}
		out[i] = finite(fn(a))
	}
	return &value{typ: t, nums: out}
}

func finite(x float64) float64 {
	if math.IsInf(x, 0) {
		return math.NaN()
	}
	return x
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
