package serve

import (
	"testing"
)

func TestSmoke(t *testing.T) {
	ts := newTestServer(t, "titanic", Options{})
	code, body := ts.postJSON(t, "/v1/predict", map[string]any{"sex": "female", "age": 29, "passengerClass": "1st"})
	t.Logf("%d %s", code, body)
	code, body = ts.do(t, "POST", "/v1/predict", "text/csv", fixture(t, "titanic").TestCSV[:300])
	t.Logf("%d %s", code, body)
	code, body = ts.do(t, "GET", "/v1/model", "", nil)
	t.Logf("%d %s", code, body)
}
