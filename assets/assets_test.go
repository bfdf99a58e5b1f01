package assets

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"io"
	"strings"
	"testing"
)

func TestSamples_AreCompleteAndReadable(t *testing.T) {
	if len(Samples()) < 6 {
		t.Fatalf("only %d samples; the gallery needs at least six", len(Samples()))
	}
	seen := map[string]bool{}
	for _, s := range Samples() {
		if seen[s.ID] {
			t.Errorf("sample id %q repeats", s.ID)
		}
		seen[s.ID] = true
		if s.Title == "" || s.Source == "" || s.Licence == "" || s.Target == "" {
			t.Errorf("%s: title, source, licence and target are required: %+v", s.ID, s)
		}
		if n := strings.Count(s.Story, "\n"); n != 1 {
			t.Errorf("%s: the story must be two lines, has %d", s.ID, n+1)
		}
		if s.Task != "classification" && s.Task != "regression" {
			t.Errorf("%s: task %q", s.ID, s.Task)
		}
		header := readHeader(t, s)
		if !contains(header, s.Target) {
			t.Errorf("%s: target %q is not a column of %v", s.ID, s.Target, header)
		}
	}
}

func readHeader(t *testing.T, s Sample) []string {
	t.Helper()
	r, _, err := s.Open()
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(s.File, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		r = gz
	}
	rec, err := csv.NewReader(r).Read()
	if err != nil && err != io.EOF {
		t.Fatalf("%s: %v", s.ID, err)
	}
	return rec
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestLookupSample_UnknownNamesTheChoices(t *testing.T) {
	if _, err := LookupSample("PENGUINS"); err != nil {
		t.Fatal(err)
	}
	_, err := LookupSample("nope")
	if err == nil || !strings.Contains(err.Error(), "penguins") {
		t.Fatalf("error %v should list the available samples", err)
	}
}

func TestGuide_EveryStageHasThreeParts(t *testing.T) {
	for _, st := range Stages {
		g, err := Guide(st)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{"## What this step is for", "## What to look at", "## Common mistakes"} {
			if !strings.Contains(g, part) {
				t.Errorf("guide %s lacks %q", st, part)
			}
		}
	}
	if _, err := Guide("nowhere"); err == nil {
		t.Fatal("unknown stage accepted")
	}
}

func TestIcon_IsAPNG(t *testing.T) {
	if _, err := png.Decode(bytes.NewReader(Icon())); err != nil {
		t.Fatal(err)
	}
}

func TestChecklist_IsVersionedJSON(t *testing.T) {
	var def struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(Checklist(), &def); err != nil {
		t.Fatal(err)
	}
	if def.Format != "modelbench.checklist" || def.Version < 1 {
		t.Fatalf("format %q version %d", def.Format, def.Version)
	}
}
