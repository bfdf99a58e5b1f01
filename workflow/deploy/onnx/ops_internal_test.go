package onnx

import (
	"google.golang.org/protobuf/proto"

	pb "modelbench/workflow/deploy/onnx/onnxpb"
)

// OpsModel builds, for the external tests, a graph with two double inputs
// x and y ([N, 1]) and one output per building block whose edge cases the
// tests check against Go: round (math.Round), min and max (math.Min,
// math.Max), log1p (prep's), the parts of x as a date, the number labels
// "2", "0" and "-0", and 1/v of the results that may be a signed zero.
func OpsModel() ([]byte, []string) {
	g := newGraph([]string{"x", "y"})
	g.inputs = []*pb.ValueInfoProto{valueInfo("x", pb.TensorProto_DOUBLE, []int64{-1, 1}, ""), valueInfo("y", pb.TensorProto_DOUBLE, []int64{-1, 1}, "")}
	one := g.scalar(1)
	outs := map[string]string{
		"round": g.roundHalfAway("x"),
		"min":   g.minMax(true, "x", "y"),
		"max":   g.minMax(false, "x", "y"),
		"log1p": g.log1p("x"),
	}
	outs["round_inv"] = g.div(one, outs["round"])
	outs["min_inv"] = g.div(one, outs["min"])
	outs["max_inv"] = g.div(one, outs["max"])
	for k, v := range g.dateParts("x") {
		outs[k] = v
	}
	for name, label := range map[string]string{"is_2": "2", "is_0": "0", "is_neg0": "-0", "is_inf": "+Inf"} {
		outs[name] = g.toDouble(g.numberIs("x", label))
	}
	var names []string
	for _, name := range []string{"round", "min", "max", "log1p", "round_inv", "min_inv", "max_inv", "year", "month", "day", "weekday", "hour", "is_2", "is_0", "is_neg0", "is_inf"} {
		g.taken[name] = true
		g.named("Identity", []string{outs[name]}, name)
		g.outputs = append(g.outputs, valueInfo(name, pb.TensorProto_DOUBLE, []int64{-1, 1}, ""))
		names = append(names, name)
	}
	b, err := proto.Marshal(g.model("ops", "", "test", nil))
	if err != nil {
		panic(err)
	}
	return b, names
}
