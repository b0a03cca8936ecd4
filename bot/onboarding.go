package bot

import (
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// maxNames is how many names a line lists before it only counts: a
// summary must stay readable for a county of 120 units.
const maxNames = 10

// runOnboarding shows who is linked and who cannot be reached: leaders for
// their unit, admins for every unit.
func runOnboarding(r *request) ([]telegram.Message, error) {
	var scope *int64
	if r.me.Role != models.RoleAdmin {
		scope = r.me.UnitID
		if scope == nil {
			return r.refuse("/onboarding"), nil
		}
	}
	units, err := r.tx.Onboarding(r.ctx, scope)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(r.t("onboarding_header"))
	for _, u := range units {
		b.WriteString("\n" + r.t("onboarding_unit", esc(u.Unit.Name), u.Bound, u.Total))
		if len(u.NotBound) > 0 {
			b.WriteString("\n" + r.t("onboarding_missing", len(u.NotBound), names(r.lang, u.NotBound, false)))
		}
		if len(u.Unreachable) > 0 {
			b.WriteString("\n" + r.t("onboarding_unreach", len(u.Unreachable), names(r.lang, u.Unreachable, true)))
		}
	}
	b.WriteString("\n\n" + r.t("onboarding_hint"))
	return []telegram.Message{{Text: b.String()}}, nil
}

func names(lang string, cs []models.Cadre, reasons bool) string {
	var parts []string
	for i, c := range cs {
		if i == maxNames {
			parts = append(parts, "…")
			break
		}
		s := esc(c.Name)
		if reasons && c.UnreachableReason != "" {
			s += "（" + esc(c.UnreachableReason) + "）"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, texts.T(lang, "digest_sep"))
}
