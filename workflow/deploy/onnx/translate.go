package onnx

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/proto"

	"modelbench/workflow/data"
	pb "modelbench/workflow/deploy/onnx/onnxpb"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// column is a column of the frame as the graph holds it: one [N, 1] tensor.
// Numbers are double with NaN missing; yes/no values are double truth
// values (1, 0, NaN missing); dates are double seconds since 1970-01-01
// UTC (NaN missing); categories and text are strings with "" missing.
type column struct {
	kind data.Kind
	t    string
}

// translator holds the columns while the steps are written.
type translator struct {
	g    *graph
	cols map[string]column
	ref  string // the first graph input, whose rows constants are expanded to
}

// get returns a column a step reads. The plan checked that every step
// reads only columns it receives, so a missing one is a broken invariant.
func (t *translator) get(name string) column {
	c, ok := t.cols[name]
	if !ok {
		panic(fmt.Sprintf("onnx: column %q is not in the graph", name))
	}
	return c
}

// rebuild makes the step's output columns current: those the step made
// (out) and those it passed through. The target is never in the graph.
func (t *translator) rebuild(info *prep.StepInfo, out map[string]column, target string) {
	next := make(map[string]column, len(info.Output))
	for _, f := range info.Output {
		if f.Name == target {
			continue
		}
		c, ok := out[f.Name]
		if !ok {
			c, ok = t.cols[f.Name]
		}
		if !ok || c.kind != f.Kind {
			panic(fmt.Sprintf("onnx: %s: output column %q (%v) was not made (have %v)", stepPart(info), f.Name, f.Kind, c.kind))
		}
		next[f.Name] = c
	}
	t.cols = next
}

// outputName is name, or predicted_name (repeatedly) while an input uses it.
func outputName(name string, inputs []prep.Field) string {
	for {
		clash := false
		for _, f := range inputs {
			clash = clash || f.Name == name
		}
		if !clash {
			return name
		}
		name = "predicted_" + name
	}
}

// build writes the graph.
func (p *plan) build() (*pb.ModelProto, *Report) {
	rep := p.report
	labelName := outputName("label", p.inputs)
	probaName := outputName("probabilities", p.inputs)
	reserved := []string{labelName, probaName}
	for _, f := range p.inputs {
		reserved = append(reserved, f.Name)
	}
	g := newGraph(reserved)
	t := &translator{g: g, cols: map[string]column{}, ref: p.inputs[0].Name}
	for _, f := range p.inputs {
		port := t.input(f)
		rep.Inputs = append(rep.Inputs, port)
	}
	for _, s := range p.steps {
		g.nodeStep = stepPart(s.info)
		t.rebuild(s.info, s.emit(t), p.px.Target)
		rep.Steps = append(rep.Steps, StepReport{Index: s.info.Index, Kind: s.info.Kind, How: s.how})
	}
	g.nodeStep = "the model"
	feats := p.a.Model.Features()
	x := make([]string, len(feats))
	for j, name := range feats {
		x[j] = t.get(name).t
	}
	res := p.model.emit(g, x)
	rep.Model = p.model.how
	rep.Notes = append(rep.Notes, p.model.notes...)
	g.nodeStep = "outputs"
	if p.a.Task == model.Classification {
		labels := g.strings([]int64{int64(len(p.a.Classes))}, p.a.Classes...)
		g.named("Gather", []string{labels, res.index}, labelName, aInt("axis", 0))
		g.named("Identity", []string{res.proba}, probaName)
		g.outputs = append(g.outputs,
			valueInfo(labelName, pb.TensorProto_STRING, []int64{-1}, "the predicted class, as the target spells it"),
			valueInfo(probaName, pb.TensorProto_DOUBLE, []int64{-1, int64(len(p.a.Classes))}, "class probabilities, in the order "+strings.Join(p.a.Classes, ", ")))
		rep.Outputs = []Port{
			{Name: labelName, Type: "string", Shape: "[N]", Column: "the predicted class", Values: "one of " + quoteAll(p.a.Classes)},
			{Name: probaName, Type: "double", Shape: fmt.Sprintf("[N, %d]", len(p.a.Classes)), Column: "class probabilities", Values: "in the order " + quoteAll(p.a.Classes)},
		}
	} else {
		g.named("Reshape", []string{res.value, g.int64s([]int64{1}, -1)}, labelName)
		g.outputs = append(g.outputs, valueInfo(labelName, pb.TensorProto_DOUBLE, []int64{-1}, "the predicted "+p.px.Target))
		rep.Outputs = []Port{{Name: labelName, Type: "double", Shape: "[N]", Column: "the predicted " + p.px.Target, Values: "a number"}}
	}
	meta := map[string]string{"modelbench.learner": p.a.Learner, "modelbench.task": p.a.Task.String(), "modelbench.target": p.px.Target}
	if p.a.DataSHA256 != "" {
		meta["modelbench.data_sha256"] = p.a.DataSHA256
	}
	doc := fmt.Sprintf("Modelbench %s model for %s (%s): the fitted preparation (%d steps) and the model in one graph.",
		p.a.Learner, p.px.Target, p.a.Task, len(p.steps))
	m := g.model("modelbench_"+p.a.Learner, doc, p.a.AppVersion, meta)
	rep.Operators = g.operators()
	rep.Opsets = []string{fmt.Sprintf("ai.onnx %d", opsetONNX)}
	if g.usesML() {
		rep.Opsets = append(rep.Opsets, fmt.Sprintf("%s %d", mlDomain, opsetML))
	}
	rep.Nodes = len(g.nodes)
	return m, rep
}

// named adds a node whose single output has the given (reserved) name.
func (g *graph) named(opType string, in []string, out string, attrs ...attr) {
	g.nodes = append(g.nodes, &pb.NodeProto{Input: in, Output: []string{out}, OpType: proto.String(opType),
		Attribute: attrs, Name: proto.String(fmt.Sprintf("%s%s_%d", g.prefix, opType, len(g.nodes)+1))})
	g.opsUsed[opType]++
}

// input declares the graph input of one raw column and returns its port.
func (t *translator) input(f prep.Field) Port {
	g := t.g
	port := Port{Name: f.Name, Shape: "[N, 1]", Column: f.Name, Kind: f.Kind.String()}
	switch f.Kind {
	case data.Numeric:
		g.inputs = append(g.inputs, valueInfo(f.Name, pb.TensorProto_DOUBLE, []int64{-1, 1}, "numbers; NaN is missing"))
		t.cols[f.Name] = column{kind: f.Kind, t: f.Name}
		port.Type, port.Values = "double", "the number; NaN when missing"
	case data.Datetime:
		g.inputs = append(g.inputs, valueInfo(f.Name, pb.TensorProto_DOUBLE, []int64{-1, 1}, "dates as seconds since 1970-01-01 UTC; NaN is missing"))
		t.cols[f.Name] = column{kind: f.Kind, t: f.Name}
		port.Type, port.Values = "double", "seconds since 1970-01-01 00:00 UTC; NaN when missing"
	case data.Boolean:
		g.inputs = append(g.inputs, valueInfo(f.Name, pb.TensorProto_STRING, []int64{-1, 1}, "yes/no words; anything else is missing"))
		t.cols[f.Name] = column{kind: f.Kind, t: t.parseYesNo(f.Name)}
		port.Type, port.Values = "string", "true/false, yes/no, t/f or y/n in any case; anything else (\"\" included) is missing"
	default: // categorical, text
		g.inputs = append(g.inputs, valueInfo(f.Name, pb.TensorProto_STRING, []int64{-1, 1}, "labels; \"\" is missing"))
		t.cols[f.Name] = column{kind: f.Kind, t: f.Name}
		port.Type, port.Values = "string", "the label exactly as written; \"\" when missing"
	}
	return port
}

// parseYesNo reads yes/no words as data.ParseBool does (in any case) into
// 1, 0 or NaN.
func (t *translator) parseYesNo(x string) string {
	var keys []string
	var vals []int64
	for _, w := range []struct {
		word string
		v    int64
	}{{"true", 1}, {"yes", 1}, {"t", 1}, {"y", 1}, {"false", 0}, {"no", 0}, {"f", 0}, {"n", 0}} {
		for _, s := range caseVariants(w.word) {
			keys, vals = append(keys, s), append(vals, w.v)
		}
	}
	g := t.g
	code := g.codes(x, keys, vals, -1)
	return g.where(g.equal(code, g.int64s(nil, -1)), g.nan(), g.toDouble(code))
}

// caseVariants returns every spelling of an ASCII word in upper and lower
// case letters.
func caseVariants(w string) []string {
	out := make([]string, 0, 1<<len(w))
	for mask := 0; mask < 1<<len(w); mask++ {
		b := []byte(w)
		for i := range b {
			if mask&(1<<i) != 0 {
				b[i] = b[i] - 'a' + 'A'
			}
		}
		out = append(out, string(b))
	}
	return out
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
