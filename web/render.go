package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/ganshi/ganshi/models"
)

//go:embed templates
var templateFiles embed.FS

// templates holds one parsed template per page, each with the layout and
// the partials shared between pages:
// html/template escapes what they print by where it goes (text, attribute,
// URL), so a name typed as <script> shows as text.
type templates struct{ byName map[string]*template.Template }

func parseTemplates() (*templates, error) {
	t := &templates{byName: map[string]*template.Template{}}
	funcs := template.FuncMap{
		"add":  func(a, b int) int { return a + b },
		"sub":  func(a, b int) int { return a - b },
		"dict": dict,
		"yes":  func(b *bool) bool { return b != nil && *b },
		// satScale is the form's satisfaction scale, best first.
		"satScale": func(any) []int { return []int{5, 4, 3, 2, 1} },
		"srcHref":  sourceHref,
		// tallyParts names ReportTally.Parts, in their order.
		"tallyParts": func() []string { return models.TallyParts[:] },
	}
	pages, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		tpl, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials.html", p)
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		t.byName[name] = tpl
	}
	return t, nil
}

// render writes a page with its status. The page is rendered into a
// buffer first, so a template error becomes a clean 500, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	tpl, ok := s.tpl.byName[name]
	if !ok {
		s.serverError(w, r, nil, fmt.Errorf("no template %q", name))
		return
	}
	if p.Flash == "" {
		p.Flash = takeFlash(w, r, p.Lang)
	}
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, "layout", p); err != nil {
		s.serverError(w, r, nil, fmt.Errorf("render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = b.WriteTo(w)
}

// dict builds the one value a shared template gets from key, value pairs:
// {{template "badge" (dict "P" $ "S" .State)}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
