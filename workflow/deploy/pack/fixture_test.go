package pack

// The tests write real packages: the model comes from a bundled sample
// (servetest.Build), the server binary for this machine is built once in
// TestMain without cgo (packtest.BuildServers), and every package's
// server is started on 127.0.0.1 by Write itself and again by the tests.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"modelbench/workflow/deploy/pack/packtest"
	"modelbench/workflow/deploy/serve/servetest"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

var (
	testRoot string
	servers  string  // the folder of prebuilt servers
	locate0  Locator // finds the host's server in it
	fixtures = map[string]*servetest.Fixture{}
)

func specs() map[string]servetest.Spec {
	bare := prep.NewPipeline()
	return map[string]servetest.Spec{
		// Classification with probabilities, categories and missing values.
		"penguins": {Sample: "penguins", Task: model.Classification, Learner: "logistic"},
		// A forest with yes/no labels as the file spells them.
		"titanic": {Sample: "titanic", Task: model.Classification, Learner: "forest", Params: param.Values{"n_estimators": 20}, Drop: []string{"name"}},
		// Regression on numbers only, every field required.
		"diamonds": {Sample: "diamonds", Target: "price", Task: model.Regression, Learner: "linear", Drop: []string{"cut", "color", "clarity"}, Rows: 2000, Pipeline: &bare},
	}
}

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	var err error
	if testRoot, err = os.MkdirTemp("", "modelbench-pack-test-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(testRoot)
	servers = filepath.Join(testRoot, "servers")
	if locate0, err = packtest.BuildServers(context.Background(), servers); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for name, s := range specs() {
		f, err := servetest.Build(context.Background(), filepath.Join(testRoot, "fixture-"+name), s)
		if err != nil {
			fmt.Fprintf(os.Stderr, "building the %s fixture: %v\n", name, err)
			return 1
		}
		fixtures[name] = f
	}
	return m.Run()
}

// input is a fixture as the package's input.
func input(name string) *Input {
	f := fixtures[name]
	return &Input{Artifact: f.Artifact, Train: f.Train, Check: f.Test, CheckPart: "test",
		Validation: f.Metrics["validation"], Test: f.Metrics["test"], Metric: f.Metric,
		Name: name, Title: "The " + name + " model", Source: "sample " + name, AppVersion: "test"}
}

// packages are written once per fixture and shared by the tests that
// only read them.
var (
	pkgMu    sync.Mutex
	packages = map[string]*Manifest{}
)

// written returns the folder package of fixture name (written on first
// use) and its manifest.
func written(t *testing.T, name string) (string, *Manifest) {
	t.Helper()
	pkgMu.Lock()
	defer pkgMu.Unlock()
	out := filepath.Join(testRoot, "package-"+name)
	if m, ok := packages[name]; ok {
		return out, m
	}
	m, err := Write(context.Background(), input(name), out, Options{Binary: locate0}, nil)
	if err != nil {
		t.Fatalf("writing the %s package: %v", name, err)
	}
	packages[name] = m
	return out, m
}
