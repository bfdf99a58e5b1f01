package explore

import (
	"context"
	"errors"
	"image"
	"slices"
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

// drawn renders a figure and fails when it is blank (one colour only). A
// figure that does not apply (plots.ErrNothingToDraw) is added to nothing.
func drawn(t *testing.T, what string, f *plots.Figure, err error, nothing *[]string) {
	t.Helper()
	if errors.Is(err, plots.ErrNothingToDraw) {
		*nothing = append(*nothing, what)
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

// TestFigures_EveryColumnTargetAndAlertDraws draws every figure of five
// samples; only the listed ones may have nothing to draw.
func TestFigures_EveryColumnTargetAndAlertDraws(t *testing.T) {
	var nothing []string
	for _, id := range []string{"penguins", "seattle_weather", "titanic", "pima_diabetes", "diamonds"} {
		tb, rep := sample(t, id)
		for _, c := range tb.Frame.Names() {
			f, err := Column(tb, rep, c, plots.Light())
			drawn(t, id+" column "+c, f, err, &nothing)
			if c != rep.Target {
				f, err = VersusTarget(tb, rep, c, plots.Dark())
				drawn(t, id+" target view "+c, f, err, &nothing)
			}
		}
		for _, a := range rep.Alerts {
			f, err := ForAlert(tb, rep, a, plots.Light())
			drawn(t, id+" alert "+a.Kind, f, err, &nothing)
		}
		f, err := Missing(rep, plots.Light())
		drawn(t, id+" missing", f, err, &nothing)
		f, err = Correlations(rep, true, plots.Light())
		drawn(t, id+" spearman", f, err, &nothing)
		f, err = Pair(tb, DefaultPairColumns(rep), rep.Target, plots.Light())
		drawn(t, id+" pair", f, err, &nothing)
	}
	want := []string{
		"seattle_weather target view date", // a date against a class
		"titanic target view name",         // free text
		"titanic spearman",                 // one numeric column only
		"diamonds alert duplicate_rows",    // the finding has no figure
	}
	if !slices.Equal(nothing, want) {
		t.Errorf("figures with nothing to draw: %q, want %q", nothing, want)
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
