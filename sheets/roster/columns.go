package roster

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// field is one column the roster knows.
type field int

const (
	fUnit field = iota
	fKind
	fCategory
	fName
	fPosition
	fDuty
	fRole
	fExternalID
	fLang
	fBirthDate
	fWorkStart
	fServiceYears
	numFields
)

// column describes a field: its English name (the texts key roster_col_
// + name says its header in each language), the headers a person may
// write (Chinese first), whether the file must have it, and how many
// characters the database column holds (0: no limit checked here).
type column struct {
	name     string
	names    []string
	required bool
	max      int
}

var columns = [numFields]column{
	fUnit:       {"unit", []string{"单位", "unit", "单位名称", "unitname"}, true, 100},
	fKind:       {"unit_kind", []string{"单位类型", "unitkind", "unittype"}, true, 0},
	fCategory:   {"category", []string{"类别", "category", "单位类别"}, true, 100},
	fName:       {"name", []string{"姓名", "name"}, true, 100},
	fPosition:   {"position", []string{"职务", "position"}, true, 200},
	fDuty:       {"duty", []string{"分工", "duty"}, true, 500},
	fRole:       {"role", []string{"角色", "role"}, true, 0},
	fExternalID: {"external_id", []string{"工号", "编号", "externalid"}, true, 64},
	fLang:       {"lang", []string{"语言", "lang", "language"}, false, 0},
	fBirthDate:  {"birth_date", []string{"出生日期", "出生年月", "birthdate", "dateofbirth"}, false, 0},
	// For the annual leave (models.LeaveEntitlement): the year work began,
	// or the years of service as of the import.
	fWorkStart:    {"work_start", []string{"参加工作年份", "参加工作时间", "参加工作", "workstart", "workstartyear"}, false, 0},
	fServiceYears: {"service_years", []string{"工龄", "serviceyears"}, false, 0},
}

// label is a column's header as a problem names it, in the reader's
// language: "姓名", "姓名 (name)".
func label(f field) texts.Msg { return texts.M("roster_col_" + columns[f].name) }

// vocab maps the words a roster may use for a value to the stored value.
type vocab struct {
	words      map[string]string // key(word) → value
	unknownKey string            // the problem a word not listed is
	allowed    texts.List        // each value's words, for that problem
}

// newVocab indexes every value's words by key, so that a word is found
// however it was spaced or typed (full-width, upper case).
func newVocab(unknownKey string, allowed texts.List, values map[string][]string) vocab {
	v := vocab{map[string]string{}, unknownKey, allowed}
	for value, words := range values {
		for _, w := range words {
			if other, ok := v.words[key(w)]; ok && other != value {
				panic(fmt.Sprintf("roster: %q means both %s and %s", w, other, value))
			}
			v.words[key(w)] = value
		}
	}
	return v
}

// kindWords are the names counties give each kind of unit, the usual one
// first. examples/README.md lists them all; a test keeps it so.
var kindWords = map[string][]string{
	models.UnitTownship:   {"乡镇", "镇", "乡", "街道", "乡镇（街道）", "民族乡", "街道办事处", "township", "town", "subdistrict"},
	models.UnitPark:       {"园区", "开发区", "经济开发区", "高新区", "工业园区", "工业园", "产业园", "产业园区", "park"},
	models.UnitCountyBody: {"县直单位", "县直", "县级机关", "县直机关", "县直部门", "县级部门", "县直机关单位", "机关", "county_body"},
}

// kindOrder is the order kinds are listed in for people.
var kindOrder = []string{models.UnitTownship, models.UnitPark, models.UnitCountyBody}

var (
	kinds = newVocab("roster_unknown_kind", allowedKinds(), kindWords)
	roles = newVocab("roster_unknown_role", texts.List{"干部/cadre", "主要负责同志/主要负责人/负责人/leader", "组织部/管理员/admin", "职能部门联络员/联络员/liaison"},
		map[string][]string{
			models.RoleCadre:   {"干部", "cadre"},
			models.RoleLeader:  {"主要负责同志", "主要负责人", "负责人", "leader"},
			models.RoleAdmin:   {"组织部", "管理员", "admin"},
			models.RoleLiaison: {"职能部门联络员", "联络员", "liaison"},
		})
	langs = newVocab("roster_unknown_lang", texts.List{"zh/中文", "en/英文"}, map[string][]string{
		"zh": {"zh", "中文", "chinese"},
		"en": {"en", "英文", "english"},
	})
)

// allowedKinds lists every kind's words: "乡镇/镇/…/township", "园区/…".
func allowedKinds() texts.List {
	var out texts.List
	for _, k := range kindOrder {
		out = append(out, strings.Join(kindWords[k], "/"))
	}
	return out
}

func (v vocab) lookup(s string) (string, bool) {
	out, ok := v.words[key(s)]
	return out, ok
}

// key folds what people vary without meaning to: full-width letters,
// digits and brackets (NFKC), case, spaces of any width, underscores,
// dashes, invisible format characters (a BOM, a zero-width space), and the
// "*" templates use to mark required columns.
func key(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '_' || r == '-' || r == '*' || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}

// alias is a header a field may have; rank 0 is its first name.
type alias struct {
	f    field
	rank int
}

// headerIndex maps header keys to fields.
var headerIndex = func() map[string]alias {
	m := map[string]alias{}
	for f, c := range columns {
		for i, n := range c.names {
			m[key(n)] = alias{field(f), i}
		}
	}
	return m
}()

// mapHeader finds each field's column. Headers it does not know (备注,
// 电话…) are ignored. When two headers name one field, the field's first
// name wins (a sheet with both 工号 and a serial 编号 column); the same
// name twice, or a required field missing, is a problem on the header's
// line.
func mapHeader(h Record) (idx [numFields]int, probs Problems) {
	var rank [numFields]int
	for i := range idx {
		idx[i] = -1
	}
	for col, name := range h.Fields {
		a, ok := headerIndex[key(name)]
		switch {
		case !ok || (idx[a.f] >= 0 && a.rank > rank[a.f]):
		case idx[a.f] >= 0 && a.rank == rank[a.f]:
			probs.add(h.Line, "roster_col_twice", idx[a.f]+1, col+1, label(a.f))
		default:
			idx[a.f], rank[a.f] = col, a.rank
		}
	}
	for f, c := range columns {
		if c.required && idx[f] < 0 {
			probs.add(h.Line, "roster_col_missing", label(field(f)))
		}
	}
	return idx, probs
}

// isHeader tells whether a record names the name column, so a title row
// above the header ("某某县干部花名册") is passed over.
func isHeader(r Record) bool {
	for _, name := range r.Fields {
		if a, ok := headerIndex[key(name)]; ok && a.f == fName {
			return true
		}
	}
	return false
}

// cleanText trims a cell and folds runs of spaces into one. Between Chinese
// characters the spaces go entirely: documents pad two-character names to
// three ("王　五").
func cleanText(s string) string {
	parts := strings.Fields(s)
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	sep := " "
	if allHan(parts) {
		sep = ""
	}
	return strings.Join(parts, sep)
}

func allHan(parts []string) bool {
	for _, p := range parts {
		for _, r := range p {
			if !unicode.Is(unicode.Han, r) && r != '·' {
				return false
			}
		}
	}
	return true
}

// cleanID reads an external id the way it was meant: full-width letters and
// digits typed with a Chinese input method become ASCII.
func cleanID(s string) string { return strings.TrimSpace(norm.NFKC.String(s)) }
