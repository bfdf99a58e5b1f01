package workflow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"

	"modelbench/assets"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/progress"
	"modelbench/workflow/source"
)

// Score predicts every row of the data ref names (see LoadRef; base
// resolves relative paths) with a and writes the scored table as CSV to w:
// the input cells followed by the prediction columns ("prediction" and,
// for classifiers, "probability_<class>"), one output row per input row in
// the input's order; with onlyPredictions just the prediction columns. It
// is what `modelbench predict` and the Train step's Score… do.
//
// Delimited text (a file, a .gz, a sample) is read a second time, so that
// every input cell is written as the file holds it (artifact's
// Predictions.WriteCSV); other sources give the loaded values. When the
// load gave the file's hash, the second read is checked against it and a
// file that changed in between is an error (after the rows are written).
// It returns the rows written. Progress: 0–0.6 loading, then writing.
// Errors name the file, row or column; a cancelled ctx returns ctx.Err().
func Score(ctx context.Context, a *artifact.Artifact, ref DataRef, base string, w io.Writer, onlyPredictions bool, report progress.Func) (int, error) {
	t, sum, err := LoadRef(ctx, ref, base, report.Scale(0, 0.6))
	if err != nil {
		return 0, err
	}
	p, err := a.Predict(ctx, t.Frame)
	if err != nil {
		return 0, err
	}
	report.Send(0.8, "writing the predictions")
	if onlyPredictions {
		f, err := p.Frame()
		if err != nil {
			return 0, err
		}
		return f.NumRows(), data.WriteCSV(w, f)
	}
	var src io.Reader
	if t.Text != nil {
		rc, err := openText(ref, base)
		if err != nil {
			return 0, err
		}
		defer rc.Close()
		src = rc
	}
	if ref.Sample != "" {
		sum = "" // bundled data cannot change
	}
	h := sha256.New()
	if src != nil && sum != "" {
		src = io.TeeReader(src, h)
	}
	n, err := p.WriteCSV(ctx, w, t, src)
	if err == nil && src != nil && sum != "" {
		err = sameHash(src, h, sum, t.Source)
	}
	if err == nil {
		report.Send(1, "done")
	}
	return n, err
}

// sameHash reads the rest of src into h and checks the hash.
func sameHash(src io.Reader, h hash.Hash, sum, name string) error {
	if _, err := io.Copy(io.Discard, src); err != nil {
		return err
	}
	if hex.EncodeToString(h.Sum(nil)) != sum {
		return fmt.Errorf("%s changed while it was being scored; score it again", name)
	}
	return nil
}

// openText opens again the delimited text that LoadRef read for ref.
func openText(ref DataRef, base string) (io.ReadCloser, error) {
	path := ref.Path
	switch {
	case ref.Source != nil:
		if ref.Source.Kind != source.CSV || ref.Source.Path == "" {
			return nil, fmt.Errorf("%s is not delimited text", ref.Source)
		}
		path = ref.Source.Path
	case ref.Sample != "":
		s, err := assets.LookupSample(ref.Sample)
		if err != nil {
			return nil, err
		}
		r, _, err := s.Open()
		if err != nil {
			return nil, err
		}
		return io.NopCloser(r), nil
	}
	return os.Open(resolve(base, path))
}
