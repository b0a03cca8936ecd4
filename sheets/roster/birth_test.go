package roster

import (
	"errors"
	"strings"
	"testing"
)

// The optional 出生日期 column: dates as people type them; an unreadable
// one is a problem of its line.
func TestBirthDateColumn(t *testing.T) {
	csv := "单位,单位类型,类别,姓名,职务,分工,角色,工号,出生日期\n" +
		"城关镇,乡镇,乡镇一类,张建国,党委书记,全面工作,主要负责同志,GS0001,1972/3/8\n" +
		"城关镇,乡镇,乡镇一类,陈晓燕,副镇长,城建,干部,GS0003,1988.06\n" +
		"城关镇,乡镇,乡镇一类,杨帆,委员,党建,干部,GS0004,\n"
	rows, err := Parse("r.csv", []byte(csv), "")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{rows[0].BirthDate, rows[1].BirthDate, rows[2].BirthDate}
	if strings.Join(got, ",") != "1972-03-08,1988-06-01," {
		t.Errorf("birth dates: %q", got)
	}
	_, err = Parse("r.csv", []byte(strings.Replace(csv, "1988.06", "八八年", 1)), "")
	var probs Problems
	if !errors.As(err, &probs) || len(probs) != 1 || !strings.Contains(probs[0].Text("zh"), "第3行") || !strings.Contains(probs[0].Text("zh"), "八八年") {
		t.Errorf("an unreadable date: %v", err)
	}
}
