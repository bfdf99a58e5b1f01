//go:build ignore

// make_old_models writes the model files of this folder with the code of
// the commit it is run at. It was run once at commit 0663b76 (before
// BooleanColumn remembered how a file spells yes and no), from the
// repository root:
//
//	CGO_ENABLED=0 go run workflow/artifact/testdata/oldformat/make_old_models.go
//
// so the files hold that code's classes ("false"/"true" for the yes/no
// target churn) and its boolean levels in the fitted steps. Running it
// again on newer code would write new-format files; don't.
package main

import (
	"context"
	"log"
	"os"
	"path/filepath"

	"modelbench/ui/cli"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

const dir = "workflow/artifact/testdata/oldformat"

func main() {
	csvPath := filepath.Join(dir, "churn.csv")
	// 1. What a user did: modelbench train churn.csv --target churn (the
	// default preparation), then predict.
	cliDir := filepath.Join(dir, "cli")
	mustRun("train", csvPath, "--target", "churn", "--model", "logistic", "--cv", "0", "--out", cliDir)
	mustRun("predict", cliDir, csvPath, "--out", filepath.Join(cliDir, "scored.csv"))

	// 2. Steps that learn yes/no values as labels: most_frequent impute,
	// one_hot and ordinal on yes/no columns listed by name.
	ctx := context.Background()
	t, err := data.LoadCSV(ctx, csvPath, data.CSVOptions{}, nil)
	if err != nil {
		log.Fatal(err)
	}
	pipe := prep.NewPipeline(
		prep.Configure("drop_columns", param.Values{"columns": []string{"id"}}, "an identifier"),
		prep.Configure("impute", param.Values{"columns": []string{"paperless"}, "strategy": "most_frequent", "indicator": true}, "fill yes/no"),
		prep.Configure("one_hot", param.Values{"columns": []string{"senior", "contract"}, "drop": "none"}, "yes/no and categories as 0/1"),
		prep.Configure("ordinal", param.Values{"column": "paperless", "order": "false, true"}, "no < yes"),
		prep.Configure("scale", param.Values{"method": "standard"}, "for the linear model"),
	)
	a, err := artifact.Fit(ctx, t.Frame, artifact.Spec{Target: "churn", Task: model.Classification, Pipeline: pipe, Learner: "logistic"}, nil)
	if err != nil {
		log.Fatal(err)
	}
	a.DataSource = "churn.csv"
	stepsDir := filepath.Join(dir, "steps")
	if _, err := a.Save(stepsDir); err != nil {
		log.Fatal(err)
	}
	mustRun("predict", stepsDir, csvPath, "--out", filepath.Join(stepsDir, "scored.csv"))
}

func mustRun(args ...string) {
	if code := cli.Main(args, os.Stdout, os.Stderr); code != 0 {
		log.Fatalf("%v: exit %d", args, code)
	}
}
