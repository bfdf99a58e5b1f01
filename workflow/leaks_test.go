package workflow

import (
	"context"
	"slices"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/internal/testsets"
	"modelbench/workflow/progress"
)

// openIrisByCode opens scikit-learn's iris as a new user would: the
// numeric code "target" as the target, with the spelled-out label
// "target_name" still in the table.
func openIrisByCode(t *testing.T) *Project {
	t.Helper()
	p := New()
	if err := p.LoadData(context.Background(), DataRef{Path: testsets.Path("sk_iris.csv")}, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.SetColumnRole("target", data.Target, "the code to predict"); err != nil {
		t.Fatal(err)
	}
	return p
}

func dropped(p *Project) []string {
	pl, _ := p.Pipeline()
	var out []string
	for _, s := range pl.Steps {
		if s.Kind == "drop_columns" {
			out = append(out, s.Params.Strings("columns")...)
		}
	}
	return out
}

func TestPipeline_DefaultLeavesOutAPerfectPredictorUnlessKept(t *testing.T) {
	ctx := context.Background()
	p := openIrisByCode(t)
	s := p.LeakSuspects()
	if len(s) != 1 || s[0].Column != "target_name" || s[0].Kept || s[0].Score != 1 || s[0].Rows != 90 {
		t.Fatalf("suspects %+v", s)
	}
	if got := dropped(p); !slices.Equal(got, []string{"target_name"}) {
		t.Fatalf("the default drops %v", got)
	}
	pl, _ := p.Pipeline()
	if why := pl.Steps[0].Why; !strings.Contains(why, `"target_name" alone predicts the target "target"`) || !strings.Contains(why, "over 90 rows on the training rows") ||
		!strings.Contains(why, "--keep") {
		t.Fatalf("why %q", why)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := p.Preparation().Prepared.Lookup("target_name=versicolor"); ok {
		t.Fatal("the leak reached the prepared rows")
	}
	// Keeping it is a role the person chooses.
	if err := p.SetColumnRole("target_name", data.Feature, "I know what it is"); err != nil {
		t.Fatal(err)
	}
	if s := p.LeakSuspects(); len(s) != 1 || !s[0].Kept {
		t.Fatalf("after keeping: %+v", s)
	}
	if got := dropped(p); len(got) != 0 {
		t.Fatalf("a kept column was dropped: %v", got)
	}
}

// The check reads the training rows only: a column that copies the target
// there (and not on the other rows) is a suspect, one that copies it only
// on the held-out rows is not.
func TestLeakSuspects_ReadOnlyTheTrainingRows(t *testing.T) {
	const n = 300
	y := make([]string, n)
	for i := range y {
		y[i] = []string{"a", "b", "c"}[i%3]
	}
	base, _ := data.NewFrame(data.NewCategoricalFromStrings("y", y, nil))
	spec := New().SplitSpec()
	spec.Method = "stratified"
	split, _, err := splitRows(data.NewTable("t", base, nil), "y", spec)
	if err != nil {
		t.Fatal(err)
	}
	inTrain := map[int]bool{}
	for _, r := range split.Train {
		inTrain[r] = true
	}
	onTrain, offTrain := make([]string, n), make([]string, n)
	for i := range y {
		other := []string{"a", "b", "c"}[i/3%3] // unrelated to y
		onTrain[i], offTrain[i] = y[i], y[i]
		if inTrain[i] {
			offTrain[i] = other
		} else {
			onTrain[i] = other
		}
	}
	f, _ := data.NewFrame(data.NewCategoricalFromStrings("on_train", onTrain, nil), data.NewCategoricalFromStrings("off_train", offTrain, nil),
		data.NewCategoricalFromStrings("y", y, nil))
	p := New()
	p.Loader = func(context.Context, DataRef, string, progress.Func) (*data.Table, string, error) {
		return data.NewTable("t", f, nil), "", nil
	}
	if err := p.LoadData(context.Background(), DataRef{Path: "memory"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.SetColumnRole("y", data.Target, ""); err != nil {
		t.Fatal(err)
	}
	if p.SplitSpec() != spec {
		t.Fatalf("split %+v, want %+v", p.SplitSpec(), spec)
	}
	s := p.LeakSuspects()
	if len(s) != 1 || s[0].Column != "on_train" || s[0].Rows != len(split.Train) {
		t.Fatalf("suspects %+v", s)
	}
}
