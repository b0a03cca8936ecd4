package sheets

import (
	"encoding/csv"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

// InviteLinker turns a code into the link a cadre clicks.
type InviteLinker func(code string) string

// InvitesCSV writes freshly issued invitations for Excel: a UTF-8 BOM
// (without it Excel on a Chinese Windows reads the names as GBK and shows
// mojibake), CRLF line ends, and columns external_id, name, unit, code,
// link, expires — the expiry in until's zone on every row, since rows are
// cut out and handed on one by one.
func InvitesCSV(w io.Writer, invs []models.Invitation, link InviteLinker, until time.Time) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("write invitations csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write([]string{"external_id", "name", "unit", "code", "link", "expires"}); err != nil {
		return fmt.Errorf("write invitations csv: %w", err)
	}
	expires := until.Format(timeLayout)
	for _, inv := range invs {
		row := []string{inv.Cadre.ExternalID, inv.Cadre.Name, inv.Unit, inv.Code, link(inv.Code), expires}
		for i := range row {
			row[i] = defuse(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write invitations csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write invitations csv: %w", err)
	}
	return nil
}

// InvitesXLSX writes the sheet the department prints and cuts into slips,
// one row per cadre; until is shown in the zone it carries.
func InvitesXLSX(w io.Writer, invs []models.Invitation, link InviteLinker, until time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "邀请码"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("write invitations sheet: %w", err)
	}
	rows := [][]any{{"编号", "姓名", "单位", "职务", "邀请码", "链接", "有效期至"}}
	for _, inv := range invs {
		rows = append(rows, defused([]any{inv.Cadre.ExternalID, inv.Cadre.Name, inv.Unit, inv.Cadre.Position,
			inv.Code, link(inv.Code), until.Format(timeLayout)}))
	}
	for i := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &rows[i]); err != nil {
			return fmt.Errorf("write invitations sheet: %w", err)
		}
	}
	for _, c := range []struct {
		col string
		w   float64
	}{{"A", 10}, {"B", 10}, {"C", 16}, {"D", 20}, {"E", 14}, {"F", 44}, {"G", 18}} {
		if err := f.SetColWidth(sheet, c.col, c.col, c.w); err != nil {
			return fmt.Errorf("write invitations sheet: %w", err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write invitations sheet: %w", err)
	}
	return nil
}
