package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// asReadRef is what Python's csv module reads from a file of
// testdata/asread (make_asread.py).
type asReadRef struct {
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
}

// TestTable_WriteCSVAsRead loads awkward files, writes them again with two
// added columns, and checks that every input field is the text Python's
// csv module reads from the file: no number, yes/no value, missing token
// or space is re-printed, and the rows are the loaded rows, in order.
func TestTable_WriteCSVAsRead(t *testing.T) {
	ctx := context.Background()
	files := []string{"awkward.csv", "latin1.csv", "single.tsv", "bom_noheader.csv", "one_column.csv", "awkward.csv.gz"}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			raw := asReadInput(t, name)
			var ref asReadRef
			b, err := os.ReadFile(filepath.Join("testdata/asread", strings.SplitN(name, ".", 2)[0]+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &ref); err != nil {
				t.Fatal(err)
			}
			tb, err := ReadCSV(ctx, bytes.NewReader(raw), int64(len(raw)), name, CSVOptions{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			n := tb.Frame.NumRows()
			if n != len(ref.Rows) {
				t.Fatalf("%d rows loaded, Python reads %d", n, len(ref.Rows))
			}
			nums, labels := make([]float64, n), make([]string, n)
			for i := range nums {
				nums[i], labels[i] = float64(i)+0.5, fmt.Sprintf("r%d, ok", i)
			}
			extra, _ := NewFrame(NewNumeric("prediction", nums, nil), NewCategoricalFromStrings("label", labels, nil))
			var out bytes.Buffer
			if got, err := tb.WriteCSVAsRead(ctx, &out, bytes.NewReader(raw), extra); err != nil || got != n {
				t.Fatalf("wrote %d rows: %v", got, err)
			}
			written := out.Bytes()
			bom := []byte("\xef\xbb\xbf")
			if bytes.HasPrefix(raw, bom) != bytes.HasPrefix(written, bom) {
				t.Errorf("byte-order mark: input %v, output %v", bytes.HasPrefix(raw, bom), bytes.HasPrefix(written, bom))
			}
			header := ref.Header
			if header == nil {
				header = tb.Frame.Names()
			}
			want := [][]string{append(slices.Clone(header), "prediction", "label")}
			for i, r := range ref.Rows {
				want = append(want, append(slices.Clone(r), FormatFloat(nums[i]), labels[i]))
			}
			// encoding/csv reads "\r\n" inside quotes as "\n"; Python does not.
			recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(written, bom))).ReadAll()
			if err != nil {
				t.Fatalf("%v in\n%s", err, written)
			}
			sameRecords(t, "encoding/csv", recs, want, strings.NewReplacer("\r\n", "\n"))
			if py := pythonRecords(t, written); py != nil {
				sameRecords(t, "Python's csv", py, want, strings.NewReplacer())
			}
		})
	}
}

func sameRecords(t *testing.T, reader string, got, want [][]string, norm *strings.Replacer) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s reads %d records, want %d", reader, len(got), len(want))
	}
	for i := range want {
		w := make([]string, len(want[i]))
		for j, f := range want[i] {
			w[j] = norm.Replace(f)
		}
		if !slices.Equal(got[i], w) {
			t.Errorf("%s, record %d: %q, want %q", reader, i+1, got[i], w)
		}
	}
}

// pythonRecords parses a written file with Python's csv module when
// Debian's python3 is there (nil otherwise): the reference reader the
// scored file must satisfy.
func pythonRecords(t *testing.T, written []byte) [][]string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Log("no python3: the output is checked with encoding/csv only")
		return nil
	}
	path := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(path, written, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    json.dump([r for r in csv.reader(f)], sys.stdout)`
	out, err := exec.Command(py, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var recs [][]string
	if err := json.Unmarshal(out, &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

// asReadInput returns a test file's bytes; NAME.gz is NAME compressed.
func asReadInput(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata/asread", strings.TrimSuffix(name, ".gz")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, ".gz") {
		return raw
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(raw)
	zw.Close()
	return b.Bytes()
}

// TestTable_WriteCSVAsReadRefusesAnotherFile checks that a file that no
// longer holds the loaded rows is an error, not a misaligned output.
func TestTable_WriteCSVAsReadRefusesAnotherFile(t *testing.T) {
	ctx := context.Background()
	in := "a,b\n1,x\n2,y\n3,z\n"
	tb, err := ReadCSV(ctx, strings.NewReader(in), 0, "in.csv", CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	extra, _ := NewFrame(NewNumeric("p", []float64{1, 2, 3}, nil))
	for _, changed := range []string{"a,b\n1,x\n2,y\n", "a,b\n1,x\n2\n3,z\n"} {
		if _, err := tb.WriteCSVAsRead(ctx, &bytes.Buffer{}, strings.NewReader(changed), extra); err == nil || !strings.Contains(err.Error(), "did the file change") {
			t.Errorf("%q: error %v", changed, err)
		}
	}
	short, _ := NewFrame(NewNumeric("p", []float64{1}, nil))
	if _, err := tb.WriteCSVAsRead(ctx, &bytes.Buffer{}, strings.NewReader(in), short); err == nil {
		t.Error("one extra row for three rows: no error")
	}
	other := &Table{Source: "x.json", Frame: tb.Frame}
	if _, err := other.WriteCSVAsRead(ctx, &bytes.Buffer{}, strings.NewReader(in), extra); err == nil {
		t.Error("a table not read from text: no error")
	}
}
