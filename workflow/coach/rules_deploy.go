package coach

import (
	"fmt"
	"time"
)

// MonitoringReadiness is the least readiness (0–100) of the checklist's
// Monitoring section that counts as a plan for watching a deployed model.
const MonitoringReadiness = 50

func init() {
	register("deploy_monitoring", "deploy", "Deployed without monitoring", deployMonitoring)
	register("deploy_docs", "deploy", "Deployed without the documentation bundle", deployDocs)
}

// currentPackage returns the latest deployment package of the chosen model.
func currentPackage(d *Deploy) (Export, bool) {
	if d == nil || d.Fingerprint == "" {
		return Export{}, false
	}
	for i := len(d.Packages) - 1; i >= 0; i-- {
		if d.Packages[i].Fingerprint == d.Fingerprint {
			return d.Packages[i], true
		}
	}
	return Export{}, false
}

func deployMonitoring(s Snapshot) []Finding {
	d := s.Deploy
	pkg, ok := currentPackage(d)
	if !ok || d.Monitoring >= MonitoringReadiness && pkg.DriftBaseline != "" {
		return nil
	}
	saw := fmt.Sprintf("The [[deployment package]] was exported to %s on %s, but the checklist's Monitoring questions are %.0f%% answered (%d of %d)",
		pkg.Path, day(pkg.Time), d.Monitoring, d.MonitoringAnswered, d.MonitoringItems)
	if pkg.DriftBaseline == "" {
		saw += " and the package keeps no profile of the [[training data]] to compare live inputs with."
	} else {
		saw += "."
	}
	return []Finding{{Severity: Warning,
		Saw: saw,
		Why: "A model in use meets data that slowly changes ([[drift]]): new customers, new habits, a changed form. Without watching its inputs, " +
			"its errors and, once known, the true outcomes, nobody notices when it starts to be wrong. [[monitoring|Monitoring]] is planned before going live.",
		Do: "Answer the Monitoring questions on the Deploy step: who watches speed and errors, how predictions and outcomes are collected, " +
			"which metrics and drift limits raise an alarm, and when the model is retrained. Export the package again with its training profile.",
		Action:   &Action{Kind: GoTo, Stage: "deploy", Label: "Answer the Monitoring questions"},
		Evidence: evidence(pkg.Path, pkg.Fingerprint, d.MonitoringAnswered, pkg.DriftBaseline != "")}}
}

func deployDocs(s Snapshot) []Finding {
	d := s.Deploy
	pkg, ok := currentPackage(d)
	if !ok {
		return nil
	}
	for _, doc := range d.Docs {
		if doc.Fingerprint == d.Fingerprint {
			return nil
		}
	}
	return []Finding{{Severity: Warning,
		Saw: fmt.Sprintf("The [[deployment package]] of this model was exported to %s, but no [[documentation bundle]] has been written for it.", pkg.Path),
		Why: "The people who run, check or rely on the model need to know what it is for, what data it learnt from, how it was chosen and where it fails. " +
			"The [[model card]], the [[datasheet]] and the [[decision journal]] say it; without them the model cannot be reviewed, audited or safely changed.",
		Do:       "Export the documentation bundle from the Deploy step (or run modelbench docs) and keep it with the package.",
		Action:   &Action{Kind: GoTo, Stage: "deploy", Label: "Export the documentation"},
		Evidence: evidence(pkg.Path, pkg.Fingerprint)}}
}

func day(t time.Time) string {
	if t.IsZero() {
		return "an unknown day"
	}
	return t.UTC().Format("2 January 2006")
}
