// Command mbbench measures Modelbench against the reference tools a user
// would otherwise pick (pandas, scikit-learn from Debian's packages) on the
// same generated files in the same run, and prints times, peak memory and
// ratios. It is what `make bench` runs.
//
// Each measurement runs in its own child process so that peak memory
// (getrusage maxrss) belongs to that task alone: the Go side re-executes
// this binary with -worker, the reference side runs an embedded Python
// script with Debian's /usr/bin/python3. Both print one JSON line
// {"seconds": s, "note": "..."} timing only the work, not start-up.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Task is one measurement: a Go function and the name of the Python
// function in ref_<Area>.py that does the same work.
type Task struct {
	Name string // unique, e.g. "load/csv-1m"
	Area string // the ref_<Area>.py script that holds the reference
	Data string // which generated file it reads: a key of datasets
	// Run does the work on the file at path and returns a short note (a
	// score, a row count) to print beside the time.
	Run func(ctx context.Context, path string) (note string, err error)
}

var tasks = map[string]Task{}

// register adds a task; it is called from init functions of task_*.go.
func register(t Task) {
	if _, dup := tasks[t.Name]; dup {
		panic("mbbench: task registered twice: " + t.Name)
	}
	tasks[t.Name] = t
}

func main() {
	worker := flag.String("worker", "", "internal: run one task in this process")
	only := flag.String("run", ".", "regular expression selecting tasks by name")
	dir := flag.String("dir", defaultDir(), "folder for the generated data files")
	list := flag.Bool("list", false, "list the tasks and exit")
	flag.Parse()
	if *worker != "" {
		os.Exit(runWorker(*worker, flag.Arg(0)))
	}
	if *list {
		for _, n := range taskNames(".") {
			fmt.Println(n)
		}
		return
	}
	if err := runAll(*only, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "mbbench:", err)
		os.Exit(1)
	}
}

func defaultDir() string {
	if d := os.Getenv("MB_BENCH_DIR"); d != "" {
		return d
	}
	if c, err := os.UserCacheDir(); err == nil {
		return filepath.Join(c, "modelbench-bench")
	}
	return filepath.Join(os.TempDir(), "modelbench-bench")
}

func taskNames(pattern string) []string {
	re := regexp.MustCompile(pattern)
	var names []string
	for n := range tasks {
		if re.MatchString(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

func runAll(pattern, dir string) error {
	names := taskNames(pattern)
	if len(names) == 0 {
		return fmt.Errorf("no task matches %q", pattern)
	}
	py, pyErr := findPython()
	scripts, err := writeScripts()
	if err != nil {
		return err
	}
	defer os.RemoveAll(scripts)
	fmt.Printf("mbbench %s, %s\n", time.Now().Format("2006-01-02 15:04"), machineLine())
	if pyErr != nil {
		fmt.Println("reference side skipped:", pyErr)
	}
	var rows []row
	for _, n := range names {
		t := tasks[n]
		path, err := ensureData(dir, t.Data)
		if err != nil {
			return err
		}
		r := row{task: n}
		r.ours = measure(selfCommand(n, path))
		if pyErr == nil {
			r.ref = measure(pythonCommand(py, scripts, t, path))
		}
		printRow(r)
		rows = append(rows, r)
	}
	printSummary(rows)
	return nil
}

func printSummary(rows []row) {
	var slower []string
	for _, r := range rows {
		if r.ours.err == nil && r.ref.err == nil && r.ref.seconds > 0 && r.ours.seconds > r.ref.seconds {
			slower = append(slower, r.task)
		}
	}
	if len(slower) > 0 {
		fmt.Println("slower than the reference:", strings.Join(slower, ", "))
	}
}
