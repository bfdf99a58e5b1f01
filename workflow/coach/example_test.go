package coach_test

import (
	"fmt"

	"modelbench/workflow/coach"
)

// A project ranked by accuracy on a target where 70% of the rows are one
// class: the coach says what always answering that class scores, and
// offers to rank by balanced accuracy.
func ExampleCheck() {
	s := coach.Snapshot{
		Data:  &coach.Data{Rows: 1000, Target: "class", Task: "classification", Classes: []coach.Class{{Label: "good", Count: 700}, {Label: "bad", Count: 300}}},
		Train: &coach.Train{Metric: "accuracy"},
	}
	for _, f := range coach.Check(s) {
		fmt.Println(f.ID, "-", f.Title)
		fmt.Println(coach.Plain(f.Saw))
		fmt.Println("button:", f.Action.Label)
	}
	// Output:
	// accuracy_imbalanced - Accuracy on an imbalanced target
	// Models are ranked by accuracy, but the classes of "class" are unequal: "good" has 700 rows (70%) and "bad" only 300. A model that always answers "good" scores an accuracy of 0.700 without learning anything.
	// button: Rank by balanced accuracy
}

// A checkpoint of a lesson is a list of conditions on the project.
func ExampleParseCondition() {
	c, err := coach.ParseCondition("role:name=identifier")
	if err != nil {
		panic(err)
	}
	s := coach.Snapshot{Data: &coach.Data{Columns: []coach.Column{{Name: "name", Role: "identifier"}}}}
	fmt.Println(c, c.Holds(s))
	// Output: role:name=identifier true
}
