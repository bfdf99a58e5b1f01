package synth_test

import (
	"bytes"
	"fmt"
	"strings"

	"modelbench/workflow/synth"
)

func ExampleWrite() {
	var b bytes.Buffer
	if err := synth.Write(&b, synth.Spec{Rows: 3, Task: synth.Classification, Seed: 42}); err != nil {
		panic(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	fmt.Println(len(lines)-1, "rows")
	fmt.Println(lines[0])
	// Output:
	// 3 rows
	// f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13,f14,f15,f16,f17,f18,f19,cat_a,cat_b,y
}
