package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/ganshi/ganshi/texts"
)

// A flash is the one-line notice a page shows after a POST redirected to
// it ("已签字确认3份"). It travels in a cookie as a text key and its
// arguments, never as text: only keys of the catalog starting with
// "web_done_" are shown, so a planted cookie cannot make the console say
// anything else.
const flashCookie = "ganshi_flash"

type flash struct {
	Key  string `json:"k"`
	Args []any  `json:"a,omitempty"`
}

// redirectDone sends the browser to path with a notice (303: the next
// request is a GET, so reloading does not post again).
func (s *Server) redirectDone(w http.ResponseWriter, r *http.Request, path, key string, args ...any) {
	b, _ := json.Marshal(flash{Key: key, Args: args})
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString(b), Path: "/",
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: 60})
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// takeFlash reads and clears the notice, in the page's language.
func takeFlash(w http.ResponseWriter, r *http.Request, lang string) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1})
	raw, err := base64.RawURLEncoding.DecodeString(c.Value)
	var f flash
	if err != nil || json.Unmarshal(raw, &f) != nil || !strings.HasPrefix(f.Key, "web_done_") || !texts.Has(f.Key) {
		return ""
	}
	for i, a := range f.Args {
		if n, ok := a.(float64); ok { // JSON numbers come back as float64
			f.Args[i] = int(n)
		}
	}
	return texts.T(lang, f.Key, f.Args...)
}
