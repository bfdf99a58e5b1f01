package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"modelbench/plots/docs"
)

func init() {
	register(command{
		name:    "docs",
		summary: "write a project's documentation bundle: model card, datasheet, decision journal, checklist and reports",
		usage:   "docs PROJECT.mbproj --out DIR [--format html,md,pdf] [--zip] [--answers FILE] [--check]",
		run:     runDocs,
	})
}

func runDocs(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "docs")
	out := fs.String("out", "", "the folder to write the bundle into (created if missing); with --zip, the archive")
	format := fs.String("format", "html,md,pdf", "the forms to write, comma-separated: html, md, pdf")
	zip := fs.Bool("zip", false, "write one .zip archive instead of a folder")
	answers := fs.String("answers", "", "apply this answers file (checklist, ML tests, form fields) first; the project file is not changed")
	check := fs.Bool("check", false, "run the reproducibility check first when the project holds no current one")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageErr("--out DIR is required")
	}
	formats, err := docs.ParseFormats(*format)
	if err != nil {
		return usageErr("--format: %v", err)
	}
	r, err := resumeChosen(ctx, pos, "document")
	if err != nil {
		return err
	}
	if err := r.applyAnswers(*answers); err != nil {
		return err
	}
	if *check {
		if err := r.checkReproducible(ctx); err != nil {
			return err
		}
	}
	in, err := docs.FromProject(r.p)
	if err != nil {
		return err
	}
	in.Facts.Journal = r.journalNow()
	m, err := docs.Write(ctx, in, *out, docs.Options{Formats: formats, Zip: *zip}, nil)
	if err != nil {
		return err
	}
	for _, l := range m.Left {
		fmt.Fprintf(env.Stderr, "note: %s\n", l)
	}
	gaps := 0
	for _, d := range m.Documents {
		gaps += d.Gaps
	}
	var names []string
	for _, d := range m.Documents {
		names = append(names, d.ID)
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %s (%s)\n", filepath.Clean(m.Path), strings.Join(names, ", "), *format)
	if gaps > 0 {
		fmt.Fprintf(env.Stdout, "%d fields only a person can answer are still gaps (see the index)\n", gaps)
	}
	return nil
}
