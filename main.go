// Command modelbench is a desktop machine-learning workbench. With no
// arguments (or a file, or --sample ID) it opens the window; with a command
// word (describe, train, ...) it runs headless. It is the only importer of
// fyne.io/fyne/v2/app.
package main

import (
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"modelbench/assets"
	"modelbench/cli"
	"modelbench/logfile"
	"modelbench/ui"
	"modelbench/workflow"
)

func main() {
	if len(os.Args) > 1 && cli.IsCommand(os.Args[1]) {
		attachConsole()
		os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	opts, err := guiOptions(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "modelbench:", err)
		os.Exit(2)
	}
	lg, _ := logfile.Open(logfile.DefaultDir()) // a log that cannot be opened drops its entries
	opts.Log = lg
	defer func() {
		// A panic in a window callback ends the app: keep it in the log
		// before the runtime prints it.
		if v := recover(); v != nil {
			lg.Panic("the window", v)
			panic(v)
		}
	}()
	lg.Info("Modelbench " + workflow.AppVersion + " started")
	a := app.NewWithID("io.modelbench.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	w := a.NewWindow("Modelbench")
	w.Resize(fyne.NewSize(1280, 800))
	u := ui.Create(a, w, opts)
	w.SetCloseIntercept(u.ConfirmClose)
	w.ShowAndRun()
}

// guiOptions reads the window's arguments: an optional data or project
// file and --sample ID.
func guiOptions(args []string) (ui.Options, error) {
	fs := flag.NewFlagSet("modelbench", flag.ContinueOnError)
	sample := fs.String("sample", "", "open a bundled sample dataset")
	noRecovery := fs.Bool("no-recovery", false, "do not offer to restore unsaved work")
	if err := fs.Parse(args); err != nil {
		return ui.Options{}, err
	}
	opts := ui.Options{Sample: *sample, NoRecovery: *noRecovery}
	if fs.NArg() > 1 {
		return opts, fmt.Errorf("expected at most one file, got %v", fs.Args())
	}
	if fs.NArg() == 1 {
		path := fs.Arg(0)
		if len(path) > len(workflow.FileExtension) && path[len(path)-len(workflow.FileExtension):] == workflow.FileExtension {
			opts.Project = path
		} else {
			opts.DataFile = path
		}
	}
	if opts.Sample != "" {
		if _, err := assets.LookupSample(opts.Sample); err != nil {
			return opts, err
		}
	}
	return opts, nil
}
