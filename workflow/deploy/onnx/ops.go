package onnx

import (
	"math"

	pb "modelbench/workflow/deploy/onnx/onnxpb"
)

// Element-wise building blocks over [N, 1] (or broadcastable) tensors. Each
// returns the name of its result. Every numeric value is a double; missing
// numbers are NaN, as in Modelbench.

func (g *graph) add(a, b string) string { return g.op("Add", []string{a, b}) }
func (g *graph) sub(a, b string) string { return g.op("Sub", []string{a, b}) }
func (g *graph) mul(a, b string) string { return g.op("Mul", []string{a, b}) }
func (g *graph) div(a, b string) string { return g.op("Div", []string{a, b}) }
func (g *graph) neg(a string) string    { return g.op("Neg", []string{a}) }
func (g *graph) floor(a string) string  { return g.op("Floor", []string{a}) }
func (g *graph) abs(a string) string    { return g.op("Abs", []string{a}) }
func (g *graph) log(a string) string    { return g.op("Log", []string{a}) }
func (g *graph) exp(a string) string    { return g.op("Exp", []string{a}) }

// where is Where(c, a, b): a where c is true, else b.
func (g *graph) where(c, a, b string) string { return g.op("Where", []string{c, a, b}) }

func (g *graph) isNaN(a string) string        { return g.op("IsNaN", []string{a}) }
func (g *graph) isInf(a string) string        { return g.op("IsInf", []string{a}) }
func (g *graph) equal(a, b string) string     { return g.op("Equal", []string{a, b}) }
func (g *graph) less(a, b string) string      { return g.op("Less", []string{a, b}) }
func (g *graph) greater(a, b string) string   { return g.op("Greater", []string{a, b}) }
func (g *graph) lessEq(a, b string) string    { return g.op("LessOrEqual", []string{a, b}) }
func (g *graph) greaterEq(a, b string) string { return g.op("GreaterOrEqual", []string{a, b}) }
func (g *graph) not(a string) string          { return g.op("Not", []string{a}) }
func (g *graph) and(a, b string) string       { return g.op("And", []string{a, b}) }
func (g *graph) or(a, b string) string        { return g.op("Or", []string{a, b}) }

// toDouble casts booleans or integers to double (true is 1).
func (g *graph) toDouble(a string) string {
	return g.op("Cast", []string{a}, aInt("to", int64(pb.TensorProto_DOUBLE)))
}

// toInt64 casts to int64 (doubles are truncated; callers pass whole numbers).
func (g *graph) toInt64(a string) string {
	return g.op("Cast", []string{a}, aInt("to", int64(pb.TensorProto_INT64)))
}

// nan is the double NaN scalar.
func (g *graph) nan() string { return g.scalar(math.NaN()) }

// missingIfNaN returns v where x is not NaN and NaN where it is.
func (g *graph) missingIfNaN(x, v string) string { return g.where(g.isNaN(x), g.nan(), v) }

// infToNaN turns ±Inf into NaN.
func (g *graph) infToNaN(x string) string { return g.where(g.isInf(x), g.nan(), x) }

// anyOf is the Or of the conditions (nil for none).
func (g *graph) anyOf(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	out := conds[0]
	for _, c := range conds[1:] {
		out = g.or(out, c)
	}
	return out
}

// negZero is true where x is -0 (x == 0 and 1/x < 0), false elsewhere.
func (g *graph) negZero(x string) string {
	return g.and(g.equal(x, g.scalar(0)), g.less(g.div(g.scalar(1), x), g.scalar(0)))
}

// concat joins tensors along axis.
func (g *graph) concat(axis int64, in ...string) string {
	if len(in) == 1 {
		return in[0]
	}
	return g.op("Concat", in, aInt("axis", axis))
}

// split cuts x into n equal parts along axis.
func (g *graph) split(x string, axis int64, n int) []string {
	if n == 1 {
		return []string{x}
	}
	return g.opN("Split", "", []string{x}, n, aInt("axis", axis))
}

// codes maps each string of x to an int64 through the ai.onnx.ml
// LabelEncoder: keys[i] gives values[i], any other string def.
func (g *graph) codes(x string, keys []string, values []int64, def int64) string {
	if len(keys) == 0 {
		return g.fillInt64(x, def)
	}
	return g.ml("LabelEncoder", []string{x}, aStrings("keys_strings", keys), aInts("values_int64s", values), aInt("default_int64", def))
}

// isEmpty is true where the string x is "" (a missing label).
func (g *graph) isEmpty(x string) string {
	return g.equal(g.codes(x, []string{""}, []int64{1}, 0), g.int64s(nil, 1))
}

// fill is a [N, 1] double tensor holding v on every row of x ([N, 1]).
func (g *graph) fill(x string, v float64) string {
	shape := g.op("Shape", []string{x})
	return g.op("ConstantOfShape", []string{shape}, aTensor("value", doubleTensor("value", []float64{v})))
}
