package serve

import (
	"fmt"
	"math"
	"net/http"
	"strings"

	"modelbench/workflow/deploy/contract"
)

// oipBatch turns input tensors into rows: one tensor per field, named by
// the field, of shape [n] or [n, 1]; or one 2-D tensor [n, k] holding
// every field in the contract's order when all fields are numeric.
func (s *Server) oipBatch(inputs []oipTensor) (*batch, error) {
	if len(inputs) == 0 {
		return nil, badRequest(`the request has no inputs; send "inputs": [{"name", "shape", "datatype", "data"}, ...]`)
	}
	if len(inputs) == 1 {
		if _, named := s.d.Contract.Field(inputs[0].Name); !named && len(inputs[0].Shape) == 2 {
			return s.oipMatrix(inputs[0])
		}
	}
	names := make([]string, len(inputs))
	arrays := make([][]any, len(inputs))
	n := int64(-1)
	seen := map[string]bool{}
	for k, in := range inputs {
		if in.Name == "" || seen[in.Name] {
			return nil, badRequest("input %d has no name or repeats the name %q", k+1, in.Name)
		}
		seen[in.Name] = true
		rows, err := oipRows(in)
		if err != nil {
			return nil, err
		}
		if n >= 0 && rows != n {
			return nil, badRequest("input %q has %d rows, but %q has %d; every input needs one value per row", in.Name, rows, inputs[0].Name, n)
		}
		n = rows
		vals, err := tensorValues(in, rows)
		if err != nil {
			return nil, err
		}
		if f, ok := s.d.Contract.Field(in.Name); ok {
			if err := datatypeFits(in, f); err != nil {
				return nil, err
			}
		}
		names[k], arrays[k] = in.Name, vals
	}
	if err := s.lim.check(int(n)); err != nil {
		return nil, err
	}
	return columnsToRows(names, arrays, int(n)), nil
}

// oipMatrix reads one [n, k] tensor of every (numeric) field in order.
func (s *Server) oipMatrix(in oipTensor) (*batch, error) {
	fields := s.d.Contract.Fields
	for _, f := range fields {
		if f.Type != contract.TypeNumber && f.Type != contract.TypeInteger {
			return nil, badRequest("a single 2-D input %q holds numbers, but the field %q is %s; send one input tensor per field, named by the field", in.Name, f.Name, f.Type)
		}
	}
	if in.Shape[1] != int64(len(fields)) {
		return nil, badRequest("input %q has shape %v; a 2-D input needs one column per field: [n, %d] in the order %s", in.Name, in.Shape, len(fields), fieldList(fields))
	}
	if !numericDatatype(in.Datatype) {
		return nil, badRequest("input %q has datatype %s; a 2-D input holds numbers (FP64, FP32, INT64, INT32, …)", in.Name, in.Datatype)
	}
	n := in.Shape[0]
	vals, err := tensorValues(in, n)
	if err != nil {
		return nil, err
	}
	if err := s.lim.check(int(n)); err != nil {
		return nil, err
	}
	b := &batch{rows: make([]map[string]any, n)}
	k := len(fields)
	for i := range b.rows {
		m := make(map[string]any, k)
		for j, f := range fields {
			m[f.Name] = vals[i*k+j]
		}
		b.rows[i] = m
	}
	return b, nil
}

func fieldList(fields []contract.Field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// oipRows checks a column tensor's shape, [n] or [n, 1], and returns n.
func oipRows(in oipTensor) (int64, error) {
	ok := len(in.Shape) == 1 || (len(in.Shape) == 2 && in.Shape[1] == 1)
	if !ok || in.Shape[0] < 0 {
		return 0, badRequest("input %q has shape %v; a column input has shape [n] or [n, 1]", in.Name, in.Shape)
	}
	return in.Shape[0], nil
}

// maxTensorValues bounds a tensor's declared size before any allocation.
const maxTensorValues = 1 << 26

// tensorValues flattens the data (row-major, nested arrays allowed),
// checks that it holds rows×(the rest of the shape) values of the
// datatype, and returns them (null is a missing value).
func tensorValues(in oipTensor, rows int64) ([]any, error) {
	size := int64(1)
	for _, d := range in.Shape {
		if d < 0 || (d > 0 && size > maxTensorValues/d) {
			return nil, badRequest("input %q has the shape %v, which is negative or too large", in.Name, in.Shape)
		}
		size *= d
	}
	var flat []any
	if err := flatten(in.Data, &flat, 0); err != nil {
		return nil, badRequest("input %q: %v", in.Name, err)
	}
	if int64(len(flat)) != size {
		return nil, badRequest("input %q has %d values for the shape %v (%d values)", in.Name, len(flat), in.Shape, size)
	}
	for i, v := range flat {
		if v == nil {
			continue
		}
		if err := elementFits(in.Datatype, v); err != nil {
			return nil, badRequest("input %q, value %d: %v", in.Name, i+1, err)
		}
	}
	return flat, nil
}

func flatten(v any, out *[]any, depth int) error {
	if depth > 4 {
		return fmt.Errorf("the data is nested too deeply")
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if err := flatten(e, out, depth+1); err != nil {
				return err
			}
		}
	case map[string]any:
		return fmt.Errorf("the data holds an object; send a (nested) array of values")
	default:
		*out = append(*out, v)
	}
	return nil
}

var intRange = map[string][2]float64{
	"INT8": {math.MinInt8, math.MaxInt8}, "INT16": {math.MinInt16, math.MaxInt16}, "INT32": {math.MinInt32, math.MaxInt32},
	"INT64": {-(1 << 63), 1<<63 - 1}, "UINT8": {0, math.MaxUint8}, "UINT16": {0, math.MaxUint16}, "UINT32": {0, math.MaxUint32}, "UINT64": {0, 1<<64 - 1},
}

func numericDatatype(dt string) bool {
	_, isInt := intRange[dt]
	return isInt || dt == "FP16" || dt == "FP32" || dt == "FP64"
}

// elementFits checks one value against the tensor's datatype.
func elementFits(dt string, v any) error {
	switch {
	case dt == "BOOL":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("a JSON %s in a BOOL tensor", jsonKind(v))
		}
	case dt == "BYTES":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("a JSON %s in a BYTES tensor (send strings)", jsonKind(v))
		}
	case numericDatatype(dt):
		f, ok := v.(float64)
		if !ok {
			return fmt.Errorf("a JSON %s in a %s tensor", jsonKind(v), dt)
		}
		if r, isInt := intRange[dt]; isInt && (f != math.Trunc(f) || f < r[0] || f > r[1]) {
			return fmt.Errorf("%v does not fit %s", f, dt)
		}
	default:
		return fmt.Errorf("unknown datatype %q (BOOL, INT8…INT64, UINT8…UINT64, FP16, FP32, FP64 or BYTES)", dt)
	}
	return nil
}

// datatypeFits checks that a tensor's datatype suits its field.
func datatypeFits(in oipTensor, f contract.Field) error {
	ok := false
	switch f.Type {
	case contract.TypeNumber, contract.TypeInteger:
		ok = numericDatatype(in.Datatype)
	case contract.TypeBoolean:
		ok = in.Datatype == "BOOL" || in.Datatype == "BYTES"
	case contract.TypeCategory:
		ok = in.Datatype == "BYTES" || in.Datatype == "BOOL" || numericDatatype(in.Datatype)
	default:
		ok = in.Datatype == "BYTES"
	}
	if !ok {
		return &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf("input %q has datatype %s, but the field is %s (send %s)", in.Name, in.Datatype, f.Type, oipDatatype(f.Type)),
			details: []Problem{{Field: f.Name, Problem: "datatype " + in.Datatype, Expected: oipDatatype(f.Type)}}}
	}
	return nil
}
