package plots

import "testing"

func TestHistogram_Golden(t *testing.T) {
	v, _ := column(t, "penguins.csv", "flipper_length_mm")
	f, err := Histogram(v, HistOptions{Title: "Flipper length", XLabel: "flipper_length_mm", KDE: true, MeanMedian: true})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "histogram", f, goldenW, goldenH)
	f, err = Histogram(v, HistOptions{Title: "Flipper length", XLabel: "flipper_length_mm", KDE: true, Style: Dark()})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "histogram_dark", f, goldenW, goldenH)
}
