package deploy

import (
	"fmt"
	"strconv"
	"strings"
)

// The evidence rules about exports, which the deployment package records
// (see Export and the Detail* keys).
func init() {
	register("export_package", "deploy", exportPackage)
	register("export_checked", "deploy", exportChecked)
	register("export_resources", "deploy", exportResources)
	register("drift_baseline", "deploy", driftBaseline)
}

// latestExport returns the most recent export of the given kind ("" for
// any kind).
func latestExport(f Facts, kind string) (Export, bool) {
	for i := len(f.Exports) - 1; i >= 0; i-- {
		if kind == "" || f.Exports[i].Kind == kind {
			return f.Exports[i], true
		}
	}
	return Export{}, false
}

func exportPackage(f Facts) Evidence {
	e, ok := latestExport(f, ExportPackage)
	if !ok {
		return missing("No deployment package has been exported yet. It carries the same fitted preparation and model that were evaluated, and a scoring service.")
	}
	text := fmt.Sprintf("A deployment package was exported to %s on %s. It carries the same fitted preparation and model that were evaluated, so rows are prepared in production exactly as in training; the model keeps no state between requests, so copies can run side by side.",
		e.Path, when(e.Time))
	if api := e.Details[DetailAPI]; api != "" {
		text += " It serves " + api + "."
	}
	return stamped(pass("%s", text), e.Fingerprint)
}

func exportChecked(f Facts) Evidence {
	e, ok := latestExport(f, ExportPackage)
	if !ok {
		if e, ok = latestExport(f, ""); !ok {
			return missing("Nothing has been exported yet, so no exported model's predictions have been compared with the app's.")
		}
	}
	if !e.Checked {
		return stamped(fail("The %s export at %s was not checked: its predictions have not been compared with the app's.", e.Kind, e.Path), e.Fingerprint)
	}
	rows := ""
	if n := e.Details[DetailCheckedRows]; n != "" {
		rows = " on " + n + " rows"
	}
	return stamped(pass("The predictions of the %s export at %s agree with the app's%s.", e.Kind, e.Path, rows), e.Fingerprint)
}

func exportResources(f Facts) Evidence {
	e, ok := latestExport(f, ExportPackage)
	if !ok {
		return missing("No deployment package has been exported yet; its export measures the model's size, memory and single-row latency.")
	}
	var parts []string
	if v := e.Details[DetailModelBytes]; v != "" {
		parts = append(parts, "model size "+bytesText(v))
	}
	if v := e.Details[DetailMemoryBytes]; v != "" {
		parts = append(parts, "memory "+bytesText(v))
	}
	if v := e.Details[DetailLatency]; v != "" {
		parts = append(parts, "single-row latency "+v+" ms")
	}
	if len(parts) == 0 {
		return stamped(missing("The package exported to %s recorded no resource figures.", e.Path), e.Fingerprint)
	}
	return stamped(pass("Measured when the package was exported on %s: %s.", when(e.Time), strings.Join(parts, ", ")), e.Fingerprint)
}

func bytesText(v string) string {
	n, err := strconv.ParseFloat(v, 64)
	switch {
	case err != nil:
		return v
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", n/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", n/(1<<10))
	}
	return fmt.Sprintf("%.0f bytes", n)
}

func driftBaseline(f Facts) Evidence {
	e, ok := latestExport(f, ExportPackage)
	if !ok {
		return missing("No deployment package has been exported yet; the export keeps a per-column profile of the training data to compare live inputs with.")
	}
	if p := e.Details[DetailDriftBaseline]; p != "" {
		return stamped(pass("A per-column profile of the training data was saved with the package (%s) to compare live inputs with.", p), e.Fingerprint)
	}
	return stamped(missing("The package exported to %s holds no profile of the training data to detect drift with.", e.Path), e.Fingerprint)
}
