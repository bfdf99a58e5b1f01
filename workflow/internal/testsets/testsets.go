package testsets

import (
	"path/filepath"
	"runtime"
)

// Dir returns the absolute path of the folder holding the CSV files.
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("testsets: cannot locate the package source")
	}
	return filepath.Join(filepath.Dir(file), "data")
}

// Path returns the absolute path of one dataset file, e.g. "sk_iris.csv".
func Path(name string) string { return filepath.Join(Dir(), name) }
