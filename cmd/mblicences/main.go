// Command mblicences writes assets/licences.json: every module go.mod
// requires (direct and indirect), its version and its licence, for
// Help ▸ About. Run it from the repository root whenever go.mod changes
// (assets' TestModules_MatchGoMod fails until then):
//
//	go run ./cmd/mblicences
//
// The licence is recognised from the module's LICENSE, LICENCE or COPYING
// file in the module cache (go mod download fetches a missing one) by the
// wording each licence is known by; a module whose file is not recognised
// stops the run, so the list never says "unknown".
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"modelbench/assets"
)

func main() {
	mods, err := requires("go.mod")
	if err == nil {
		err = identify(mods)
	}
	if err == nil {
		var b []byte
		if b, err = json.MarshalIndent(mods, "", "  "); err == nil {
			err = os.WriteFile("assets/licences.json", append(b, '\n'), 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mblicences:", err)
		os.Exit(1)
	}
	fmt.Printf("mblicences: %d modules written to assets/licences.json\n", len(mods))
}

var requireLine = regexp.MustCompile(`^\s*(?:require\s+)?([^\s()]+)\s+(v[^\s]+)(?:\s*//.*)?$`)

// requires lists go.mod's require directives in file order.
func requires(path string) ([]assets.Module, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []assets.Module
	inBlock := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "require ("):
			inBlock = true
			continue
		case inBlock && line == ")":
			inBlock = false
			continue
		case !inBlock && !strings.HasPrefix(line, "require "):
			continue
		}
		if m := requireLine.FindStringSubmatch(line); m != nil {
			out = append(out, assets.Module{Path: m[1], Version: m[2]})
		}
	}
	return out, sc.Err()
}

func identify(mods []assets.Module) error {
	for i := range mods {
		dir, err := moduleDir(mods[i].Path, mods[i].Version)
		if err != nil {
			return err
		}
		text, err := licenceText(dir)
		if err != nil {
			return fmt.Errorf("%s: %w", mods[i].Path, err)
		}
		id := classify(text)
		if id == "" {
			return fmt.Errorf("%s: licence in %s not recognised; add its wording to classify", mods[i].Path, dir)
		}
		mods[i].Licence = id
	}
	return nil
}

func moduleDir(path, version string) (string, error) {
	out, err := exec.Command("go", "mod", "download", "-json", path+"@"+version).Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w", path, version, err)
	}
	var info struct{ Dir string }
	if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s gave no folder", path, version)
	}
	return info.Dir, nil
}

// licenceText returns the module's main licence file (LICENSE, LICENCE
// or COPYING, with or without .md/.txt), or all files starting so when
// there is none of those: third-party notices are not the module's licence.
func licenceText(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var main, others []string
	for _, e := range entries {
		n := strings.ToUpper(e.Name())
		base := strings.TrimSuffix(strings.TrimSuffix(n, ".MD"), ".TXT")
		switch {
		case e.IsDir():
		case base == "LICENSE" || base == "LICENCE" || base == "COPYING":
			main = append(main, e.Name())
		case strings.HasPrefix(n, "LICENSE") || strings.HasPrefix(n, "LICENCE") || strings.HasPrefix(n, "COPYING"):
			others = append(others, e.Name())
		}
	}
	if len(main) == 0 {
		main = others
	}
	var b bytes.Buffer
	for _, n := range main {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return "", err
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	if b.Len() == 0 {
		return "", errors.New("no licence file")
	}
	return b.String(), nil
}

// classify names a licence text by SPDX identifier, or "".
func classify(text string) string {
	t := strings.Join(strings.Fields(text), " ")
	has := func(s string) bool { return strings.Contains(t, s) }
	var ids []string
	switch {
	case has("Apache License") && has("Version 2.0"):
		ids = append(ids, "Apache-2.0")
	case has("Mozilla Public License Version 2.0") || has("Mozilla Public License, version 2.0"):
		ids = append(ids, "MPL-2.0")
	case has("GNU LESSER GENERAL PUBLIC LICENSE"):
		ids = append(ids, "LGPL")
	case has("your choice of exactly one of the following two licenses") && has("The FreeType License"):
		ids = append(ids, "FTL OR GPL-2.0-or-later")
	case has("Creative Commons Attribution 4.0 International Public License"):
		ids = append(ids, "CC-BY-4.0")
	}
	for _, l := range []struct{ id, words, also string }{
		{"MIT", "Permission is hereby granted, free of charge", ""},
		{"BSD-3-Clause", "Redistribution and use in source and binary forms", "Neither the name"},
		{"BSD-3-Clause", "Redistribution and use in source and binary forms", "names of its contributors may not be used"},
		{"ISC", "Permission to use, copy, modify, and/or distribute this software", ""},
		{"ISC", "Permission to use, copy, modify, and distribute this software", ""},
		{"Unlicense", "This is free and unencumbered software released into the public domain", ""},
	} {
		if has(l.words) && (l.also == "" || has(l.also)) && !slices.Contains(ids, l.id) {
			ids = append(ids, l.id)
		}
	}
	if has("Redistribution and use in source and binary forms") && !slices.Contains(ids, "BSD-3-Clause") {
		ids = append(ids, "BSD-2-Clause")
	}
	return strings.Join(ids, " AND ")
}
