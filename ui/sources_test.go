package ui

import (
	"strings"
	"testing"

	"modelbench/workflow"
	"modelbench/workflow/source"
)

func TestSourceDialog_SQLiteTablePreviewAndLoad(t *testing.T) {
	u, w := newTestUI(t, Options{})
	u.openDataFile("../workflow/source/testdata/sqlite/shop.db")
	if len(w.Canvas().Overlays().List()) == 0 {
		t.Fatal("no source dialog for an SQLite file")
	}
	spec, _ := source.Detect("../workflow/source/testdata/sqlite/shop.db")
	d := &sourceDialog{u: u, spec: spec}
	u.sourceDialogFields(d)
	d.fillChoices()
	if len(d.choice.Options) == 0 || d.choice.Selected == "" {
		t.Fatalf("tables not listed: %v", d.choice.Options)
	}
	if !strings.Contains(d.preview.Text, "(") {
		t.Fatalf("no preview with types: %q", d.preview.Text)
	}
	d.limit.SetText("x")
	if _, err := d.read(); err == nil || !strings.Contains(err.Error(), "row limit") {
		t.Fatalf("a bad limit: %v", err)
	}
	d.limit.SetText("")
	s, err := d.read()
	if err != nil {
		t.Fatal(err)
	}
	u.loadData(workflow.DataRef{Source: &s})
	if u.Project().Table() == nil || u.Project().Document().Data.Source.Table != d.choice.Selected {
		t.Fatalf("not loaded: %s", u.Project().Error(workflow.StageData))
	}
}
