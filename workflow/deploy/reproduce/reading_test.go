package reproduce_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow/data"
)

// writeFrench writes a file the way a French spreadsheet exports one:
// semicolons, decimal commas, spaces between thousands, Latin-1 bytes,
// day-first dates with dots, Y/N answers and "manque" for a missing cell.
// The numbers are drawn from a fixed seed; note depends on them.
func writeFrench(t *testing.T) string {
	t.Helper()
	r := rand.New(rand.NewPCG(7, 13))
	regions := []string{"Île-de-France", "Bretagne", "Provence-Alpes-Côte d'Azur", "Hauts-de-France", "Corse"}
	var b strings.Builder
	b.WriteString("région;prix;surface;vendu le;jardin;note\n")
	comma := func(v float64, decimals int) string {
		return strings.Replace(fmt.Sprintf("%.*f", decimals, v), ".", ",", 1)
	}
	for i := 0; i < 400; i++ {
		reg := regions[min(r.IntN(9), 4)]
		prix := 50 + 400*r.Float64()
		surf := 20 + 2500*r.Float64()
		day := 1 + r.IntN(28)
		month := 1 + r.IntN(12)
		garden := r.IntN(2) == 0
		note := 3 + 0.01*prix - 0.0007*surf + float64(month)/6 + r.NormFloat64()
		if garden {
			note += 1.5
		}
		if strings.HasPrefix(reg, "Î") {
			note += 2
		}
		cells := []string{reg, comma(prix, 2), thousands(surf), fmt.Sprintf("%02d.%02d.20%02d", day, month, 18+r.IntN(6)),
			map[bool]string{true: "Y", false: "N"}[garden], comma(note, 3)}
		if i%17 == 3 {
			cells[(i/17)%5] = "manque"
		}
		b.WriteString(strings.Join(cells, ";") + "\n")
	}
	var latin1 []byte
	for _, c := range b.String() {
		if c > 0xff {
			t.Fatalf("%q is not Latin-1", c)
		}
		latin1 = append(latin1, byte(c))
	}
	path := filepath.Join(t.TempDir(), "ventes.csv")
	if err := os.WriteFile(path, latin1, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// thousands writes v with one decimal, a decimal comma and a space
// between thousands ("1 234,5").
func thousands(v float64) string {
	whole := int(math.Floor(v))
	s := fmt.Sprint(whole)
	if len(s) > 3 {
		s = s[:len(s)-3] + " " + s[len(s)-3:]
	}
	return s + "," + fmt.Sprint(int(math.Round((v-float64(whole))*10))%10)
}

// TestScript_ReadsTheFileAsModelbench checks a file that needs every
// reading option: the script must type each cell as the loader did (the
// prepared rows would differ otherwise).
func TestScript_ReadsTheFileAsModelbench(t *testing.T) {
	d := dataset{abs: writeFrench(t), target: "note",
		opt: data.ParseOptions{DecimalComma: true, Thousands: ' ', MissingTokens: []string{"", "manque"}}}
	tr := train(t, d, "linear", nil, nil)
	tb := tr.p.Table()
	if tb.Text == nil || tb.Text.Delimiter != ';' || !tb.Text.Latin1 {
		t.Fatalf("the loader read the file as %+v", tb.Text)
	}
	for name, want := range map[string]data.Kind{"région": data.Categorical, "prix": data.Numeric, "surface": data.Numeric,
		"vendu le": data.Datetime, "jardin": data.Boolean} {
		if c, ok := tb.Frame.Lookup(name); !ok || c.Kind() != want || c.Missing() == 0 {
			t.Fatalf("column %q: %v (want %s with missing values)", name, c, want)
		}
	}
	got, res := runScript(t, tr, d.path(t))
	comparePrepared(t, tr, got)
	compareFitted(t, tr, res.fitted)
	compareMetrics(t, tr, res)
}
