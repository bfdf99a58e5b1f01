package predlog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"modelbench/workflow/deploy/monitor"
)

// encoded is an entry as the stores write it: times in Unix microseconds,
// values as JSON text.
type encoded struct {
	feedback   bool
	id         string
	timeUS     int64
	version    string
	inputs     string
	prediction string
	probs      *string // nil: SQL NULL
	latencyUS  int64
	truth      string // feedback
}

func encodeAll(es []entry) []encoded {
	out := make([]encoded, len(es))
	var buf bytes.Buffer
	for i, e := range es {
		if e.fb != nil {
			out[i] = encoded{feedback: true, id: e.fb.ID, timeUS: e.fb.Time.UnixMicro(), truth: jsonText(&buf, e.fb.Truth)}
			continue
		}
		p := e.pred
		out[i] = encoded{id: p.ID, timeUS: p.Time.UnixMicro(), version: p.ModelVersion,
			prediction: predictionText(&buf, p.Prediction), latencyUS: p.Latency.Microseconds()}
		switch {
		case p.InputsJSON != nil:
			out[i].inputs = string(p.InputsJSON)
		case p.Inputs == nil:
			out[i].inputs = "{}"
		default:
			out[i].inputs = jsonText(&buf, p.Inputs)
		}
		if p.Probabilities != nil {
			s := probsText(&buf, p.Probabilities)
			out[i].probs = &s
		}
	}
	return out
}

// jsonText encodes v; values JSON cannot hold (NaN, infinities, or a
// type that does not marshal) become null, so that one odd value never
// stops the writer.
func jsonText(buf *bytes.Buffer, v any) string {
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return encodeLoosely(v)
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}

// predictionText encodes a label or a number without reflection.
func predictionText(buf *bytes.Buffer, v any) string {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "null"
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		b, err := json.Marshal(x)
		if err == nil {
			return string(b)
		}
	}
	return jsonText(buf, v)
}

// probsText encodes class probabilities as a JSON object with sorted
// keys, without reflection (non-finite values are null).
func probsText(buf *bytes.Buffer, m map[string]float64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	buf.Reset()
	buf.WriteByte('{')
	var num []byte
	for i, k := range keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		if v := m[k]; math.IsNaN(v) || math.IsInf(v, 0) {
			buf.WriteString("null")
		} else {
			num = strconv.AppendFloat(num[:0], v, 'g', -1, 64)
			buf.Write(num)
		}
	}
	buf.WriteByte('}')
	return buf.String()
}

// encodeLoosely encodes maps and numbers with non-finite values as null.
func encodeLoosely(v any) string {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "null"
		}
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, val := range x {
			if f, ok := val.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				val = nil
			}
			m[k] = val
		}
		if b, err := json.Marshal(m); err == nil {
			return string(b)
		}
	case map[string]float64:
		m := make(map[string]any, len(x))
		for k, f := range x {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				m[k] = nil
			} else {
				m[k] = f
			}
		}
		if b, err := json.Marshal(m); err == nil {
			return string(b)
		}
	}
	return "null"
}

// row is a logged prediction as the stores read it.
type row struct {
	id         string
	timeUS     int64
	version    string
	inputs     string
	prediction string
	probs      *string
	latencyUS  int64
	truth      *string
}

// Logged is one logged prediction with its feedback, as Entries returns
// it.
type Logged struct {
	ID           string
	ModelVersion string
	monitor.Record
}

func (r row) logged() (Logged, error) {
	out := Logged{ID: r.id, ModelVersion: r.version}
	out.Time = time.UnixMicro(r.timeUS).UTC()
	out.Latency = time.Duration(r.latencyUS) * time.Microsecond
	if err := json.Unmarshal([]byte(r.inputs), &out.Inputs); err != nil {
		return out, fmt.Errorf("prediction %s: the inputs are not a JSON object: %w", r.id, err)
	}
	if err := json.Unmarshal([]byte(r.prediction), &out.Prediction); err != nil {
		return out, fmt.Errorf("prediction %s: the prediction is not JSON: %w", r.id, err)
	}
	if r.probs != nil {
		if err := json.Unmarshal([]byte(*r.probs), &out.Probabilities); err != nil {
			return out, fmt.Errorf("prediction %s: the probabilities are not a JSON object: %w", r.id, err)
		}
	}
	if r.truth != nil {
		if err := json.Unmarshal([]byte(*r.truth), &out.Truth); err != nil {
			return out, fmt.Errorf("prediction %s: the feedback is not JSON: %w", r.id, err)
		}
	}
	return out, nil
}
