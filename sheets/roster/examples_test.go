package roster

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var updateExamples = flag.Bool("update-examples", false, "rewrite examples/roster-gbk.csv from examples/roster.csv")

// TestExamples keeps the shipped examples importable and the GBK copy
// byte for byte the GBK encoding of the UTF-8 one. After editing
// roster.csv: go test ./sheets/roster -run Examples -update-examples
func TestExamples(t *testing.T) {
	utf, err := os.ReadFile("../../examples/roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(utf)
	if err != nil {
		t.Fatalf("examples/roster.csv has characters GBK lacks: %v", err)
	}
	if *updateExamples {
		if err := os.WriteFile("../../examples/roster-gbk.csv", gbk, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stored, err := os.ReadFile("../../examples/roster-gbk.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stored, gbk) {
		t.Fatal("examples/roster-gbk.csv is stale: run go test ./sheets/roster -run Examples -update-examples")
	}
	want := mustParse(t, "roster.csv", utf, EncodingAuto)
	got := mustParse(t, "roster-gbk.csv", stored, EncodingAuto)
	if len(want) != 14 || len(got) != len(want) {
		t.Fatalf("rows: utf-8 %d, gbk %d", len(want), len(got))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: gbk %+v, utf-8 %+v", i, got[i], want[i])
		}
	}
}
