package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"modelbench/cli"
)

// What a user runs, whole process, both ways: `modelbench train FILE
// --target y --cv 0` (read the file, fit the default preparation and the
// learner on every row, write model.json) against read_csv + a
// ColumnTransformer pipeline fit + joblib.dump in ref_process.py, and
// `--cv 5` (the same plus 5-fold cross-validation of the learner and the
// baseline on the same folds, every metric, out-of-fold predictions)
// against cross_validate(cv=5) of the pipeline and a DummyClassifier,
// then the final fit and dump. Nothing is set up outside the timed span:
// the work is the whole command. The learner-only times are the model/*
// tasks.
func init() {
	for _, c := range []struct {
		learner, data string
		headline      bool
	}{
		{"logistic", "clf100k", true}, {"tree", "clf100k", false}, {"forest", "clf100k", true},
		{"gbt", "clf100k", false}, {"knn", "clf100k", false}, {"naive_bayes", "clf100k", false},
		{"linear", "reg100k", false},
	} {
		for _, folds := range []int{0, 5} {
			processTask(c.learner, c.data, folds, c.headline)
		}
	}
}

// processTask registers "process/train-<learner>-cv<folds>".
func processTask(learner, dataKey string, folds int, headline bool) {
	name := fmt.Sprintf("process/train-%s-cv%d", learner, folds)
	args := []string{"--model", learner, "--cv", fmt.Sprint(folds)}
	if learner == "forest" {
		args = append(args, "--param", "n_estimators=100")
	}
	register(Task{Name: name, Area: "process", Data: dataKey, Headline: headline,
		Run: func(ctx context.Context, in any) (string, error) { return trainCommand(in.(string), args) }})
}

// trainCommand runs `modelbench train` in this process (the same code as
// the binary's command line) and returns its cross-validated score, or
// the number of rows fitted with --cv 0.
func trainCommand(path string, args []string) (string, error) {
	dir, err := os.MkdirTemp("", "mbbench-train")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	var out, errOut bytes.Buffer
	full := append([]string{"train", path, "--target", "y", "--out", dir, "--json"}, args...)
	if code := cli.Main(full, &out, &errOut); code != 0 {
		return "", fmt.Errorf("modelbench %v: exit %d: %s", full, code, errOut.String())
	}
	var res struct {
		Rows int `json:"rows"`
		CV   *struct {
			Metric  string                            `json:"metric"`
			Metrics map[string]struct{ Mean float64 } `json:"metrics"`
		} `json:"cv"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return "", err
	}
	st, _ := os.Stat(dir + "/model.json")
	size := int64(0)
	if st != nil {
		size = st.Size()
	}
	if res.CV == nil {
		return fmt.Sprintf("fitted on %d rows; model file %s", res.Rows, megabytes(size)), nil
	}
	return fmt.Sprintf("cv %s %.4f; model file %s", res.CV.Metric, res.CV.Metrics[res.CV.Metric].Mean, megabytes(size)), nil
}

func megabytes(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
