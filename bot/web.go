package bot

import (
	"html"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runWeb is /web: a one-time link into the web console for the caller
// (valid models.LoginLinkTTL, usable once, bound to them), or with
// "logout" the end of every web session they have. The link is the only
// way in: the console has no passwords. Messages go out with link
// previews off, and opening the link only shows a page with a button, so
// a preview fetch could not spend it anyway.
func runWeb(r *request) ([]telegram.Message, error) {
	switch strings.ToLower(strings.TrimSpace(r.in.args)) {
	case "":
	case "logout", "退出":
		n, err := r.tx.EndWebSessions(r.ctx, r.me.ID)
		if err != nil {
			return nil, err
		}
		return r.say("web_logged_out", n), nil
	default:
		return r.say("web_usage"), nil
	}
	if r.webURL == "" {
		return r.say("web_not_configured"), nil
	}
	token, err := r.tx.IssueLoginLink(r.ctx, r.me.ID)
	if err != nil {
		return nil, err
	}
	link := html.EscapeString(r.webURL + "/login/" + token)
	minutes := int(models.LoginLinkTTL.Minutes())
	return r.say("web_link", `<a href="`+link+`">`+link+`</a>`, minutes), nil
}
