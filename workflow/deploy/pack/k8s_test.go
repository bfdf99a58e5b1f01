package pack

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"sigs.k8s.io/yaml"

	"modelbench/workflow/deploy/serve"
)

// strict decodes a manifest into the Kubernetes API type, failing on any
// field the type does not have.
func strict(t *testing.T, path string, into any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(b, into); err != nil {
		t.Fatalf("%s does not decode strictly: %v", filepath.Base(path), err)
	}
}

// TestK8s_DecodeStrictlyWithTheirFields: the three manifests decode
// strictly into apps/v1 Deployment, v1 Service and autoscaling/v2
// HorizontalPodAutoscaler, and carry the probes, the resources derived
// from the memory measured at export, the API-key Secret, a non-root
// read-only container, the Service's port and CPU autoscaling of the
// Deployment.
func TestK8s_DecodeStrictlyWithTheirFields(t *testing.T) {
	dir, m := written(t, "titanic")
	var d appsv1.Deployment
	strict(t, filepath.Join(dir, DeploymentFile), &d)
	if d.APIVersion != "apps/v1" || d.Kind != "Deployment" || d.Name != m.Name {
		t.Fatalf("deployment %s %s %s", d.APIVersion, d.Kind, d.Name)
	}
	if d.Spec.Selector == nil || d.Spec.Selector.MatchLabels["app.kubernetes.io/name"] != m.Name || d.Spec.Template.Labels["app.kubernetes.io/name"] != m.Name {
		t.Errorf("the selector does not match the pods: %+v %+v", d.Spec.Selector, d.Spec.Template.Labels)
	}
	if len(d.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("%d containers", len(d.Spec.Template.Spec.Containers))
	}
	c := d.Spec.Template.Spec.Containers[0]
	if c.Image != m.Name+":"+m.ModelVersion {
		t.Errorf("image %s", c.Image)
	}
	if c.LivenessProbe == nil || c.LivenessProbe.HTTPGet == nil || c.LivenessProbe.HTTPGet.Path != "/healthz" || c.LivenessProbe.HTTPGet.Port.String() != "http" {
		t.Errorf("liveness probe %+v", c.LivenessProbe)
	}
	if c.ReadinessProbe == nil || c.ReadinessProbe.HTTPGet == nil || c.ReadinessProbe.HTTPGet.Path != "/readyz" {
		t.Errorf("readiness probe %+v", c.ReadinessProbe)
	}
	if len(c.Ports) != 1 || c.Ports[0].ContainerPort != 8080 || c.Ports[0].Name != "http" {
		t.Errorf("ports %+v", c.Ports)
	}
	req, lim := c.Resources.Requests[corev1.ResourceMemory], c.Resources.Limits[corev1.ResourceMemory]
	measured := max(m.Resources.MemoryBytes, m.Resources.MemoryLoadedBytes)
	if req.Value() < int64(float64(measured)*1.5) || req.Value() < MinMemoryRequest || req.Value()%(16<<20) != 0 || lim.Value() != 2*req.Value() {
		t.Errorf("memory request %s limit %s for %d bytes measured", req.String(), lim.String(), measured)
	}
	if req.String() != m.Sizing.MemoryRequest || lim.String() != m.Sizing.MemoryLimit {
		t.Errorf("memory %s/%s, manifest sizing %+v", req.String(), lim.String(), m.Sizing)
	}
	if cpu := c.Resources.Requests[corev1.ResourceCPU]; cpu.Cmp(resource.MustParse("250m")) != 0 {
		t.Errorf("cpu request %s", cpu.String())
	}
	var key *corev1.EnvVar
	for i := range c.Env {
		if c.Env[i].Name == serve.EnvAPIKeys {
			key = &c.Env[i]
		}
	}
	if key == nil || key.ValueFrom == nil || key.ValueFrom.SecretKeyRef == nil || key.ValueFrom.SecretKeyRef.Name != SecretName(m.Name) ||
		key.ValueFrom.SecretKeyRef.Key != APIKeySecretKey || key.Value != "" {
		t.Errorf("the API keys do not come from the Secret: %+v", key)
	}
	sc, psc := c.SecurityContext, d.Spec.Template.Spec.SecurityContext
	if sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot || sc.RunAsUser == nil || *sc.RunAsUser == 0 ||
		sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
		sc.Capabilities == nil || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL" {
		t.Errorf("container security context %+v", sc)
	}
	if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.SeccompProfile == nil {
		t.Errorf("pod security context %+v", psc)
	}
	mounts := map[string]bool{}
	for _, vm := range c.VolumeMounts {
		mounts[vm.MountPath] = true
	}
	if !mounts[ContainerLogDir] || !strings.Contains(strings.Join(c.Args, " "), "$("+EnvLog+")") {
		t.Errorf("the log: mounts %v args %v", c.VolumeMounts, c.Args)
	}

	var s corev1.Service
	strict(t, filepath.Join(dir, ServiceFile), &s)
	if s.Kind != "Service" || s.Name != m.Name || s.Spec.Selector["app.kubernetes.io/name"] != m.Name || len(s.Spec.Ports) != 1 ||
		s.Spec.Ports[0].Port != 80 || s.Spec.Ports[0].TargetPort.String() != "http" {
		t.Errorf("service %+v", s)
	}

	var h autoscalingv2.HorizontalPodAutoscaler
	strict(t, filepath.Join(dir, HPAFile), &h)
	ref := h.Spec.ScaleTargetRef
	if h.Kind != "HorizontalPodAutoscaler" || ref.Kind != "Deployment" || ref.Name != m.Name || ref.APIVersion != "apps/v1" {
		t.Errorf("hpa target %+v", ref)
	}
	if len(h.Spec.Metrics) != 1 || h.Spec.Metrics[0].Resource == nil || h.Spec.Metrics[0].Resource.Name != corev1.ResourceCPU ||
		h.Spec.Metrics[0].Resource.Target.AverageUtilization == nil || h.Spec.MaxReplicas < 2 {
		t.Errorf("hpa metrics %+v max %d", h.Spec.Metrics, h.Spec.MaxReplicas)
	}
}

// TestK8s_StrictDecodingCatchesAWrongField: the strict decoding would
// fail on a misspelt field, so the test above can fail.
func TestK8s_StrictDecodingCatchesAWrongField(t *testing.T) {
	dir, _ := written(t, "titanic")
	b, _ := os.ReadFile(filepath.Join(dir, DeploymentFile))
	bad := strings.Replace(string(b), "readinessProbe:", "readynessProbe:", 1)
	if err := yaml.UnmarshalStrict([]byte(bad), &appsv1.Deployment{}); err == nil {
		t.Fatal("a misspelt field decodes")
	}
}

// TestDockerfile_ScratchNonRootWithAHealthcheck: the image is FROM
// scratch, copies the Linux server and exactly the model files the
// package has, runs as a non-root user, exposes the port, checks its
// health with the server binary and serves the model.
func TestDockerfile_ScratchNonRootWithAHealthcheck(t *testing.T) {
	dir, m := written(t, "penguins")
	b, err := os.ReadFile(filepath.Join(dir, DockerFile))
	if err != nil {
		t.Fatal(err)
	}
	var inst []string
	for _, l := range strings.Split(strings.ReplaceAll(string(b), "\\\n", " "), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			inst = append(inst, l)
		}
	}
	has := func(prefix string) string {
		for _, l := range inst {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
		t.Errorf("no %s instruction in %v", prefix, inst)
		return ""
	}
	if inst[0] != "FROM scratch" {
		t.Errorf("first instruction %q", inst[0])
	}
	if u := has("USER "); u == "USER 0" || strings.HasPrefix(u, "USER root") || u == "" {
		t.Errorf("runs as %q", u)
	}
	if has("EXPOSE ") != "EXPOSE 8080" {
		t.Error("does not expose 8080")
	}
	if hc := has("HEALTHCHECK "); !strings.Contains(hc, `CMD ["/modelbench-serve", "healthcheck"`) {
		t.Errorf("healthcheck %q", hc)
	}
	if ep := has("ENTRYPOINT "); !strings.Contains(ep, `"/modelbench-serve", "/srv/model"`) || !strings.Contains(ep, m.Name) {
		t.Errorf("entrypoint %q", ep)
	}
	for _, l := range inst {
		if !strings.HasPrefix(l, "COPY ") {
			continue
		}
		fields := strings.Fields(l)
		for _, src := range fields[1 : len(fields)-1] {
			if strings.HasPrefix(src, "--") {
				continue
			}
			src = strings.ReplaceAll(src, "${TARGETARCH}", "amd64")
			if _, err := os.Stat(filepath.Join(dir, src)); err != nil {
				t.Errorf("COPY %s: not in the package", src)
			}
		}
	}
	ignore, _ := os.ReadFile(filepath.Join(dir, DockerIgnoreFile))
	for _, want := range []string{"*\n", "!bin/linux_amd64/modelbench-serve\n", "!model.json\n", "!metrics.json\n"} {
		if !strings.Contains(string(ignore), want) {
			t.Errorf(".dockerignore lacks %q", want)
		}
	}
}
