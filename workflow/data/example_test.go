package data_test

import (
	"context"
	"fmt"
	"strings"

	"modelbench/workflow/data"
)

func ExampleReadCSV() {
	text := "when;city;temp;rain\n" +
		"2024-03-01;Lyon;12,5;no\n" +
		"2024-03-02;Lyon;NA;yes\n" +
		"2024-03-03;Paris;9,0;no\n"
	opt := data.CSVOptions{ParseOptions: data.ParseOptions{DecimalComma: true}}
	t, err := data.ReadCSV(context.Background(), strings.NewReader(text), int64(len(text)), "weather.csv", opt, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range t.Schema.Fields {
		fmt.Printf("%s: %s (%s), %s\n", f.Name, f.Kind, f.Label, f.Role)
	}
	fmt.Println(t.Frame.Col(2).Missing(), "missing temperature")
	// Output:
	// when: datetime (datetime), feature
	// city: categorical (categorical), feature
	// temp: numeric (numeric), feature
	// rain: boolean (boolean), target
	// 1 missing temperature
}

func ExampleReadCSV_error() {
	text := "a,b\n1,2\n3,4,5\n"
	_, err := data.ReadCSV(context.Background(), strings.NewReader(text), int64(len(text)), "bad.csv", data.CSVOptions{}, nil)
	fmt.Println(err)
	// Output:
	// bad.csv, line 3: wrong number of fields: this row has 3 fields but the header has 2
}

func ExampleConvert() {
	zip := data.NewNumeric("zip", []float64{75001, 69002, 75001}, nil)
	c, err := data.Convert(zip, data.Categorical, data.ParseOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Kind(), c.(*data.CategoricalColumn).Levels())
	// Output:
	// categorical [75001 69002]
}
