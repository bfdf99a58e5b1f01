package onnx

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strconv"

	"google.golang.org/protobuf/proto"

	pb "modelbench/workflow/deploy/onnx/onnxpb"
)

// The opsets the exported graphs use: the newest that Debian's onnx 1.12
// checker knows (ai.onnx 17, ai.onnx.ml 3, IR version 8), all of which ONNX
// Runtime 1.30 runs.
const (
	opsetONNX = 17
	opsetML   = 3
	irVersion = 8
	mlDomain  = "ai.onnx.ml"
)

// graph builds one ONNX graph: nodes in topological order (each node is
// added after the nodes that make its inputs), initializers for every
// constant, and a unique name for every value. It is used by one goroutine.
type graph struct {
	nodes    []*pb.NodeProto
	inits    []*pb.TensorProto
	inputs   []*pb.ValueInfoProto
	outputs  []*pb.ValueInfoProto
	taken    map[string]bool   // every value name in use or reserved
	consts   map[string]string // constant key -> initializer name
	counter  int
	opsUsed  map[string]int // "domain:op" -> how many nodes
	prefix   string         // what generated value names start with
	nodeStep string         // the name of the part being built, for node names
}

func newGraph(reserved []string) *graph {
	g := &graph{taken: map[string]bool{}, consts: map[string]string{}, opsUsed: map[string]int{}, prefix: "mb_"}
	for _, r := range reserved {
		g.taken[r] = true
	}
	return g
}

// fresh returns an unused value name built from hint.
func (g *graph) fresh(hint string) string {
	for {
		g.counter++
		name := g.prefix + hint + "_" + strconv.Itoa(g.counter)
		if !g.taken[name] {
			g.taken[name] = true
			return name
		}
	}
}

// attr is a node attribute under construction.
type attr = *pb.AttributeProto

func aInt(name string, v int64) attr {
	return &pb.AttributeProto{Name: proto.String(name), Type: pb.AttributeProto_INT.Enum(), I: proto.Int64(v)}
}

func aInts(name string, v []int64) attr {
	return &pb.AttributeProto{Name: proto.String(name), Type: pb.AttributeProto_INTS.Enum(), Ints: v}
}

func aFloats(name string, v []float32) attr {
	return &pb.AttributeProto{Name: proto.String(name), Type: pb.AttributeProto_FLOATS.Enum(), Floats: v}
}

func aString(name, v string) attr {
	return &pb.AttributeProto{Name: proto.String(name), Type: pb.AttributeProto_STRING.Enum(), S: []byte(v)}
}

func aStrings(name string, v []string) attr {
	b := make([][]byte, len(v))
	for i, s := range v {
		b[i] = []byte(s)
	}
	return &pb.AttributeProto{Name: proto.String(name), Type: pb.AttributeProto_STRINGS.Enum(), Strings: b}
}

func aTensor(name string, t *pb.TensorProto) attr {
	return &pb.AttributeProto{Name: proto.String(name), Type: pb.AttributeProto_TENSOR.Enum(), T: t}
}

// op adds a node of the default domain with one output and returns the
// output's name.
func (g *graph) op(opType string, in []string, attrs ...attr) string {
	return g.opN(opType, "", in, 1, attrs...)[0]
}

// ml adds a node of the ai.onnx.ml domain with one output.
func (g *graph) ml(opType string, in []string, attrs ...attr) string {
	return g.opN(opType, mlDomain, in, 1, attrs...)[0]
}

// opN adds a node with n outputs and returns their names.
func (g *graph) opN(opType, domain string, in []string, n int, attrs ...attr) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.fresh(opType)
	}
	nd := &pb.NodeProto{Input: in, Output: out, OpType: proto.String(opType), Attribute: attrs,
		Name: proto.String(fmt.Sprintf("%s%s_%d", g.prefix, opType, len(g.nodes)+1))}
	if domain != "" {
		nd.Domain = proto.String(domain)
	}
	if g.nodeStep != "" {
		nd.DocString = proto.String(g.nodeStep)
	}
	g.nodes = append(g.nodes, nd)
	key := opType
	if domain != "" {
		key = domain + "." + opType
	}
	g.opsUsed[key]++
	return out
}

// constant adds (or reuses) an initializer.
func (g *graph) constant(key, hint string, make func(name string) *pb.TensorProto) string {
	if name, ok := g.consts[key]; ok {
		return name
	}
	name := g.fresh(hint)
	g.inits = append(g.inits, make(name))
	g.consts[key] = name
	return name
}

// doubles is a double constant of the given shape (nil: a scalar).
func (g *graph) doubles(shape []int64, v ...float64) string {
	raw := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(raw[8*i:], math.Float64bits(x))
	}
	key := fmt.Sprintf("d%v:%x", shape, raw)
	return g.constant(key, "const", func(name string) *pb.TensorProto {
		return &pb.TensorProto{Name: proto.String(name), DataType: proto.Int32(int32(pb.TensorProto_DOUBLE)), Dims: shape, RawData: raw}
	})
}

// scalar is a double scalar constant.
func (g *graph) scalar(v float64) string { return g.doubles(nil, v) }

// row is a [1, len(v)] double constant.
func (g *graph) row(v []float64) string { return g.doubles([]int64{1, int64(len(v))}, v...) }

// int64s is an int64 constant of the given shape (nil: a scalar).
func (g *graph) int64s(shape []int64, v ...int64) string {
	key := fmt.Sprintf("i%v:%v", shape, v)
	return g.constant(key, "const", func(name string) *pb.TensorProto {
		return &pb.TensorProto{Name: proto.String(name), DataType: proto.Int32(int32(pb.TensorProto_INT64)), Dims: shape, Int64Data: append([]int64{}, v...)}
	})
}

// strings is a string constant of the given shape (nil: a scalar).
func (g *graph) strings(shape []int64, v ...string) string {
	key := fmt.Sprintf("s%v:%q", shape, v)
	return g.constant(key, "const", func(name string) *pb.TensorProto {
		b := make([][]byte, len(v))
		for i, s := range v {
			b[i] = []byte(s)
		}
		return &pb.TensorProto{Name: proto.String(name), DataType: proto.Int32(int32(pb.TensorProto_STRING)), Dims: shape, StringData: b}
	})
}

// doubleTensor is a double tensor for an attribute (not an initializer).
func doubleTensor(name string, v []float64) *pb.TensorProto {
	return &pb.TensorProto{Name: proto.String(name), DataType: proto.Int32(int32(pb.TensorProto_DOUBLE)),
		Dims: []int64{int64(len(v))}, DoubleData: append([]float64{}, v...)}
}

// valueInfo describes a graph input or output: a tensor of elem type with
// the given dims, a dim of -1 being the symbolic batch size "N".
func valueInfo(name string, elem pb.TensorProto_DataType, dims []int64, doc string) *pb.ValueInfoProto {
	shape := &pb.TensorShapeProto{}
	for _, d := range dims {
		dim := &pb.TensorShapeProto_Dimension{}
		if d < 0 {
			dim.Value = &pb.TensorShapeProto_Dimension_DimParam{DimParam: "N"}
		} else {
			dim.Value = &pb.TensorShapeProto_Dimension_DimValue{DimValue: d}
		}
		shape.Dim = append(shape.Dim, dim)
	}
	vi := &pb.ValueInfoProto{Name: proto.String(name), Type: &pb.TypeProto{Value: &pb.TypeProto_TensorType{
		TensorType: &pb.TypeProto_Tensor{ElemType: proto.Int32(int32(elem)), Shape: shape}}}}
	if doc != "" {
		vi.DocString = proto.String(doc)
	}
	return vi
}

// model wraps the graph into a model with the opsets it uses.
func (g *graph) model(name, doc, producerVersion string, meta map[string]string) *pb.ModelProto {
	gp := &pb.GraphProto{Name: proto.String(name), Node: g.nodes, Initializer: g.inits, Input: g.inputs, Output: g.outputs}
	if doc != "" {
		gp.DocString = proto.String(doc)
	}
	m := &pb.ModelProto{IrVersion: proto.Int64(irVersion), ProducerName: proto.String("Modelbench"),
		ProducerVersion: proto.String(producerVersion), Graph: gp, Domain: proto.String("modelbench"),
		OpsetImport: []*pb.OperatorSetIdProto{{Domain: proto.String(""), Version: proto.Int64(opsetONNX)}}}
	if g.usesML() {
		m.OpsetImport = append(m.OpsetImport, &pb.OperatorSetIdProto{Domain: proto.String(mlDomain), Version: proto.Int64(opsetML)})
	}
	keys := make([]string, 0, len(meta))
	for k := range meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m.MetadataProps = append(m.MetadataProps, &pb.StringStringEntryProto{Key: proto.String(k), Value: proto.String(meta[k])})
	}
	return m
}

func (g *graph) usesML() bool {
	for _, n := range g.nodes {
		if n.GetDomain() == mlDomain {
			return true
		}
	}
	return false
}

// operators lists the operators used with how many nodes each, sorted.
func (g *graph) operators() []string {
	out := make([]string, 0, len(g.opsUsed))
	for k, n := range g.opsUsed {
		out = append(out, fmt.Sprintf("%s×%d", k, n))
	}
	sort.Strings(out)
	return out
}
