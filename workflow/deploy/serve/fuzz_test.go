package serve

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
)

// fuzzServer is a server over the penguins fixture (numbers, integers,
// categories, missing values) without a log.
func fuzzServer(f *testing.F) *Server {
	f.Helper()
	d, err := LoadDir(fixture(f, "penguins").Dir)
	if err != nil {
		f.Fatal(err)
	}
	s, err := New(d, Options{MaxBatch: 50})
	if err != nil {
		f.Fatal(err)
	}
	return s
}

// scoreFuzzed validates a decoded batch and, when it fits the contract,
// predicts it: whatever the input, the answer is rows or a request error,
// never a panic, and a valid batch gives one prediction per row.
func scoreFuzzed(t *testing.T, s *Server, b *batch, err error) {
	if err != nil {
		var re *requestError
		if !errors.As(err, &re) || re.status < 400 || re.status >= 500 || re.msg == "" {
			t.Fatalf("decoding failed without a 4xx request error: %v", err)
		}
		return
	}
	if len(b.rows) == 0 || len(b.rows) > s.opt.MaxBatch {
		t.Fatalf("a decoded batch of %d rows (limit %d)", len(b.rows), s.opt.MaxBatch)
	}
	v, err := s.d.validate(b)
	if err != nil {
		var re *requestError
		if !errors.As(err, &re) || re.status != 400 || len(re.details) == 0 {
			t.Fatalf("validation failed without details: %v", err)
		}
		for _, p := range re.details {
			if p.Problem == "" || p.Expected == "" || p.Row < 1 || p.Row > len(b.rows) {
				t.Fatalf("a problem without row, problem or expectation: %+v", p)
			}
		}
		return
	}
	if fr, _ := v.frame(); fr.NumRows() != len(b.rows) {
		t.Fatalf("%d frame rows for %d records", fr.NumRows(), len(b.rows))
	}
	p, err := predictParts(context.Background(), s.d.Artifact, []*validated{v})
	if err != nil {
		t.Fatalf("a validated batch could not be scored: %v", err)
	}
	if len(p.Index) != len(b.rows) {
		t.Fatalf("%d predictions for %d rows", len(p.Index), len(b.rows))
	}
}

func FuzzDecodePredictJSON(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{
		`{"island": "Biscoe", "bill_length_mm": 45.1, "bill_depth_mm": 14.5, "flipper_length_mm": 215, "body_mass_g": 5000, "sex": "female", "year": 2008}`,
		`[{"island": "Dream", "year": 2007.0}, {"island": null, "sex": "NA", "bill_length_mm": "x"}]`,
		`{"records": [{"island": "Torgersen", "body_mass_g": 1e308}]}`,
		`{"columns": {"island": ["Biscoe", "Dream"], "year": [2008, 2009]}}`,
		`{"columns": {"island": ["Biscoe"], "year": [2008, 2009]}}`,
		`{"flipper_length_mm": 2.5, "sex": true, "year": [1], "island": {"a": 1}}`,
		`[]`, `{}`, `null`, `"x"`, `[[1,2]]`, `{"records": 5}`, `{"island": "\u0000\ud800"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		b, err := decodePredictBody(body, s.lim)
		scoreFuzzed(t, s, b, err)
	})
}

func FuzzDecodePredictCSV(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{
		"island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\nBiscoe,45.1,14.5,215,5000,female,2008\n",
		"island,year\n\"Dre\"\"am\",2007\nNA,\n",
		"\xef\xbb\xbfisland, year \nBiscoe , 2008.0\n",
		"island\n", "", "a,b\n1\n", "year\n1e400\n", "year\n+5\n", "\"unclosed\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		b, err := decodeCSV(body, s.lim)
		scoreFuzzed(t, s, b, err)
	})
}

func FuzzDecodeOIP(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{
		`{"id": "1", "inputs": [{"name": "island", "shape": [2], "datatype": "BYTES", "data": ["Biscoe", "Dream"]}, {"name": "year", "shape": [2, 1], "datatype": "INT64", "data": [[2008], [2009]]}]}`,
		`{"inputs": [{"name": "bill_length_mm", "shape": [1], "datatype": "FP32", "data": [null]}]}`,
		`{"inputs": [{"name": "input-0", "shape": [1, 7], "datatype": "FP64", "data": [1, 2, 3, 4, 5, 6, 7]}]}`,
		`{"inputs": [{"name": "year", "shape": [9223372036854775807, 9223372036854775807], "datatype": "INT8", "data": []}]}`,
		`{"inputs": [{"name": "year", "shape": [-1], "datatype": "UINT8", "data": [[[[[[1]]]]]]}]}`,
		`{"inputs": [{"name": "sex", "shape": [1], "datatype": "BOOL", "data": [true]}], "outputs": [{"name": "predict"}]}`,
		`{"inputs": []}`, `{"inputs": null}`, `{"inputs": [{}]}`, `[]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req oipRequest
		if err := decodeJSON(body, &req); err != nil {
			scoreFuzzed(t, s, nil, err)
			return
		}
		if _, err := s.requestedOutputs(&req); err != nil {
			scoreFuzzed(t, s, nil, err)
			return
		}
		b, err := s.oipBatch(req.Inputs)
		scoreFuzzed(t, s, b, err)
	})
}

func FuzzDecodeMLflow(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{
		`{"dataframe_split": {"columns": ["island", "year"], "data": [["Biscoe", 2008], ["Dream", 2009]]}}`,
		`{"dataframe_split": {"index": [0], "columns": ["island"], "data": [["Biscoe", 1]]}}`,
		`{"dataframe_records": [{"island": "Biscoe", "year": 2008}]}`,
		`{"instances": [{"island": "Biscoe"}]}`,
		`{"instances": [["Biscoe", 45.1, 14.5, 215, 5000, "female", 2008]]}`,
		`{"inputs": {"island": ["Biscoe"], "year": [2008]}}`,
		`{"inputs": [1, 2, 3]}`, `{"instances": "x"}`, `{"dataframe_split": {}}`, `{}`, `{"params": {"a": 1}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		b, err := s.decodeMLflow(body)
		scoreFuzzed(t, s, b, err)
	})
}

func FuzzDecodeFeedback(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{
		`{"id": "abc", "truth": "Adelie"}`, `[{"id": "a", "truth": "Gentoo"}, {"id": "b", "truth": 3}]`,
		`{"feedback": [{"id": "a", "truth": true}]}`, `{"id": 5}`, `[]`, `[1]`, `{"feedback": {}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := decodeFeedback(body, 50)
		if err != nil {
			scoreFuzzed(t, s, nil, err)
			return
		}
		for i, it := range items {
			if it.ID == "" || it.Truth == nil {
				t.Fatalf("item %d decoded without id or truth: %+v", i, it)
			}
			if v, p := s.truth(i+1, it.Truth); p == nil {
				if _, err := json.Marshal(v); err != nil {
					t.Fatalf("a truth that cannot be logged: %v", err)
				}
			}
		}
	})
}
