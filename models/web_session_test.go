package models_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestWebSessionLifetime(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, _ := seedUnit(t, st, "城关镇")
		ws, secret, err := st.StartWebSession(ctx, lead.ID)
		must(t, err)
		if len(secret) < 43 || ws.TokenHash == secret || ws.CSRF == "" {
			t.Fatalf("secret %q, stored %q", secret, ws.TokenHash)
		}
		got, err := st.WebSessionBySecret(ctx, secret)
		if err != nil || got.ID != ws.ID || got.CadreID != lead.ID || got.CSRF != ws.CSRF {
			t.Fatalf("lookup: %+v %v", got, err)
		}
		for _, bad := range []string{"", secret + "x", ws.TokenHash} {
			if _, err := st.WebSessionBySecret(ctx, bad); !errors.Is(err, models.ErrNoSession) {
				t.Errorf("secret %q: %v", bad, err)
			}
		}
		clock.Advance(4 * time.Minute)
		if got, _ := st.WebSessionBySecret(ctx, secret); !got.LastSeenAt.Equal(ws.LastSeenAt) {
			t.Error("last seen written on every request")
		}
		clock.Advance(2 * time.Minute)
		if got, _ := st.WebSessionBySecret(ctx, secret); !got.LastSeenAt.Equal(clock.Now()) {
			t.Errorf("last seen %v, want %v", got.LastSeenAt, clock.Now())
		}
		clock.Advance(models.WebSessionTTL)
		if _, err := st.WebSessionBySecret(ctx, secret); !errors.Is(err, models.ErrNoSession) {
			t.Errorf("a session lived past 12 hours: %v", err)
		}
		ws, secret, _ = st.StartWebSession(ctx, lead.ID)
		must(t, st.EndWebSession(ctx, ws.ID))
		if _, err := st.WebSessionBySecret(ctx, secret); !errors.Is(err, models.ErrNoSession) {
			t.Errorf("a session lived past logout: %v", err)
		}
	})
}

// Taking someone's access away in chat or by the roster takes it away in
// the browser: unbinding and deactivating end every session.
func TestUnbindAndDeactivateEndSessions(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		apply(t, st, county(), models.ApplyOptions{})
		a, b := cadreOf(t, st, "GS0002"), cadreOf(t, st, "GS0004")
		for _, c := range []models.Cadre{a, a, b} {
			_, _, err := st.StartWebSession(ctx, c.ID)
			must(t, err)
		}
		bind(t, st, &a)
		must(t, st.Unbind(ctx, a.ID))
		if n, _ := st.LiveWebSessions(ctx, a.ID); n != 0 {
			t.Errorf("%d sessions after unbinding", n)
		}
		if n, _ := st.LiveWebSessions(ctx, b.ID); n != 1 {
			t.Errorf("unbinding someone else ended %s's session", b.Name)
		}
		var rest []models.RosterRow
		for _, r := range county() {
			if r.ExternalID != "GS0004" {
				rest = append(rest, r)
			}
		}
		apply(t, st, rest, models.ApplyOptions{DeactivateMissing: true})
		if n, _ := st.LiveWebSessions(ctx, b.ID); n != 0 {
			t.Errorf("%d sessions after the roster dropped %s", n, b.Name)
		}
	})
}

func TestLoginLink(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		bind(t, st, &lead)
		token, err := st.IssueLoginLink(ctx, lead.ID)
		must(t, err)
		if l, err := st.PeekLoginLink(ctx, token); err != nil || l.CadreID != lead.ID {
			t.Fatalf("peek: %+v %v", l, err)
		}
		ws, secret, err := st.UseLoginLink(ctx, token)
		if err != nil || ws.CadreID != lead.ID {
			t.Fatalf("use: %+v %v", ws, err)
		}
		if got, err := st.WebSessionBySecret(ctx, secret); err != nil || got.ID != ws.ID {
			t.Fatalf("the link's session: %v", err)
		}
		if _, _, err := st.UseLoginLink(ctx, token); !errors.Is(err, models.ErrLinkUsed) {
			t.Errorf("used twice: %v", err)
		}
		if _, _, err := st.UseLoginLink(ctx, "forged"+token[6:]); !errors.Is(err, models.ErrLinkUnknown) {
			t.Errorf("forged: %v", err)
		}
		token, _ = st.IssueLoginLink(ctx, lead.ID)
		clock.Advance(models.LoginLinkTTL)
		if _, _, err := st.UseLoginLink(ctx, token); !errors.Is(err, models.ErrLinkExpired) {
			t.Errorf("expired: %v", err)
		}
		// A cadre who was never bound (or was unbound since) gets no session.
		token, _ = st.IssueLoginLink(ctx, cad.ID)
		if _, _, err := st.UseLoginLink(ctx, token); !errors.Is(err, models.ErrLinkUnknown) {
			t.Errorf("unbound cadre: %v", err)
		}
	})
}

// Two browsers opening one link at once: exactly one logs in.
func TestLoginLinkRace(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, _ := seedUnit(t, st, "城关镇")
		bind(t, st, &lead)
		token, err := st.IssueLoginLink(ctx, lead.ID)
		must(t, err)
		var (
			wg   sync.WaitGroup
			mu   sync.Mutex
			wins int
		)
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, _, err := st.UseLoginLink(ctx, token); err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if wins != 1 {
			t.Errorf("%d logins from one link", wins)
		}
	})
}

func TestWebUploadBelongsToItsSession(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		u, err := st.SaveWebUpload(ctx, 7, "名册.csv", []byte("单位,姓名"))
		must(t, err)
		if got, err := st.WebUploadOf(ctx, 7, u.ID); err != nil || string(got.Data) != "单位,姓名" || got.Name != "名册.csv" {
			t.Fatalf("read back: %+v %v", got, err)
		}
		if _, err := st.WebUploadOf(ctx, 8, u.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("another session read the upload: %v", err)
		}
		again, _ := st.SaveWebUpload(ctx, 7, "新名册.csv", []byte("x"))
		if _, err := st.WebUploadOf(ctx, 7, u.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("the older upload of the session is still there: %v", err)
		}
		clock.Advance(models.WebUploadTTL + time.Second)
		if _, err := st.WebUploadOf(ctx, 7, again.ID); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("an upload outlived its hour: %v", err)
		}
	})
}
