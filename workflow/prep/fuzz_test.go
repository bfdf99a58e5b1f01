package prep

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzPipelineJSON checks that no file makes the pipeline reader panic,
// and that whatever it accepts writes back to a file it reads the same.
// Its corpus is kept in testdata/fuzz.
func FuzzPipelineJSON(f *testing.F) {
	for _, pc := range propertyCases(f) {
		b, _ := json.Marshal(NewPipeline(pc.steps...))
		f.Add(b)
	}
	f.Add([]byte(`{"format":"modelbench.pipeline","version":1,"steps":[{"kind":"impute","params":{"strategy":"mean"}}]}`))
	f.Add([]byte(`{"format":"modelbench.pipeline","version":2}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Pipeline
		if err := json.Unmarshal(b, &p); err != nil {
			return
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("an accepted pipeline does not marshal: %v", err)
		}
		var back Pipeline
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-reading %s: %v", out, err)
		}
		if !reflect.DeepEqual(p, back) {
			t.Fatalf("round trip changed %s", out)
		}
	})
}

// FuzzFittedJSON checks that no fitted-pipeline file, however damaged,
// makes reading it or applying it panic.
func FuzzFittedJSON(f *testing.F) {
	ctx := context.Background()
	for _, pc := range propertyCases(f) {
		p := NewPipeline(pc.steps...)
		frame := loadFrame(f, pc.csv)
		if ft, err := p.Fit(ctx, frame, pc.target, nil); err == nil {
			b, _ := json.Marshal(ft)
			f.Add(b, pc.csv)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte, csv string) {
		if csv != "penguins.csv" && csv != "vega_seattle_weather.csv" && csv != "r_airquality.csv" {
			return
		}
		var ft Fitted
		if err := json.Unmarshal(b, &ft); err != nil {
			return
		}
		_, _ = ft.Apply(ctx, loadFrame(t, csv))
	})
}
