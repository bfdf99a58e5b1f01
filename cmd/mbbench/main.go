// Command mbbench measures Modelbench against the reference tools a user
// would otherwise pick (pandas, scikit-learn from Debian's packages) on the
// same generated files in the same run, and prints times, peak memory and
// ratios. It is what `make bench` runs.
//
// Each measurement runs in its own child process so that peak memory
// (getrusage maxrss) belongs to that task alone: the Go side re-executes
// this binary with -worker, the reference side runs an embedded Python
// script with Debian's /usr/bin/python3. A task has an untimed setup
// (reading the file, fitting the model whose predictions are timed) and
// the timed work; both sides print one JSON line {"setup_seconds",
// "seconds", "note"}. The headline ratio compares the work alone; the
// memory ratio compares the whole processes' peaks, setup included.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"regexp"
	"sort"
	"time"
)

// Task is one measurement: a Go setup and timed run, and the reference
// functions of the same name in ref_<Area>.py (setup, then the timed run).
type Task struct {
	Name string // unique, e.g. "load/csv-1m"
	Area string // the ref_<Area>.py script that holds the reference
	Data string // which generated file it reads: a key of datasets
	// Headline marks the comparisons `make bench` runs by default; the
	// others run with -all or a -run pattern.
	Headline bool
	// Setup prepares Run's input outside the timed span, from the file
	// at path (reading it, fitting a model to predict with). Nil means
	// Run gets the path itself.
	Setup func(ctx context.Context, path string) (any, error)
	// Run does the timed work on Setup's result and returns a short note
	// (a score, a row count) to print beside the time, so that quality is
	// seen beside speed.
	Run func(ctx context.Context, in any) (note string, err error)
	// Finish, when not nil, runs untimed after Run on Setup's result
	// (which Run may have filled in): it checks the work's result (its
	// text is appended to the note), returns the size of a file the task
	// made (a saved model; reported beside the reference's as a ratio, 0
	// for none) and removes what Setup left behind.
	Finish func(in any) (note string, bytes int64)
}

var tasks = map[string]Task{}

// register adds a task; it is called from init functions of task_*.go.
func register(t Task) {
	if _, dup := tasks[t.Name]; dup {
		panic("mbbench: task registered twice: " + t.Name)
	}
	if t.Run == nil {
		panic("mbbench: task without Run: " + t.Name)
	}
	tasks[t.Name] = t
}

func main() {
	worker := flag.String("worker", "", "internal: run one task in this process")
	only := flag.String("run", "", "regular expression selecting tasks by name among all tasks (default: the headline tasks)")
	all := flag.Bool("all", false, "run every task, not only the headline ones")
	count := flag.Int("count", 1, "runs per side and task; the fastest is reported")
	md := flag.String("markdown", os.Getenv("MB_BENCH_MARKDOWN"), "also write the results as a Markdown table to this file (default $MB_BENCH_MARKDOWN)")
	dir := flag.String("dir", defaultDir(), "folder for the generated data files")
	list := flag.Bool("list", false, "list the tasks (headline ones marked *) and exit")
	busy := flag.Bool("busy", false, "keep one core busy with another process while measuring (a busy 2-core machine)")
	spin := flag.Bool("spin", false, "internal: spin one core until killed")
	flag.Parse()
	if *spin {
		spinForever()
	}
	if *worker != "" {
		os.Exit(runWorker(os.Stdout, *worker, flag.Arg(0)))
	}
	stop := func() {}
	if *busy {
		var err error
		if stop, err = startSpinner(); err != nil {
			fmt.Fprintln(os.Stderr, "mbbench: -busy:", err)
			os.Exit(1)
		}
		fmt.Println("a second process keeps one core busy during every measurement (-busy)")
	}
	names, err := selectTasks(*only, *all)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mbbench: -run:", err)
		os.Exit(2)
	}
	if *list {
		everything, _ := selectTasks("", true)
		for _, n := range everything {
			mark := " "
			if tasks[n].Headline {
				mark = "*"
			}
			fmt.Println(mark, n)
		}
		return
	}
	err = runAll(names, *dir, max(*count, 1), *md)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mbbench:", err)
		os.Exit(1)
	}
}

// spinForever keeps one core busy; it is the -busy helper process.
func spinForever() {
	runtime.GOMAXPROCS(1)
	x := uint64(1)
	for {
		x = x*6364136223846793005 + 1442695040888963407
		if x == 0 {
			fmt.Println(x) // never: keeps the loop from being optimised away
		}
	}
}

// startSpinner starts the -spin helper and returns the function that
// stops it.
func startSpinner() (func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "-spin")
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() }, nil
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

// selectTasks returns the sorted names of the tasks matching pattern
// (among all tasks), or of the headline tasks when pattern is empty and
// all is false.
func selectTasks(pattern string, all bool) ([]string, error) {
	headlineOnly := pattern == "" && !all
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	var names []string
	for n, t := range tasks {
		if re.MatchString(n) && (t.Headline || !headlineOnly) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

func runAll(names []string, dir string, count int, mdPath string) error {
	if len(names) == 0 {
		return fmt.Errorf("no task selected")
	}
	py, pyErr := findPython()
	scripts, err := writeScripts()
	if err != nil {
		return err
	}
	defer os.RemoveAll(scripts)
	started := time.Now()
	head := fmt.Sprintf("mbbench %s, %s", started.Format("2006-01-02 15:04"), machineLine())
	fmt.Println(head)
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
		r := row{task: n, load: loadAverage()}
		r.ours = best(count, func() result { return measure(selfCommand(n, path)) })
		if pyErr == nil {
			r.ref = best(count, func() result { return measure(pythonCommand(py, scripts, t, path)) })
		}
		printRow(r)
		rows = append(rows, r)
	}
	printSummary(rows, time.Since(started))
	if mdPath != "" {
		return writeMarkdown(mdPath, head, rows)
	}
	return nil
}

// best runs a measurement count times and keeps the fastest success.
func best(count int, run func() result) result {
	var out result
	for i := 0; i < count; i++ {
		r := run()
		if i == 0 || (r.err == nil && (out.err != nil || r.seconds < out.seconds)) {
			out = r
		}
	}
	return out
}
