package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	fileKey = "file-key-0123456789abcdef"
	envKey  = "env-key-fedcba9876543210"
	badKey  = "not-a-key-0000000000000000"
)

// TestServe_APIKeys: keys from a file (with comments) and from
// MODELBENCH_API_KEYS are accepted as Bearer tokens; anything else is
// 401; health stays open, /metrics and /monitor need a key unless opened;
// and no key ever appears in the log, whatever the requests carry.
func TestServe_APIKeys(t *testing.T) {
	keys := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(keys, []byte("# the clients' keys\n\n  "+fileKey+"  \n# retired: old-key-1234567890abcd\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, "titanic", []string{"MODELBENCH_API_KEYS=" + envKey + ", "}, "--api-keys", keys, "--access-log")
	rec := map[string]any{"sex": "male", "age": 30, "passengerClass": "3rd"}
	bearer := func(k string) []string { return []string{"Authorization", "Bearer " + k} }
	for what, h := range map[string][]string{
		"no key":             nil,
		"a wrong key":        bearer(badKey),
		"a key's prefix":     bearer(fileKey[:10]),
		"another scheme":     {"Authorization", "Token " + fileKey},
		"the key in a query": nil,
	} {
		path := "/v1/predict"
		if what == "the key in a query" {
			path += "?api_key=" + fileKey
		}
		code, b := s.post(path, rec, h...)
		want(t, what, code, http.StatusUnauthorized, b)
		if !strings.Contains(decode[errorBody](t, b).Error, "Authorization: Bearer KEY") {
			t.Fatalf("%s: the 401 does not say how to authenticate: %s", what, b)
		}
	}
	for _, k := range []string{fileKey, envKey} {
		code, b := s.post("/v1/predict", rec, bearer(k)...)
		want(t, "a valid key", code, http.StatusOK, b)
	}
	// OIP and MLflow are protected the same way.
	code, b := s.get("/v2/models/titanic")
	want(t, "OIP metadata without a key", code, http.StatusUnauthorized, b)
	code, b = s.post("/invocations", map[string]any{"dataframe_records": []any{rec}})
	want(t, "MLflow without a key", code, http.StatusUnauthorized, b)
	// Probes stay open; metrics and the dashboard need a key.
	for _, p := range []string{"/healthz", "/readyz", "/v2/health/live", "/v2/health/ready", "/ping", "/health"} {
		code, b := s.get(p)
		want(t, p+" without a key", code, http.StatusOK, b)
	}
	for _, p := range []string{"/metrics", "/monitor", "/v1/monitoring"} {
		code, b := s.get(p)
		want(t, p+" without a key", code, http.StatusUnauthorized, b)
		code, b = s.get(p, bearer(envKey)...)
		want(t, p+" with a key", code, http.StatusOK, b)
	}
	// A browser opens the dashboard with Basic credentials (the key as
	// password).
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("me:"+fileKey))
	code, b = s.get("/monitor", "Authorization", basic)
	want(t, "/monitor with Basic credentials", code, http.StatusOK, b)
	s.stop()
	logs := s.stderr.String()
	for _, k := range []string{fileKey, envKey, badKey, fileKey[:10]} {
		if strings.Contains(logs, k) {
			t.Fatalf("the log contains an API key (%s…):\n%s", k[:4], logs)
		}
	}
	if strings.Contains(logs, "passengerClass") || strings.Contains(logs, "3rd") {
		t.Fatalf("the log contains a request body:\n%s", logs)
	}
	if !strings.Contains(logs, `"msg":"request"`) || strings.Contains(logs, "NO API KEYS") {
		t.Fatalf("expected access-log lines and no open-server warning:\n%s", logs)
	}
}

// TestServe_OpenFlags: --open-metrics and --open-monitor open those
// endpoints; --protect-health closes the probes.
func TestServe_OpenFlags(t *testing.T) {
	s := start(t, "titanic", []string{"MODELBENCH_API_KEYS=" + envKey}, "--open-metrics", "--open-monitor", "--protect-health")
	for _, p := range []string{"/metrics", "/monitor", "/v1/monitoring"} {
		code, b := s.get(p)
		want(t, p, code, http.StatusOK, b)
	}
	for _, p := range []string{"/healthz", "/readyz", "/v2/health/live", "/ping"} {
		code, b := s.get(p)
		want(t, p, code, http.StatusUnauthorized, b)
	}
	code, b := s.get("/v1/model")
	want(t, "/v1/model", code, http.StatusUnauthorized, b)
}

// TestServe_NoKeysWarnsLoudly: without keys everything is open and the
// start says so.
func TestServe_NoKeysWarnsLoudly(t *testing.T) {
	s := start(t, "titanic", nil)
	code, b := s.get("/metrics")
	want(t, "/metrics", code, http.StatusOK, b)
	s.stop()
	if !strings.Contains(s.stderr.String(), `"level":"WARN","msg":"NO API KEYS: every endpoint is open`) {
		t.Fatalf("no loud warning:\n%s", s.stderr)
	}
}

// TestServe_BadKeys: a short key or an empty file stops the start with
// exit code 1 and a message naming the line, not the key.
func TestServe_BadKeys(t *testing.T) {
	keys := filepath.Join(t.TempDir(), "keys")
	os.WriteFile(keys, []byte("# ok\nshort-secret\n"), 0o600)
	out, err := runBinary(t, fixtures["titanic"].Dir, "--api-keys", keys, "--log", "off")
	if code := exitCode(err); code != 1 || !strings.Contains(out, "line 2") || strings.Contains(out, "short-secret") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// TestServe_TLS serves HTTPS from certificate files.
func TestServe_TLS(t *testing.T) {
	cert, key, pool := selfSigned(t)
	s := start(t, "titanic", nil, "--tls-cert", cert, "--tls-key", key)
	if !strings.HasPrefix(s.URL, "https://") {
		t.Fatalf("URL %s", s.URL)
	}
	c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := c.Get(s.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil {
		t.Fatalf("status %d, TLS %v", resp.StatusCode, resp.TLS != nil)
	}
	// Plain HTTP to the TLS port is refused.
	plain := strings.Replace(s.URL, "https://", "http://", 1)
	if resp, err := client.Get(plain + "/healthz"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Fatal("plain HTTP was served on the TLS port")
		}
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "modelbench test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	c, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(c)
	return certFile, keyFile, pool
}
