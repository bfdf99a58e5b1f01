package deploy

import (
	"strings"
	"testing"
)

func headings(d *Document) string {
	var hs []string
	for _, s := range d.Sections {
		hs = append(hs, s.Heading)
	}
	return strings.Join(hs, " | ")
}

func text(d *Document) string {
	var b strings.Builder
	for _, s := range d.Sections {
		for _, bl := range s.Blocks {
			b.WriteString(bl.Text + "\n" + strings.Join(bl.Items, "\n") + "\n")
			for _, f := range bl.Fields {
				b.WriteString(f.Label + ": " + f.Value + "\n")
			}
			if bl.Table != nil {
				for _, r := range bl.Table.Rows {
					b.WriteString(strings.Join(r, " ") + "\n")
				}
			}
		}
	}
	return b.String()
}

func TestModelCard_MitchellSectionsWithGapsMarked(t *testing.T) {
	d, _ := Builtin()
	f := goodFacts()
	s, _ := State{}.WithField(d, KeyLicence, "CC BY 4.0")
	card := ModelCard(d, s, f, Assess(d, s, f))
	if got := headings(card); got != "Model details | Intended use | Factors | Metrics | Evaluation data | Training data | Quantitative analyses | Ethical considerations | Caveats and recommendations" {
		t.Fatalf("sections: %s", got)
	}
	gaps := card.Gaps()
	for _, g := range gaps {
		if g.Key == KeyLicence || g.Value != "" || g.Help == "" {
			t.Errorf("gap %+v", g)
		}
	}
	if len(gaps) < 10 {
		t.Errorf("only %d gaps on a card nobody filled in", len(gaps))
	}
	all := text(card)
	for _, want := range []string{"Licence: CC BY 4.0", "Random forest (forest)", "region", "south", "Deployment readiness", "balanced accuracy"} {
		if !strings.Contains(all, want) {
			t.Errorf("the card lacks %q", want)
		}
	}
	warned := false
	for _, b := range card.Sections[0].Blocks {
		warned = warned || b.Level == "warning" && strings.HasPrefix(b.Text, "Gap:")
	}
	if !warned {
		t.Error("the model details' gaps are not called out")
	}
}

func TestModelCard_WithoutAModelSaysSo(t *testing.T) {
	d, _ := Builtin()
	card := ModelCard(d, State{}, Facts{}, nil)
	if !strings.Contains(card.Subtitle, "No model") || !strings.Contains(text(card), "Not evaluated on the test rows yet") {
		t.Fatalf("%s\n%s", card.Subtitle, text(card))
	}
}

func TestDatasheet_GebruSectionsAndColumnDictionary(t *testing.T) {
	d, _ := Builtin()
	f := goodFacts()
	f.Alerts = []AlertFact{{Kind: "missing_values", Severity: "warning", Column: "income", Message: "income is missing in 12 rows", Action: "impute"}}
	sheet := Datasheet(d, State{}, f)
	if got := headings(sheet); got != "Motivation | Composition | Collection process | Preprocessing, cleaning and labelling | Uses | Distribution | Maintenance" {
		t.Fatalf("sections: %s", got)
	}
	all := text(sheet)
	for _, want := range []string{"id text identifier identifier", "income is missing in 12 rows", "1. impute", "income has gaps", "opened runs from 2020-01-01 to 2023-12-31"} {
		if !strings.Contains(all, want) {
			t.Errorf("the datasheet lacks %q", want)
		}
	}
}

func TestJournal_InOrderWithTimes(t *testing.T) {
	f := goodFacts()
	f.Journal = []JournalEntry{{Time: f.Model.Created, Stage: "data", What: "loaded"}, {Time: f.Model.Created.Add(60e9), Stage: "train", What: "chose forest", Why: "best"}}
	j := Journal(f)
	rows := j.Sections[0].Blocks[1].Table.Rows
	if len(rows) != 2 || rows[0][1] != "2025-03-04 10:30 UTC" || rows[1][2] != "Train" || rows[1][4] != "best" || rows[0][4] != "—" {
		t.Fatalf("rows %v", rows)
	}
}

func TestChecklistDocument_ScoresAndEvidence(t *testing.T) {
	d, _ := Builtin()
	r := Assess(d, State{}, goodFacts())
	doc := ChecklistDocument(d, r)
	all := text(doc)
	for _, want := range []string{"ML Test Score", "model_5", "automated (from the evidence)", "Evidence (shows it; see Train)"} {
		if !strings.Contains(all, want) {
			t.Errorf("the checklist lacks %q", want)
		}
	}
	if !strings.Contains(doc.Subtitle, "Readiness ") {
		t.Errorf("subtitle %q", doc.Subtitle)
	}
}

func TestSuggest_OnlyWhatTheProjectKnows(t *testing.T) {
	f := goodFacts()
	if s := Suggest(f, KeyWrongAnswerCost); !strings.Contains(s, "costs 1 and a missed case 5") {
		t.Fatalf("cost suggestion %q", s)
	}
	if s := Suggest(f, KeyWithoutModel); !strings.Contains(s, "scores 0.5 balanced accuracy") {
		t.Fatalf("baseline suggestion %q", s)
	}
	f.Costs, f.Board = nil, nil
	if Suggest(f, KeyWrongAnswerCost) != "" || Suggest(f, KeyWithoutModel) != "" || Suggest(goodFacts(), KeyLicence) != "" {
		t.Fatal("a suggestion from nothing")
	}
}
