package main

import (
	"fmt"
	"os"
	"path/filepath"

	"modelbench/workflow/synth"
)

// datasets are the generated files tasks can read, by key.
var datasets = map[string]synth.Spec{
	"clf1m":   {Rows: 1_000_000, Task: synth.Classification, Seed: 42},
	"clf100k": {Rows: 100_000, Task: synth.Classification, Seed: 42},
	"reg100k": {Rows: 100_000, Task: synth.Regression, Seed: 42},
}

// ensureData writes the generated file for key into dir unless it is there.
func ensureData(dir, key string) (string, error) {
	spec, ok := datasets[key]
	if !ok {
		return "", fmt.Errorf("unknown dataset %q", key)
	}
	path := filepath.Join(dir, fmt.Sprintf("synth_%s_seed%d.csv", key, spec.Seed))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	fmt.Printf("generating %s ...\n", path)
	tmp := path + ".tmp"
	if err := synth.WriteFile(tmp, spec); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}
