package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Problem is one thing wrong with (an error) or worth knowing about (a
// warning) one value of a request. Row counts from 1 (0: the whole
// request or a whole field); Expected says what would have been right.
type Problem struct {
	Row      int    `json:"row,omitempty"`
	Field    string `json:"field,omitempty"`
	Problem  string `json:"problem"`
	Expected string `json:"expected,omitempty"`
}

func (p Problem) String() string {
	s := ""
	if p.Row > 0 {
		s = "row " + strconv.Itoa(p.Row) + ": "
	}
	if p.Field != "" {
		s += "field " + strconv.Quote(p.Field) + ": "
	}
	s += p.Problem
	if p.Expected != "" {
		s += " (expected " + p.Expected + ")"
	}
	return s
}

// maxDetails caps the problems an error or a response lists; the message
// says how many there were.
const maxDetails = 100

// requestError is a failed request: the HTTP status, a message and the
// problems found. It is written as {"error": ..., "details": [...]}.
type requestError struct {
	status  int
	msg     string
	details []Problem
}

func (e *requestError) Error() string { return e.msg }

func badRequest(format string, args ...any) *requestError {
	return &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

func statusError(status int, format string, args ...any) *requestError {
	return &requestError{status: status, msg: fmt.Sprintf(format, args...)}
}

// invalid is the error for a request whose values break the contract.
func invalid(problems []Problem) *requestError {
	msg := fmt.Sprintf("%d value(s) do not fit the model's input contract", len(problems))
	if len(problems) == 1 {
		msg = "the request does not fit the model's input contract: " + problems[0].String()
	}
	if len(problems) > maxDetails {
		msg += fmt.Sprintf("; the first %d are listed", maxDetails)
		problems = problems[:maxDetails]
	}
	return &requestError{status: http.StatusBadRequest, msg: msg, details: problems}
}

// errorBody is the JSON of an error on the Modelbench endpoints.
type errorBody struct {
	Error   string    `json:"error"`
	Details []Problem `json:"details,omitempty"`
}

// writeJSON writes v with the status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{Error: "the response could not be encoded: " + err.Error()})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	b = append(b, '\n')
	_, _ = w.Write(b)
}

// writeRaw writes JSON bytes that are already encoded.
func writeRaw(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeError writes err as {"error", "details"}: a *requestError with its
// status, anything else as a 500.
func writeError(w http.ResponseWriter, err error) {
	if re, ok := err.(*requestError); ok {
		writeJSON(w, re.status, errorBody{Error: re.msg, Details: re.details})
		return
	}
	writeJSON(w, http.StatusInternalServerError, errorBody{Error: err.Error()})
}
