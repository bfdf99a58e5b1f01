package monitor

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecodeBaseline: any input either fails to decode with an error, or
// decodes to a valid baseline that encodes and decodes to itself and can
// summarise a window without panicking, into a report that encodes.
func FuzzDecodeBaseline(f *testing.F) {
	var buf bytes.Buffer
	b := smallBaseline(&testing.T{})
	if err := b.Encode(&buf); err != nil {
		f.Fatal(err)
	}
	good := buf.String()
	f.Add([]byte(good))
	f.Add([]byte(strings.Replace(good, `"version": 1`, `"version": 3`, 1)))
	f.Add([]byte(strings.Replace(good, `"bins": [`, `"bins": [1, `, 1)))
	f.Add([]byte(`{"format":"modelbench-baseline","version":1,"task":"regression","rows":1,"features":[{"name":"x","kind":"numeric","count":1,"missing":0,"missing_share":0,"numeric":{"mean":1,"std":0,"min":1,"max":1,"edges":[1],"bins":[1,0],"sample":[1]}}],"prediction":{"name":"prediction","kind":"numeric","count":1,"missing":1,"missing_share":1,"numeric":{"mean":0,"std":0,"min":0,"max":0,"edges":[],"bins":[0],"sample":[]}}}`))
	f.Add([]byte(`{"format":"modelbench-baseline","version":1}`))
	f.Add([]byte(`[]`))
	recs := []Record{
		{Inputs: map[string]any{"x": 1.5, "flag": "yes", "colour": "red", "when": "2024-01-05"}, Outcome: Outcome{Prediction: "yes", Truth: "no"}},
		{Inputs: map[string]any{"x": "a", "colour": 3.0}, Outcome: Outcome{Prediction: 2.5, Truth: 3.0}},
		{Inputs: map[string]any{"x": 1e308, "flag": false}, Outcome: Outcome{Prediction: -1e308}},
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		b, err := DecodeBaseline(raw)
		if err != nil {
			if b != nil {
				t.Fatal("a baseline and an error")
			}
			return
		}
		var out bytes.Buffer
		if err := b.Encode(&out); err != nil {
			t.Fatalf("a decoded baseline does not encode: %v", err)
		}
		again, err := DecodeBaseline(out.Bytes())
		if err != nil || !reflect.DeepEqual(b, again) {
			t.Fatalf("re-encoded baseline reads back as %v", err)
		}
		rep, err := Summarise(context.Background(), b, recs, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatalf("the report does not encode: %v", err)
		}
	})
}
