package workflow

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"modelbench/workflow/data"
)

type recorder struct {
	mu  sync.Mutex
	evs []Event
}

func (r *recorder) add(ev Event) { r.mu.Lock(); r.evs = append(r.evs, ev); r.mu.Unlock() }

func (r *recorder) statuses(s Stage) []Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Status
	for _, ev := range r.evs {
		if ev.Kind == StatusChanged && ev.Stage == s {
			out = append(out, ev.Status)
		}
	}
	return out
}

func writeCSV(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const smallCSV = "id,age,colour,y\n1,30,red,yes\n2,41,blue,no\n3,,red,yes\n4,25,green,no\n"

func TestProject_NewHasOnlyDataReady(t *testing.T) {
	p := New()
	if p.Status(StageData) != Ready {
		t.Fatalf("data status %v", p.Status(StageData))
	}
	for _, s := range Stages[1:] {
		if p.Status(s) != Empty {
			t.Errorf("%v status %v, want empty", s, p.Status(s))
		}
		if locked, why := p.Locked(s); !locked || why == "" {
			t.Errorf("%v should be locked with a reason", s)
		}
	}
}

func TestProject_LoadDataUnlocksExploreAndPrepare(t *testing.T) {
	dir := t.TempDir()
	path := writeCSV(t, dir, "d.csv", smallCSV)
	p := New()
	var rec recorder
	p.Subscribe(rec.add)
	if err := p.LoadData(context.Background(), DataRef{Path: path}, nil); err != nil {
		t.Fatal(err)
	}
	if got := rec.statuses(StageData); len(got) != 2 || got[0] != Running || got[1] != Done {
		t.Fatalf("data statuses %v, want running then done", got)
	}
	if p.Status(StageExplore) != Ready || p.Status(StagePrepare) != Ready {
		t.Fatalf("explore %v prepare %v", p.Status(StageExplore), p.Status(StagePrepare))
	}
	if p.Status(StageTrain) != Empty {
		t.Fatalf("train %v", p.Status(StageTrain))
	}
	doc := p.Document()
	if doc.Data.Rows != 4 || doc.Data.Cols != 4 || len(doc.Data.SHA256) != 64 {
		t.Fatalf("data ref %+v", doc.Data)
	}
}

func TestProject_FailedLoadKeepsPreviousTable(t *testing.T) {
	dir := t.TempDir()
	good := writeCSV(t, dir, "good.csv", smallCSV)
	bad := writeCSV(t, dir, "bad.csv", "a,b\n1,2\n3\n")
	p := New()
	ctx := context.Background()
	if err := p.LoadData(ctx, DataRef{Path: good}, nil); err != nil {
		t.Fatal(err)
	}
	before := p.Table()
	err := p.LoadData(ctx, DataRef{Path: bad}, nil)
	if err == nil {
		t.Fatal("a ragged file loaded")
	}
	if !strings.Contains(err.Error(), "bad.csv") || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("error %q should name the file and line", err)
	}
	if p.Table() != before || p.Document().Data.Path != good {
		t.Fatal("a failed load changed the project")
	}
	if p.Status(StageData) != Failed || p.Error(StageData) == "" {
		t.Fatalf("data status %v %q", p.Status(StageData), p.Error(StageData))
	}
}

func TestProject_SchemaChangeMarksDownstreamStale(t *testing.T) {
	dir := t.TempDir()
	p := New()
	if err := p.LoadData(context.Background(), DataRef{Path: writeCSV(t, dir, "d.csv", smallCSV)}, nil); err != nil {
		t.Fatal(err)
	}
	end, err := p.begin(StageExplore)
	if err != nil {
		t.Fatal(err)
	}
	end("report", nil)
	if p.Status(StageExplore) != Done {
		t.Fatal("explore not done")
	}
	if err := p.SetColumnRole("age", data.Ignored, "too many gaps"); err != nil {
		t.Fatal(err)
	}
	if p.Status(StageExplore) != Stale || p.Result(StageExplore) != "report" {
		t.Fatalf("explore %v result %v: want stale with the old result kept", p.Status(StageExplore), p.Result(StageExplore))
	}
	j := p.Journal()
	if len(j) == 0 || j[len(j)-1].Why != "too many gaps" {
		t.Fatalf("journal %+v", j)
	}
}

func TestProject_BadKindChangeChangesNothing(t *testing.T) {
	p := New()
	if err := p.LoadData(context.Background(), DataRef{Path: writeCSV(t, t.TempDir(), "d.csv", smallCSV)}, nil); err != nil {
		t.Fatal(err)
	}
	before := p.Table()
	err := p.SetColumnKind("colour", data.Numeric, "")
	if err == nil || !strings.Contains(err.Error(), "red") {
		t.Fatalf("error %v should name the value that does not fit", err)
	}
	if p.Table() != before || len(p.Document().Columns) != 0 {
		t.Fatal("a failed conversion changed the project")
	}
}

func TestProject_CancelledRunRestoresStatus(t *testing.T) {
	p := New()
	if err := p.LoadData(context.Background(), DataRef{Sample: "iris"}, nil); err != nil {
		t.Fatal(err)
	}
	end, _ := p.begin(StageExplore)
	end(nil, context.Canceled)
	if p.Status(StageExplore) != Ready {
		t.Fatalf("explore %v after cancel, want ready", p.Status(StageExplore))
	}
	end1, _ := p.begin(StageExplore)
	end2, _ := p.begin(StageExplore)
	end2("new", nil)
	end1("old", nil) // superseded: ignored
	if p.Result(StageExplore) != "new" {
		t.Fatalf("result %v; a superseded run overwrote the current one", p.Result(StageExplore))
	}
	end3, _ := p.begin(StageExplore)
	end3(nil, errors.New("boom"))
	if p.Status(StageExplore) != Failed || p.Result(StageExplore) != "new" {
		t.Fatal("a failure must keep the earlier result")
	}
}

func TestProject_SaveOpenRoundTrip(t *testing.T) {
	dir := t.TempDir()
	csvPath := writeCSV(t, dir, "d.csv", smallCSV)
	p := New()
	ctx := context.Background()
	if err := p.LoadData(ctx, DataRef{Path: csvPath}, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.SetColumnRole("colour", data.Target, "we predict colour"); err != nil {
		t.Fatal(err)
	}
	saved, err := p.Save(filepath.Join(dir, "proj"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Ext(saved) != FileExtension || p.Document().Data.Path != "d.csv" {
		t.Fatalf("saved %s with data path %q; want a relative path", saved, p.Document().Data.Path)
	}
	q, err := Open(ctx, saved, nil)
	if err != nil {
		t.Fatal(err)
	}
	if q.Status(StageData) != Done {
		t.Fatalf("reopened data status %v: %s", q.Status(StageData), q.Error(StageData))
	}
	if tg, _ := q.Table().Schema.Target(); tg != "colour" {
		t.Fatalf("target after reopen %q; the user's choice was lost", tg)
	}
	if len(q.Table().Issues) != 0 {
		t.Fatalf("unexpected issues %v", q.Table().Issues)
	}
	// Change the data file: the hash mismatch is reported, not fatal.
	writeCSV(t, dir, "d.csv", smallCSV+"5,50,red,no\n")
	r, _ := Open(ctx, saved, nil)
	if iss := r.Table().Issues; len(iss) == 0 || !strings.Contains(iss[0].Text, "changed") {
		t.Fatalf("issues %v should say the data changed", iss)
	}
	// Missing data: the project opens, the Data step explains.
	os.Remove(csvPath)
	m, err := Open(ctx, saved, nil)
	if err != nil || m.Status(StageData) != Failed || !strings.Contains(m.Error(StageData), "d.csv") {
		t.Fatalf("open with missing data: %v, %v %q", err, m.Status(StageData), m.Error(StageData))
	}
}

func TestDecodeDocument_RejectsForeignAndFutureFiles(t *testing.T) {
	cases := []struct{ in, want string }{
		{`not json`, "not a Modelbench project"},
		{`{"format":"other","version":1}`, "not a Modelbench project"},
		{`{"format":"modelbench.project"}`, "version"},
		{`{"format":"modelbench.project","version":99}`, "newer Modelbench"},
		{`{"format":"modelbench.project","version":1,"journal":"x"}`, "damaged"},
	}
	for i, c := range cases {
		_, err := DecodeDocument([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("case %d: error %v, want %q", i, err, c.want)
		}
	}
}

func TestDecodeDocument_RunsMigrations(t *testing.T) {
	// A pretend version 2 whose migration from 1 renames a field.
	migs := map[int]func(map[string]any) error{1: func(m map[string]any) error {
		m["app_version"] = m["old_version_field"]
		delete(m, "old_version_field")
		return nil
	}}
	doc, err := decodeVersioned([]byte(`{"format":"modelbench.project","version":1,"old_version_field":"0.0.1"}`), 2, migs)
	if err != nil || doc.Version != 2 || doc.AppVersion != "0.0.1" {
		t.Fatalf("%v %+v", err, doc)
	}
	if _, err := decodeVersioned([]byte(`{"format":"modelbench.project","version":1}`), 3, migs); err == nil {
		t.Fatal("a missing migration step went unnoticed")
	}
}

func TestAutosave_WritesRecoveryAndRestores(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "rec", "recovery.mbproj")
	p := New()
	a := p.StartAutosave(rec, 10*time.Millisecond)
	defer a.Stop()
	ctx := context.Background()
	if err := p.LoadData(ctx, DataRef{Path: writeCSV(t, dir, "d.csv", smallCSV)}, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.SetColumnRole("id", data.Identifier, "row number"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	var doc Document
	var err error
	for time.Now().Before(deadline) {
		if doc, _, err = ReadRecovery(rec); err == nil && len(doc.Columns) == 1 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil || len(doc.Columns) != 1 {
		t.Fatalf("recovery file not written: %v %+v", err, doc)
	}
	q := New()
	if err := q.Restore(ctx, doc, nil); err != nil {
		t.Fatal(err)
	}
	if f, _ := q.Table().Schema.Field("id"); f.Role != data.Identifier {
		t.Fatalf("restored role %v", f.Role)
	}
	if _, err := p.Save(filepath.Join(dir, "p.mbproj")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(rec); !os.IsNotExist(err) {
		t.Fatalf("saving should remove the recovery file: %v", err)
	}
}

func TestLoadRef_SampleUsesItsTarget(t *testing.T) {
	tb, sum, err := LoadRef(context.Background(), DataRef{Sample: "diamonds"}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if tg, _ := tb.Schema.Target(); tg != "price" || tb.Frame.NumRows() != 53940 || sum == "" {
		t.Fatalf("target %q rows %d", tg, tb.Frame.NumRows())
	}
}

func TestProject_ExploringAgainLeavesPreparationCurrent(t *testing.T) {
	p := New()
	ctx := context.Background()
	if err := p.LoadData(ctx, DataRef{Sample: "iris"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunExplore(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if p.Status(StagePrepare) != Done {
		t.Fatalf("prepare %v after exploring: the preparation does not depend on the exploration", p.Status(StagePrepare))
	}
	if err := p.SetColumnRole("petal width (cm)", data.Ignored, ""); err != nil {
		t.Fatal(err)
	}
	if p.Status(StagePrepare) != Stale || p.Status(StageExplore) != Stale {
		t.Fatalf("a data change must make both stale: prepare %v explore %v", p.Status(StagePrepare), p.Status(StageExplore))
	}
}
