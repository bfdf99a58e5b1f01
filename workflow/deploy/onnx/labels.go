package onnx

import (
	"fmt"
	"math"

	"google.golang.org/protobuf/proto"

	"modelbench/workflow/data"
	pb "modelbench/workflow/deploy/onnx/onnxpb"
	"modelbench/workflow/prep"
)

// Matching values to labels, as the steps that read values as categories
// do (see prep.PipelineExport, Labels):
//
//   - categories and text: the string itself (LabelEncoder); "" is missing.
//   - yes/no values: by truth value, to the one label that reads as the
//     value (data.ParseBool), which is what data.SpellLike gives whenever no
//     truth value has two labels; the plan refuses labels that do.
//   - numbers: a number's label is its shortest text, so it matches a label
//     L exactly when L is the shortest text of a number v and x == v with
//     the same sign (0 and -0 are different labels).
//   - dates are refused: their labels are formatted dates.
const (
	codeMissing = -2 // a missing value
	codeUnseen  = -1 // a present value matching no label
)

// matcher gives, per row, the index of the label the value matches,
// codeUnseen or codeMissing, as an int64 [N, 1] tensor.
type matcher func(t *translator) string

// planMatch checks that values of the column (of the given kind) can be
// matched to labels, which must be distinct, and returns the matcher.
func planMatch(info *prep.StepInfo, name string, kind data.Kind, labels []string) (matcher, error) {
	switch kind {
	case data.Categorical, data.Text:
		return func(t *translator) string {
			keys := []string{""}
			vals := []int64{codeMissing}
			for i, l := range labels {
				if l != "" {
					keys, vals = append(keys, l), append(vals, int64(i))
				}
			}
			return t.g.codes(t.get(name).t, keys, vals, codeUnseen)
		}, nil
	case data.Boolean:
		idx := [2]int64{codeUnseen, codeUnseen} // for false, true
		for _, v := range []bool{false, true} {
			n := 0
			for i, l := range labels {
				if b, ok := data.ParseBool(l); ok && b == v {
					idx[boolIndex(v)] = int64(i)
					n++
				}
			}
			if n > 1 {
				return nil, unsupportedStep(info, "column %q holds yes/no values and %d of its labels read as %v, so which one a value takes depends on the spelling of the data being scored, which the graph's input does not carry", name, n, v)
			}
		}
		return func(t *translator) string {
			g := t.g
			x := t.get(name).t
			code := g.where(g.equal(x, g.scalar(1)), g.int64s(nil, idx[1]), g.int64s(nil, idx[0]))
			return g.where(g.isNaN(x), g.int64s(nil, codeMissing), code)
		}, nil
	case data.Numeric:
		return func(t *translator) string {
			g := t.g
			x := t.get(name).t
			code := g.fillInt64(x, codeUnseen)
			for i, l := range labels {
				if c := g.numberIs(x, l); c != "" {
					code = g.where(c, g.int64s(nil, int64(i)), code)
				}
			}
			return g.where(g.isNaN(x), g.int64s(nil, codeMissing), code)
		}, nil
	}
	return nil, unsupportedStep(info, "column %q holds %v values, whose labels are formatted dates, which ONNX cannot write", name, kind)
}

func boolIndex(v bool) int {
	if v {
		return 1
	}
	return 0
}

// numberIs is true where the number x has the label l: "" when no number
// has that label (it is not a number's shortest text).
func (g *graph) numberIs(x, l string) string {
	v, ok := data.ParseOptions{}.ParseFloat(l)
	if !ok || math.IsNaN(v) || data.FormatFloat(v) != l {
		return ""
	}
	eq := g.equal(x, g.scalar(v))
	if v != 0 {
		return eq
	}
	if math.Signbit(v) {
		return g.and(eq, g.negZero(x))
	}
	return g.and(eq, g.not(g.negZero(x)))
}

// fillInt64 is an int64 [N, 1] tensor holding v on every row of x.
func (g *graph) fillInt64(x string, v int64) string {
	shape := g.op("Shape", []string{x})
	return g.op("ConstantOfShape", []string{shape}, aTensor("value", &pb.TensorProto{Name: proto.String("value"),
		DataType: proto.Int32(int32(pb.TensorProto_INT64)), Dims: []int64{1}, Int64Data: []int64{v}}))
}

// lookup gathers table[code + 2] for an int64 code from a matcher: table
// holds the result for a missing value, then for an unseen one, then one
// per label.
func (g *graph) lookup(table, code string) string {
	return g.op("Gather", []string{table, g.add(code, g.int64s(nil, 2))}, aInt("axis", 0))
}

// planLabels checks a list of labels for the matcher: distinct, which the
// steps' fitted labels always are.
func distinct(labels []string) error {
	seen := map[string]bool{}
	for _, l := range labels {
		if seen[l] {
			return fmt.Errorf("the label %q is listed twice", l)
		}
		seen[l] = true
	}
	return nil
}
