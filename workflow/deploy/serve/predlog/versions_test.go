package predlog

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestLog_Versions counts the predictions per model version with their
// first and last times and feedback, honouring the query's times and
// version, without decoding a row.
func TestLog_Versions(t *testing.T) {
	testVersions(t, "sqlite:"+filepath.Join(t.TempDir(), "log.db"))
}

func TestLog_VersionsPostgres(t *testing.T) {
	testVersions(t, postgresURL(t))
}

func testVersions(t *testing.T, spec string) {
	ctx := context.Background()
	l, err := Open(ctx, spec, Options{MaxAge: -1})
	if err != nil {
		t.Fatal(err)
	}
	var ps []Prediction
	for i := range 10 {
		p := pred(i, t0.Add(time.Duration(i)*time.Minute))
		if i >= 6 {
			p.ModelVersion = "def456"
		}
		ps = append(ps, p)
	}
	if err := l.Add(ctx, ps...); err != nil {
		t.Fatal(err)
	}
	if err := l.AddFeedback(ctx, Feedback{ID: "p0001", Truth: "no", Time: t0}, Feedback{ID: "p0007", Truth: "no", Time: t0}); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReader(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	got, err := r.Versions(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	want := []VersionCount{
		{ModelVersion: "abc123", Rows: 6, First: t0, Last: t0.Add(5 * time.Minute), Feedback: 1},
		{ModelVersion: "def456", Rows: 4, First: t0.Add(6 * time.Minute), Last: t0.Add(9 * time.Minute), Feedback: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Versions = %+v, want %+v", got, want)
	}
	got, err = r.Versions(ctx, Query{Since: t0.Add(3 * time.Minute), Until: t0.Add(7 * time.Minute), ModelVersion: "abc123", Limit: 1})
	if err != nil || len(got) != 1 || got[0].Rows != 3 || got[0].Feedback != 0 {
		t.Fatalf("Versions of a window = %+v, %v", got, err)
	}
	if got, err = r.Versions(ctx, Query{ModelVersion: "none"}); err != nil || len(got) != 0 {
		t.Fatalf("Versions of an unknown version = %+v, %v", got, err)
	}
}
