// Package cli is Modelbench's headless command line: the same binary as
// the desktop app, so every capability of the window can be scripted,
// tested and reproduced. main.go hands it the arguments when the first one
// is a command word.
//
// It never imports Fyne. Commands write results to the given stdout and
// messages to stderr, and return an exit code: 0 success, 1 failure of the
// work (bad data, unreadable file), 2 wrong usage.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
)

// command is one sub-command of the command line.
type command struct {
	name    string
	summary string
	usage   string // the line after "modelbench "
	run     func(ctx context.Context, env *Env, args []string) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// Env carries the streams a command writes to.
type Env struct {
	Stdout, Stderr io.Writer
}

// errUsage marks wrong usage (exit code 2); the message says what is wrong.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageErr(format string, args ...any) error { return errUsage{fmt.Sprintf(format, args...)} }

// exitCode ends a command that did its work with a code other than 0,
// 1 and 2 (monitor's 3: a threshold is crossed); it prints nothing.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit code %d", int(e)) }

// IsCommand reports whether word is a command of the command line (or a
// help flag), so main.go knows not to open a window.
func IsCommand(word string) bool {
	_, ok := commands[word]
	return ok || word == "help" || word == "-h" || word == "--help" || word == "version" || word == "--version"
}

// Main runs the command line with args (without the program name) and
// returns the exit code. Ctrl+C cancels the running command.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	env := &Env{Stdout: stdout, Stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				printCommandHelp(stdout, c, nil)
				return 0
			}
		}
		printHelp(stdout)
		return 0
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(stdout, "modelbench", Version)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "modelbench: unknown command %q\n\n", args[0])
		printHelp(stderr)
		return 2
	}
	err := c.run(ctx, env, args[1:])
	var ue errUsage
	var ec exitCode
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ec):
		return int(ec)
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "modelbench %s: %s\nusage: modelbench %s\n(see modelbench %s --help)\n", c.name, ue.msg, c.usage, c.name)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "modelbench: cancelled")
		return 1
	default:
		fmt.Fprintf(stderr, "modelbench %s: %v\n", c.name, err)
		return 1
	}
}

// Version is printed by "modelbench version"; main.go may set it.
var Version = "0.1.0"

func printHelp(w io.Writer) {
	fmt.Fprint(w, `Modelbench — a machine-learning workbench.

Usage:
  modelbench                       open the desktop app
  modelbench FILE                  open the app on a data or project file
  modelbench --sample ID           open the app on a bundled sample dataset
  modelbench COMMAND [options]     run headless

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, "\nRun 'modelbench COMMAND --help' for a command's options.\n")
}

func printCommandHelp(w io.Writer, c command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n\nusage: modelbench %s\n", c.summary, c.usage)
	if fs != nil {
		fmt.Fprintln(w, "\noptions:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// newFlags makes a FlagSet whose -h prints the command's help to stdout.
func newFlags(env *Env, c string) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() { printCommandHelp(env.Stdout, commands[c], fs) }
	return fs
}

// parseFlags parses args allowing flags after positional arguments, and
// turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.Usage()
				return nil, flag.ErrHelp
			}
			return nil, usageErr("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// multiFlag collects a repeatable flag such as --type col=kind.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// printJSON writes v to w as indented JSON, the form every --json prints.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
