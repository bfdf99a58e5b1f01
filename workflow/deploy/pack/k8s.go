package pack

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"modelbench/workflow/deploy/serve"
)

// The Kubernetes objects' fixed choices.
const (
	// APIKeySecretKey is the key of the API-key Secret (named
	// <name>-api-keys) that holds the comma-separated keys.
	APIKeySecretKey = "keys"
	// EnvLog is the container's environment variable the --log flag is
	// read from, so that a PostgreSQL URL can come from a Secret.
	EnvLog = "MODELBENCH_LOG"
	// maxReplicas is the autoscaler's ceiling; targetCPU the average CPU
	// utilisation (of the request) it keeps.
	maxReplicas = 4
	targetCPU   = 70
	// gracePeriod gives the server's --shutdown-timeout (30 s) time to
	// finish requests and flush the prediction log on SIGTERM.
	gracePeriod = 40
)

// SecretName is the name of the Secret the Deployment reads API keys from.
func SecretName(name string) string { return name + "-api-keys" }

func (w *writer) labels() mapping {
	return m("app.kubernetes.io/name", w.m.Name, "app.kubernetes.io/version", w.m.ModelVersion,
		"app.kubernetes.io/component", "scoring-service", "app.kubernetes.io/part-of", "modelbench")
}

func (w *writer) selector() mapping { return m("app.kubernetes.io/name", w.m.Name) }

// deployment is the server's Deployment: the image built from the
// package's Dockerfile, API keys from a Secret, the prediction log on an
// emptyDir (or a PostgreSQL URL), liveness on /healthz and readiness on
// /readyz, resources from the memory measured at export, and a non-root,
// read-only container without privileges.
func (w *writer) deployment() mapping {
	s := w.m.Sizing
	probe := func(path string, period, failures int) mapping {
		return m("httpGet", m("path", path, "port", "http"), "periodSeconds", period, "timeoutSeconds", 3, "failureThreshold", failures)
	}
	container := m(
		"name", ServerName,
		"image", w.m.Name+":"+w.m.ModelVersion,
		"imagePullPolicy", "IfNotPresent",
		"args", []any{"--log", "$(" + EnvLog + ")"},
		"env", []any{
			m("name", serve.EnvAPIKeys, "valueFrom", m("secretKeyRef", m("name", SecretName(w.m.Name), "key", APIKeySecretKey))),
			m("name", EnvLog, "value", "sqlite:"+ContainerLogDir+"/"+serve.DefaultLogFile),
		},
		"ports", []any{m("name", "http", "containerPort", w.opt.Port, "protocol", "TCP")},
		"startupProbe", probe("/healthz", 2, 30),
		"livenessProbe", probe("/healthz", 10, 3),
		"readinessProbe", probe("/readyz", 5, 2),
		"resources", m(
			"requests", m("cpu", s.CPURequest, "memory", s.MemoryRequest),
			"limits", m("cpu", s.CPULimit, "memory", s.MemoryLimit)),
		"securityContext", m("runAsNonRoot", true, "runAsUser", ContainerUser, "runAsGroup", ContainerUser,
			"allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true, "privileged", false,
			"capabilities", m("drop", []any{"ALL"})),
		"volumeMounts", []any{m("name", "log", "mountPath", ContainerLogDir), m("name", "tmp", "mountPath", "/tmp")},
	)
	return m(
		"apiVersion", "apps/v1",
		"kind", "Deployment",
		"metadata", m("name", w.m.Name, "labels", w.labels()),
		"spec", m(
			"replicas", 1,
			"selector", m("matchLabels", w.selector()),
			"strategy", m("type", "RollingUpdate", "rollingUpdate", m("maxUnavailable", 0, "maxSurge", 1)),
			"template", m(
				"metadata", m("labels", w.labels()),
				"spec", m(
					"automountServiceAccountToken", false,
					"terminationGracePeriodSeconds", gracePeriod,
					"securityContext", m("runAsNonRoot", true, "runAsUser", ContainerUser, "runAsGroup", ContainerUser,
						"fsGroup", ContainerUser, "seccompProfile", m("type", "RuntimeDefault")),
					"containers", []any{container},
					"volumes", []any{m("name", "log", "emptyDir", m()), m("name", "tmp", "emptyDir", m("sizeLimit", "64Mi"))},
				),
			),
		),
	)
}

func (w *writer) service() mapping {
	return m(
		"apiVersion", "v1",
		"kind", "Service",
		"metadata", m("name", w.m.Name, "labels", w.labels()),
		"spec", m(
			"type", "ClusterIP",
			"selector", w.selector(),
			"ports", []any{m("name", "http", "port", 80, "targetPort", "http", "protocol", "TCP")},
		),
	)
}

func (w *writer) hpa() mapping {
	return m(
		"apiVersion", "autoscaling/v2",
		"kind", "HorizontalPodAutoscaler",
		"metadata", m("name", w.m.Name, "labels", w.labels()),
		"spec", m(
			"scaleTargetRef", m("apiVersion", "apps/v1", "kind", "Deployment", "name", w.m.Name),
			"minReplicas", 1,
			"maxReplicas", maxReplicas,
			"metrics", []any{m("type", "Resource", "resource", m("name", "cpu", "target", m("type", "Utilization", "averageUtilization", targetCPU)))},
		),
	)
}

// writeK8s writes the three manifests, each with a comment saying what
// to check before applying it.
func (w *writer) writeK8s() error {
	if err := os.MkdirAll(w.path("k8s"), 0o755); err != nil {
		return err
	}
	header := func(lines ...string) string {
		var b strings.Builder
		for _, l := range lines {
			b.WriteString("# " + l + "\n")
		}
		return b.String()
	}
	files := []struct {
		path string
		head string
		obj  mapping
	}{
		{DeploymentFile, header(
			fmt.Sprintf("The %s scoring service (model version %s), written by Modelbench.", w.m.Title, w.m.ModelVersion),
			"Build and push the image from this package's Dockerfile, then set the image below to where you pushed it.",
			fmt.Sprintf("API keys come from the Secret %s (key %q, comma-separated):", SecretName(w.m.Name), APIKeySecretKey),
			fmt.Sprintf("  kubectl create secret generic %s --from-literal=%s=YOUR-KEY-OF-16-OR-MORE-CHARACTERS", SecretName(w.m.Name), APIKeySecretKey),
			fmt.Sprintf("Memory: %s.", w.m.Sizing.Basis),
			fmt.Sprintf("The prediction log: each replica keeps its own SQLite file unless %s is a postgres:// URL.", EnvLog),
			"Feedback and monitoring need one log for all replicas: set it (from a Secret) before scaling past one replica.",
		), w.deployment()},
		{ServiceFile, header(fmt.Sprintf("The %s scoring service inside the cluster: http://%s/v1/predict (port 80 to the container's %d).", w.m.Title, w.m.Name, w.opt.Port)), w.service()},
		{HPAFile, header(
			fmt.Sprintf("Adds replicas of %s when their CPU use passes %d%% of the request (at most %d).", w.m.Name, targetCPU, maxReplicas),
			fmt.Sprintf("The replicas share nothing but the prediction log. With the default SQLite log a replica accepts feedback only for its own predictions: point %s at PostgreSQL (see deployment.yaml) before the autoscaler runs more than one.", EnvLog),
		), w.hpa()},
	}
	for _, f := range files {
		body, err := encodeYAML(f.obj)
		if err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
		if err := os.WriteFile(filepath.Join(w.root, filepath.FromSlash(f.path)), append([]byte(f.head), body...), 0o644); err != nil {
			return err
		}
	}
	return nil
}
