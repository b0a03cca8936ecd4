package bot

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// Command menus. Telegram shows a private chat the first menu it has: the
// chat's own, then the one for every private chat in the user's client
// language, then the one for every private chat without a language (our
// Chinese one). A plain cadre's menu is that default, set once per
// language at start-up (DefaultMenus), so binding a cadre costs one
// message, the welcome. A chat gets a menu of its own only where the
// person's menu differs from the default their client shows: a leader, an
// admin, a cadre without a unit, someone who chose a language their client
// is not in. KV "menu:CHAT" remembers what the chat shows: menuDefault+
// the language (no menu of its own) or the hash of its own menu, so a
// menu that no longer fits — the person changed role, unit or language,
// or a release changed the commands — is set (or removed) again, and one
// that fits is never sent twice.
const (
	menuKV      = "menu:"
	menuDefault = "default/"
)

// chatMenu is c's menu for their chat.
func chatMenu(c models.Cadre) telegram.Message {
	return telegram.Message{Menu: &telegram.Menu{Commands: menu(c, c.Lang)}}
}

// cadreMenu is the menu every private chat shows by default: a cadre's
// in a unit, what most people on the roster are.
func cadreMenu(lang string) []telegram.Command {
	unit := int64(1)
	return menu(models.Cadre{Role: models.RoleCadre, UnitID: &unit, Active: true}, lang)
}

// clientMenuLang is the language of the default menu a Telegram client
// with this language code shows: English for "en", Chinese for any code
// without a menu of its own (Telegram's rule for language_code), and ""
// (not sure) for English variants, whose match we do not rely on.
func clientMenuLang(code string) string {
	switch {
	case code == texts.EN:
		return texts.EN
	case strings.HasPrefix(code, texts.EN+"-"):
		return ""
	}
	return texts.ZH
}

func menuHash(m telegram.Message) string {
	b, _ := json.Marshal(m.Menu)
	return fmt.Sprintf("%x", sha256.Sum256(b))[:16]
}

// menuChange returns the message that gives c's chat the menu it should
// show, when it does not show it yet, and records it. shown is the
// default menu's language for the person's client (clientMenuLang), ""
// when unknown: then the language last seen counts, and without one the
// chat gets its own menu. A chat whose menu was never recorded is left
// alone unless force (binding, a language change, start-up).
func menuChange(ctx context.Context, tx *models.Store, c models.Cadre, force bool, shown string) ([]telegram.Message, error) {
	if c.ChatID == nil || !c.Active {
		return nil, nil
	}
	have, err := tx.GetKV(ctx, menuKey(c))
	switch {
	case errors.Is(err, models.ErrNotFound) && !force:
		return nil, nil
	case err != nil && !errors.Is(err, models.ErrNotFound):
		return nil, err
	}
	return menuFrom(ctx, tx, c, have, shown)
}

// menuKey is where the menu c's chat shows is recorded.
func menuKey(c models.Cadre) string { return menuKV + strconv.FormatInt(*c.ChatID, 10) }

// menuFrom is menuChange once the recorded menu, have, is read ("" when
// none is).
func menuFrom(ctx context.Context, tx *models.Store, c models.Cadre, have, shown string) ([]telegram.Message, error) {
	if last, ok := strings.CutPrefix(have, menuDefault); ok && shown == "" {
		shown = last
	}
	own := chatMenu(c)
	want := menuHash(own)
	if shown != "" && slices.Equal(own.Menu.Commands, cadreMenu(shown)) {
		want = menuDefault + shown
	}
	if have == want {
		return nil, nil
	}
	if err := tx.PutKV(ctx, menuKey(c), want); err != nil {
		return nil, err
	}
	switch {
	case !strings.HasPrefix(want, menuDefault):
		return []telegram.Message{own}, nil
	case have == "" || strings.HasPrefix(have, menuDefault):
		return nil, nil // no menu of its own to take away
	}
	return []telegram.Message{{Menu: &telegram.Menu{}}}, nil // delete the chat's own menu
}

// menuMessages give a person's chat the menu for their commands in their
// language, from the update they just sent.
func (r *request) menuMessages() ([]telegram.Message, error) {
	return menuChange(r.ctx, r.tx, r.me, true, clientMenuLang(r.in.userLang))
}

// DefaultMenus are the menus of chats without their own, in Chinese (no
// language_code) and English: every private chat shows a cadre's menu,
// other chats (groups) only /start.
func DefaultMenus() []telegram.Message {
	start := func(lang string) []telegram.Command {
		return []telegram.Command{{Name: "start", Description: texts.T(lang, "cmd_start")}}
	}
	return []telegram.Message{
		{Menu: &telegram.Menu{Commands: start(texts.ZH)}},
		{Menu: &telegram.Menu{Language: texts.EN, Commands: start(texts.EN)}},
		{Menu: &telegram.Menu{Private: true, Commands: cadreMenu(texts.ZH)}},
		{Menu: &telegram.Menu{Private: true, Language: texts.EN, Commands: cadreMenu(texts.EN)}},
	}
}

// InstallMenus queues the default command menus and every linked person's
// chat menu that differs from what their chat shows (menuChange). The dedup
// key of a default menu carries its hash, so a restart changes nothing.
func InstallMenus(ctx context.Context, st *models.Store) error {
	for _, m := range DefaultMenus() {
		key := fmt.Sprintf("menu:default:%t:%s:%s", m.Menu.Private, m.Menu.Language, menuHash(m))
		if err := enqueue(ctx, st, 0, key, m); err != nil {
			return fmt.Errorf("install menus: %w", err)
		}
	}
	return st.Tx(ctx, func(tx *models.Store) error {
		stamp := tx.Now().UnixNano()
		// A few hundred at a time, their recorded menus in one read: a
		// province's roster is never in memory.
		return tx.EachBoundCadre(ctx, 500, func(cs []models.Cadre) error {
			keys := make([]string, len(cs))
			for i, c := range cs {
				keys[i] = menuKey(c)
			}
			have, err := tx.GetKVs(ctx, keys)
			if err != nil {
				return fmt.Errorf("install menus: %w", err)
			}
			var out []models.Notification
			for _, c := range cs {
				ms, err := menuFrom(ctx, tx, c, have[menuKey(c)], "")
				if err != nil {
					return fmt.Errorf("install menus: %w", err)
				}
				for _, m := range ms {
					payload, _ := json.Marshal(m)
					out = append(out, models.Notification{ChatID: *c.ChatID, Kind: sender.KindText, Payload: string(payload),
						DedupKey: fmt.Sprintf("menu:%d:%s:%d", *c.ChatID, menuHash(m), stamp)})
				}
			}
			_, err = tx.EnqueueMany(ctx, out)
			return err
		})
	})
}
