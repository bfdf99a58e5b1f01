package deploy

import (
	"math"
	"strings"
	"testing"
)

// TestExportedAs_NamesTheFormatsOfTheCurrentModelOnly: the model card's
// "Exported as" lists the portable forms of the last package of this
// model, and an export of an earlier model does not count.
func TestExportedAs_NamesTheFormatsOfTheCurrentModelOnly(t *testing.T) {
	f := Facts{Fingerprint: "new"}
	if got := exportedAs(f); !strings.Contains(got, "not exported yet") {
		t.Fatalf("no export: %q", got)
	}
	f.Exports = []Export{{Kind: ExportPackage, Path: "old/", Fingerprint: "old", Checked: true}}
	if got := exportedAs(f); !strings.Contains(got, "not exported yet") {
		t.Fatalf("an export of another model counted: %q", got)
	}
	f.Exports = append(f.Exports, Export{Kind: ExportPackage, Path: "pkg/", Fingerprint: "new", Checked: true,
		Details: map[string]string{DetailFormats: "model.onnx, reproduce.py", DetailCheckedRows: "262"}})
	got := exportedAs(f)
	for _, want := range []string{"pkg/", "model.onnx, reproduce.py", "checked", "262 rows"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
}

// TestModelCard_ListsTheVersions: after retrains the model details say
// which version this is and list every version with what it learnt
// from, how it compared with the one before, and why it was kept.
func TestModelCard_ListsTheVersions(t *testing.T) {
	f := Facts{Version: 2, Versions: []VersionFact{
		{Version: 1, LearnRows: 1047, Source: "sample:titanic", Before: math.NaN(), After: math.NaN(), Why: "the best on the leaderboard"},
		{Version: 2, LearnRows: 1414, Source: "feedback in the log p.db", CompareRows: 158, Metric: "balanced_accuracy", Before: 0.6939, After: 0.7525, Why: "older passengers"},
	}}
	sec := &DocSection{}
	cardVersions(sec, f)
	if len(sec.Blocks) != 2 || !strings.Contains(sec.Blocks[0].Text, "model version 2") || sec.Blocks[1].Table == nil {
		t.Fatalf("blocks %+v", sec.Blocks)
	}
	rows := sec.Blocks[1].Table.Rows
	if len(rows) != 2 || rows[0][3] != "—" || rows[1][3] != "balanced_accuracy 0.6939 → 0.7525 on 158 rows" || rows[1][2] != "1414 rows of feedback in the log p.db" || rows[1][4] != "older passengers" {
		t.Fatalf("rows %q", rows)
	}
	empty := &DocSection{}
	cardVersions(empty, Facts{Version: 1})
	if len(empty.Blocks) != 0 {
		t.Fatalf("a card without retrains lists versions: %+v", empty.Blocks)
	}
}
