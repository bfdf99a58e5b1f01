package metrics

import "fmt"

// scoring is what the scorers of one set of predictions share: the
// labels, the confusion matrix and the class-1 ranking are computed once,
// so that Evaluate does not sort a million scores once per metric. It is
// used by one goroutine at a time.
type scoring struct {
	p      *Predictions
	yt, yp []int
	cm     *Confusion
	rk     *ranking
}

// newScoring prepares validated predictions for scoring.
func newScoring(p *Predictions) *scoring {
	return &scoring{p: p}
}

func (s *scoring) labels() (yTrue, yPred []int) {
	if s.yt == nil {
		s.yt, s.yp = s.p.Labels()
	}
	return s.yt, s.yp
}

func (s *scoring) confusion() (*Confusion, error) {
	if s.cm == nil {
		yt, yp := s.labels()
		cm, err := NewConfusion(yt, yp, len(s.p.Classes))
		if err != nil {
			return nil, err
		}
		s.cm = cm
	}
	return s.cm, nil
}

// ranking returns the ranking of the class-1 probabilities of a binary
// problem.
func (s *scoring) ranking() (*ranking, error) {
	if s.rk == nil {
		if len(s.p.Classes) != 2 || s.p.Proba == nil {
			return nil, fmt.Errorf("a ranking needs two classes and probabilities: %w", ErrUndefined)
		}
		yt, _ := s.labels()
		pos, score := ClassScores(yt, s.p.Proba, 1)
		rk, err := newRanking("scores", pos, score)
		if err != nil {
			return nil, err
		}
		s.rk = rk
	}
	return s.rk, nil
}
