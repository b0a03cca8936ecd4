package bot

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/ganshi/ganshi/bot/sender"
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// Each linked person's chat has its own command menu: their commands in
// their language. The menu last set for a chat is remembered (KV
// "menu:CHAT" holds its hash), so a menu that no longer fits — the person
// changed role or unit, or a release changed the commands — is set again,
// and one that fits is never sent twice.
const menuKV = "menu:"

// chatMenu is c's menu for their chat.
func chatMenu(c models.Cadre) telegram.Message {
	return telegram.Message{Menu: &telegram.Menu{Commands: menu(c, c.Lang)}}
}

func menuHash(m telegram.Message) string {
	b, _ := json.Marshal(m.Menu)
	return fmt.Sprintf("%x", sha256.Sum256(b))[:16]
}

// menuChange returns the message that sets c's chat menu when the chat
// does not have it yet, and records it. A chat whose menu was never
// recorded is left alone unless force (binding, a language change): the
// start-up sync sets those.
func menuChange(ctx context.Context, tx *models.Store, c models.Cadre, force bool) ([]telegram.Message, error) {
	if c.ChatID == nil || !c.Active {
		return nil, nil
	}
	m := chatMenu(c)
	key, want := menuKV+strconv.FormatInt(*c.ChatID, 10), menuHash(m)
	have, err := tx.GetKV(ctx, key)
	switch {
	case errors.Is(err, models.ErrNotFound) && !force:
		return nil, nil
	case err != nil && !errors.Is(err, models.ErrNotFound):
		return nil, err
	case have == want:
		return nil, nil
	}
	if err := tx.PutKV(ctx, key, want); err != nil {
		return nil, err
	}
	return []telegram.Message{m}, nil
}

// menuMessages set a person's own command menu, for their commands in
// their language.
func (r *request) menuMessages() ([]telegram.Message, error) {
	return menuChange(r.ctx, r.tx, r.me, true)
}

// DefaultMenus are the menus of chats without their own: people not
// linked yet, for whom only /start does anything.
func DefaultMenus() []telegram.Message {
	return []telegram.Message{
		{Menu: &telegram.Menu{Commands: []telegram.Command{{Name: "start", Description: texts.T(texts.ZH, "cmd_start")}}}},
		{Menu: &telegram.Menu{Language: texts.EN, Commands: []telegram.Command{{Name: "start", Description: texts.T(texts.EN, "cmd_start")}}}},
	}
}

// InstallMenus queues the default command menus and every linked person's
// chat menu that differs from what their chat was last given. The dedup
// key of a default menu carries its hash, so a restart changes nothing.
func InstallMenus(ctx context.Context, st *models.Store) error {
	for _, m := range DefaultMenus() {
		key := fmt.Sprintf("menu:default:%s:%s", m.Menu.Language, menuHash(m))
		if err := enqueue(ctx, st, 0, key, m); err != nil {
			return fmt.Errorf("install menus: %w", err)
		}
	}
	return st.Tx(ctx, func(tx *models.Store) error {
		cs, err := tx.BoundCadres(ctx)
		if err != nil {
			return fmt.Errorf("install menus: %w", err)
		}
		stamp := tx.Now().UnixNano()
		var out []models.Notification
		for _, c := range cs {
			ms, err := menuChange(ctx, tx, c, true)
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
}
