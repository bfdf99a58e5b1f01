// Command gen writes one synthetic table; quality.py uses it so that the
// file it measures with scikit-learn is exactly what package synth writes.
//
// Usage: go run ./workflow/synth/testdata/gen -task clf|reg -rows N -seed S OUT.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"modelbench/workflow/synth"
)

func main() {
	task := flag.String("task", "clf", "clf or reg")
	rows := flag.Int("rows", 100_000, "data rows")
	seed := flag.Uint64("seed", 42, "seed")
	flag.Parse()
	spec := synth.Spec{Rows: *rows, Task: synth.Classification, Seed: *seed}
	if *task == "reg" {
		spec.Task = synth.Regression
	}
	if err := synth.WriteFile(flag.Arg(0), spec); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
