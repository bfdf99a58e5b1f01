package explore

import (
	"context"
	"errors"
	"image"
	"testing"

	"modelbench/assets"
	"modelbench/plots"
	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

func sample(t *testing.T, id string) (*data.Table, *eda.Report) {
	t.Helper()
	s, err := assets.LookupSample(id)
	if err != nil {
		t.Fatal(err)
	}
	r, size, _ := s.Open()
	tb, err := data.ReadCSV(context.Background(), r, size, id, data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sch, err := tb.Schema.WithRole(s.Target, data.Target); err == nil {
		tb.Schema = sch
	}
	rep, err := eda.Describe(context.Background(), tb, eda.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tb, rep
}

// drawn renders a figure and fails when it is blank (one colour only).
func drawn(t *testing.T, what string, f *plots.Figure, err error) {
	t.Helper()
	if errors.Is(err, plots.ErrNothingToDraw) {
		return
	}
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	img, err := plots.Image(f, 900, 700)
	if err != nil {
		t.Errorf("%s: render: %v", what, err)
		return
	}
	if colours(img) < 3 {
		t.Errorf("%s: the figure is blank", what)
	}
}

func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

func TestFigures_EveryColumnTargetAndAlertDraws(t *testing.T) {
	for _, id := range []string{"penguins", "seattle_weather", "titanic", "pima_diabetes", "diamonds"} {
		tb, rep := sample(t, id)
		for _, c := range tb.Frame.Names() {
			f, err := Column(tb, rep, c, plots.Light())
			drawn(t, id+" column "+c, f, err)
			if c != rep.Target {
				f, err = VersusTarget(tb, rep, c, plots.Dark())
				drawn(t, id+" target view "+c, f, err)
			}
		}
		for _, a := range rep.Alerts {
			f, err := ForAlert(tb, rep, a, plots.Light())
			drawn(t, id+" alert "+a.Kind, f, err)
		}
		f, err := Missing(rep, plots.Light())
		drawn(t, id+" missing", f, err)
		f, err = Correlations(rep, true, plots.Light())
		drawn(t, id+" spearman", f, err)
		f, err = Pair(tb, DefaultPairColumns(rep), rep.Target, plots.Light())
		drawn(t, id+" pair", f, err)
	}
}

func TestColumn_UnknownNameIsAnError(t *testing.T) {
	tb, rep := sample(t, "iris")
	if _, err := Column(tb, rep, "nope", plots.Light()); !errors.Is(err, ErrUnknownColumn) {
		t.Fatalf("error %v", err)
	}
	if _, err := VersusTarget(tb, &eda.Report{}, "species", plots.Light()); !errors.Is(err, plots.ErrNothingToDraw) {
		t.Fatalf("no target: %v", err)
	}
}
