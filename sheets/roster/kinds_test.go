package roster

import (
	"os"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
)

// TestUnitKindSynonyms imports one row per way of writing a unit kind,
// as counties write them, and checks the kind stored.
func TestUnitKindSynonyms(t *testing.T) {
	for in, want := range map[string]string{
		"乡镇": models.UnitTownship, "镇": models.UnitTownship, "乡": models.UnitTownship, "街道": models.UnitTownship,
		"乡镇（街道）": models.UnitTownship, "乡镇(街道)": models.UnitTownship, " 乡镇 （ 街道 ） ": models.UnitTownship,
		"township": models.UnitTownship, "Township": models.UnitTownship, "ＴＯＷＮＳＨＩＰ": models.UnitTownship,
		"园区": models.UnitPark, "开发区": models.UnitPark, "工业园区": models.UnitPark, "产业园": models.UnitPark,
		"经济开发区": models.UnitPark, "park": models.UnitPark, "\u200b园区": models.UnitPark,
		"县直单位": models.UnitCountyBody, "县直": models.UnitCountyBody, "县级机关": models.UnitCountyBody,
		"县直机关": models.UnitCountyBody, "县直部门": models.UnitCountyBody, "县级部门": models.UnitCountyBody,
		"机关": models.UnitCountyBody, "　县级机关　": models.UnitCountyBody, "\u00a0县级机关\t": models.UnitCountyBody,
		"county_body": models.UnitCountyBody, "County Body": models.UnitCountyBody, "ｃｏｕｎｔｙ＿ｂｏｄｙ": models.UnitCountyBody,
		"county-body": models.UnitCountyBody,
	} {
		rows, err := Parse("r.csv", csvOf(header, `城关镇,"`+in+`",乡镇一类,李明,副镇长,,干部,GS0002`), EncodingAuto)
		if err != nil {
			t.Errorf("%q refused: %v", in, err)
			continue
		}
		if rows[0].UnitKind != want {
			t.Errorf("%q read as %q, want %q", in, rows[0].UnitKind, want)
		}
	}
	for _, in := range []string{"村", "社区", "县", "乡镇街道办", "事业单位"} {
		if _, err := Parse("r.csv", csvOf(header, "城关镇,"+in+",乡镇一类,李明,副镇长,,干部,GS0002"), EncodingAuto); err == nil {
			t.Errorf("%q accepted as a unit kind", in)
		}
	}
}

// TestReadmeListsEveryUnitKind keeps examples/README.md, where people look
// up what to write, in step with what the import accepts, in both languages.
func TestReadmeListsEveryUnitKind(t *testing.T) {
	data, err := os.ReadFile("../../examples/README.md")
	if err != nil {
		t.Fatal(err)
	}
	zh, en, ok := strings.Cut(string(data), "## English")
	if !ok {
		t.Fatal("examples/README.md has no ## English section")
	}
	for _, k := range kindOrder {
		for _, w := range kindWords[k] {
			for lang, text := range map[string]string{"中文": zh, "English": en} {
				if !strings.Contains(text, "`"+w+"`") {
					t.Errorf("examples/README.md (%s) does not list unit kind `%s`", lang, w)
				}
			}
		}
	}
}
