package model

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"modelbench/workflow/param"
)

// Entry describes one learner family for the registry.
type Entry struct {
	Name  string // registry name: "baseline", "linear", "logistic", "tree", "forest", "gbt", "knn", "naive_bayes"
	Label string // human name, e.g. "Random forest"
	// Help explains in plain words what the learner does, when it works and
	// what to watch out for.
	Help   string
	Tasks  []Task       // the tasks it supports
	Params []param.Spec // described once: builds forms, fills the model card, drives tests
	// New builds a learner for task from resolved values (param.Resolve
	// already applied, so every spec has a value of its canonical type).
	New func(task Task, v param.Values) (Learner, error)
}

// Supports reports whether the entry lists task among its Tasks.
func (e Entry) Supports(task Task) bool { return slices.Contains(e.Tasks, task) }

// ErrUnknownLearner is returned (wrapped) by New for a name no package
// registered.
var ErrUnknownLearner = errors.New("no learner is registered under this name")

// teachingOrder is the order Entries lists the families in: the simplest
// first, so that a learner meets the baseline before anything else.
var teachingOrder = []string{"baseline", "linear", "logistic", "naive_bayes", "knn", "tree", "forest", "gbt"}

var registry = struct {
	sync.RWMutex
	entries map[string]Entry
}{entries: map[string]Entry{}}

// Register adds a learner family. It is meant to be called from the init
// function of the learner's package. It panics when the name is empty or
// already taken, when New is nil or when Tasks is empty: all are
// programming errors.
func Register(e Entry) {
	if e.Name == "" || e.New == nil || len(e.Tasks) == 0 {
		panic(fmt.Sprintf("model: incomplete registry entry %q", e.Name))
	}
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.entries[e.Name]; dup {
		panic("model: learner registered twice: " + e.Name)
	}
	registry.entries[e.Name] = e
}

// Lookup returns the entry registered under name, and false when there is
// none.
func Lookup(name string) (Entry, bool) {
	registry.RLock()
	defer registry.RUnlock()
	e, ok := registry.entries[name]
	return e, ok
}

// Entries returns every registered entry in a fixed teaching order
// (baseline first, then the families of teachingOrder, then any others by
// name). The result is a new slice; the entries' Params and Tasks are shared
// and must not be modified. It is empty when nothing is registered.
func Entries() []Entry {
	registry.RLock()
	out := make([]Entry, 0, len(registry.entries))
	for _, e := range registry.entries {
		out = append(out, e)
	}
	registry.RUnlock()
	rank := func(name string) int {
		if i := slices.Index(teachingOrder, name); i >= 0 {
			return i
		}
		return len(teachingOrder)
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank(out[i].Name), rank(out[j].Name)
		if ri != rj {
			return ri < rj
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// New builds the learner registered under name for task. It resolves v
// against the entry's Params (filling defaults, rejecting unknown names and
// out-of-range values; a nil v means all defaults) and then calls the
// entry's New. It returns an error wrapping ErrUnknownLearner for an unknown
// name and ErrWrongTask when the family does not support task.
func New(name string, task Task, v param.Values) (Learner, error) {
	e, ok := Lookup(name)
	if !ok {
		return nil, fmt.Errorf("%w: %q (registered: %s)", ErrUnknownLearner, name, strings.Join(names(), ", "))
	}
	if !e.Supports(task) {
		return nil, fmt.Errorf("%s: %w: %s", name, ErrWrongTask, task)
	}
	rv, err := param.Resolve(e.Params, v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return e.New(task, rv)
}

func names() []string {
	es := Entries()
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

// Seeded returns a copy of given with "seed" set to seed when the family
// has a "seed" parameter that given leaves unset; other values, and a seed
// the caller chose, are kept. It is how one seed (the project's) reaches
// every learner, so that the recorded seed is the one that refits it.
func (e Entry) Seeded(given param.Values, seed uint64) param.Values {
	out := param.Values{}
	for k, v := range given {
		out[k] = v
	}
	for _, sp := range e.Params {
		if sp.Name == "seed" {
			if _, set := out["seed"]; !set {
				out["seed"] = int(seed)
			}
		}
	}
	return out
}
