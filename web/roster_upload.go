package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets/roster"
)

// uploadRoster is POST /roster/upload: the whole file is checked as
// `ganshi import` checks it; with any problem nothing is kept and every
// problem is listed with its line; a good file is kept for the preview.
func (s *Server) uploadRoster(w http.ResponseWriter, r *http.Request, v *visitor) {
	if v.me.Role != models.RoleAdmin {
		s.refuse(w, r, v, "roster upload")
		return
	}
	name, data, ok := s.readUpload(w, r, v)
	if !ok {
		return
	}
	_, err := roster.Parse(name, data, roster.EncodingAuto)
	var probs roster.Problems
	if errors.As(err, &probs) {
		page, derr := s.rosterData(r)
		if derr != nil {
			s.serverError(w, r, v, derr)
			return
		}
		page.File, page.Problems = name, probs
		s.render(w, r, http.StatusUnprocessableEntity, "roster", s.newPage(v, "web_nav_roster", "roster", page))
		return
	}
	if err != nil {
		s.fail(w, r, v, http.StatusUnsupportedMediaType, "web_err_not_spreadsheet")
		return
	}
	up, err := s.st.SaveWebUpload(r.Context(), v.session.ID, name, data)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	http.Redirect(w, r, "/roster/uploads/"+strconv.FormatInt(up.ID, 10), http.StatusSeeOther)
}

// readUpload reads the form's file, refusing what is not a spreadsheet by
// its name or by its first bytes (a renamed photo, a PDF).
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request, v *visitor) (string, []byte, bool) {
	f, fh, err := r.FormFile("file")
	if err != nil {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_no_file")
		return "", nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.maxUp+1))
	if err != nil {
		s.serverError(w, r, v, err)
		return "", nil, false
	}
	if int64(len(data)) > s.maxUp {
		s.fail(w, r, v, http.StatusRequestEntityTooLarge, "web_err_too_large", s.maxUp>>20)
		return "", nil, false
	}
	name := filepath.Base(fh.Filename)
	if !looksLikeSpreadsheet(name, data) {
		s.fail(w, r, v, http.StatusUnsupportedMediaType, "web_err_not_spreadsheet")
		return "", nil, false
	}
	return name, data, true
}

// looksLikeSpreadsheet accepts .xlsx/.xlsm that are zip files and .csv
// files that are text (no NUL bytes; UTF-8 or GBK is roster's business).
func looksLikeSpreadsheet(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return bytes.HasPrefix(data, []byte("PK\x03\x04"))
	case ".csv", ".txt":
		return !bytes.Contains(data[:min(len(data), 8192)], []byte{0})
	}
	return false
}
