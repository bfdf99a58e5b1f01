package serve

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkPredict_OneRow is one /v1/predict request of one JSON record,
// through the handler (no network), with the SQLite log.
func BenchmarkPredict_OneRow(b *testing.B) {
	ts := newTestServer(b, "titanic", Options{})
	body := []byte(`{"sex": "female", "age": 29, "passengerClass": "1st"}`)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/v1/predict", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		ts.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}
