package deploy

import (
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
