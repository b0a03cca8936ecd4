package inbox_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"

	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

const (
	secret     = "s3cr3t-token_ABC"
	hookUpdate = `{"update_id":77,"message":{"message_id":1,"date":1790000000,"chat":{"id":1,"type":"private","first_name":"张三"},"from":{"id":1,"is_bot":false,"first_name":"张三"},"text":"hello"}}`
)

func hookRequest(method, token, body string) *http.Request {
	r := httptest.NewRequest(method, "/telegram/webhook", strings.NewReader(body))
	if token != "" {
		r.Header.Set("X-Telegram-Bot-Api-Secret-Token", token)
	}
	return r
}

// atHeader is a ResponseRecorder that looks at the database at the moment
// the status is written, to prove the row was committed before Telegram
// could learn of the 200.
type atHeader struct {
	*httptest.ResponseRecorder
	check func(status int)
}

func (w *atHeader) WriteHeader(status int) {
	w.check(status)
	w.ResponseRecorder.WriteHeader(status)
}

func TestWebhookStoresBeforeAnswering(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		pokes := 0
		m := metrics.NewSet()
		h := inbox.NewWebhook(st, secret, nil, m, func() { pokes++ })
		var rowsAtHeader []models.InboxUpdate
		w := &atHeader{ResponseRecorder: httptest.NewRecorder(), check: func(int) { rowsAtHeader = inboxRows(t, st) }}
		h.ServeHTTP(w, hookRequest(http.MethodPost, secret, hookUpdate))
		if w.Code != http.StatusOK {
			t.Fatalf("status %d, want 200: %s", w.Code, w.Body)
		}
		if len(rowsAtHeader) != 1 || rowsAtHeader[0].UpdateID != 77 || rowsAtHeader[0].ChatID != 1 ||
			rowsAtHeader[0].Payload != hookUpdate || rowsAtHeader[0].Status != models.InboxPending {
			t.Fatalf("inbox when the 200 was written: %+v", rowsAtHeader)
		}

		// Telegram retries when it missed our answer: stored once, still 200.
		w2 := httptest.NewRecorder()
		h.ServeHTTP(w2, hookRequest(http.MethodPost, secret, hookUpdate))
		if w2.Code != http.StatusOK {
			t.Fatalf("duplicate: status %d, want 200", w2.Code)
		}
		if rows := inboxRows(t, st); len(rows) != 1 {
			t.Fatalf("duplicate stored: %d rows", len(rows))
		}
		if pokes != 1 || m.UpdatesReceived.Value("webhook") != 1 {
			t.Errorf("pokes %d, received{webhook} %d; want 1 and 1", pokes, m.UpdatesReceived.Value("webhook"))
		}
	})
}

func TestWebhookRefuses(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		h := inbox.NewWebhook(st, secret, nil, nil, nil)
		for _, tc := range []struct {
			name, method, token, body string
			want                      int
		}{
			{"missing secret", http.MethodPost, "", hookUpdate, http.StatusUnauthorized},
			{"wrong secret", http.MethodPost, "s3cr3t-token_ABD", hookUpdate, http.StatusUnauthorized},
			{"secret prefix", http.MethodPost, secret[:5], hookUpdate, http.StatusUnauthorized},
			{"GET", http.MethodGet, secret, "", http.StatusMethodNotAllowed},
			{"not json", http.MethodPost, secret, "{update_id: 1", http.StatusBadRequest},
			{"no update_id", http.MethodPost, secret, `{"message":{"message_id":1}}`, http.StatusBadRequest},
			{"too large", http.MethodPost, secret, `{"update_id":5,"x":"` + strings.Repeat("a", 1<<20) + `"}`, http.StatusRequestEntityTooLarge},
		} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, hookRequest(tc.method, tc.token, tc.body))
			if w.Code != tc.want {
				t.Errorf("%s: status %d, want %d", tc.name, w.Code, tc.want)
			}
		}
		if rows := inboxRows(t, st); len(rows) != 0 {
			t.Fatalf("refused requests stored %d rows", len(rows))
		}
	})
}

func TestWebhookWithoutConfiguredSecretRefusesAll(t *testing.T) {
	st := modelstest.SQLite(t, modelstest.NewClock(modelstest.Start).Now)
	w := httptest.NewRecorder()
	inbox.NewWebhook(st, "", nil, nil, nil).ServeHTTP(w, hookRequest(http.MethodPost, "", hookUpdate))
	if w.Code != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401", w.Code)
	}
}

func TestWebhookAsksForRetryWhenTheDatabaseIsDown(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		h := inbox.NewWebhook(st, secret, nil, nil, nil)
		st.Close()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, hookRequest(http.MethodPost, secret, hookUpdate))
		if w.Code < 500 {
			t.Fatalf("status %d, want 5xx so Telegram retries", w.Code)
		}
	})
}

// Through the fake Bot API: Telegram forgets an update only once the
// webhook answered 2xx, which it does only after storing it.
func TestWebhookWithTheFakeTelegram(t *testing.T) {
	st := modelstest.SQLite(t, modelstest.NewClock(modelstest.Start).Now)
	ctx := testCtx(t)
	fake, client := newFake(t)
	srv := httptest.NewServer(inbox.NewWebhook(st, secret, nil, nil, nil))
	t.Cleanup(srv.Close)
	if _, err := client.API().SetWebhook(ctx, &tgbot.SetWebhookParams{URL: srv.URL, SecretToken: secret}); err != nil {
		t.Fatal(err)
	}
	sendMany(fake, 0, 5)
	if n, err := fake.DeliverWebhook(ctx); err != nil || n != 5 {
		t.Fatalf("delivered %d: %v", n, err)
	}
	if rows := inboxRows(t, st); len(rows) != 5 {
		t.Fatalf("inbox has %d rows, want 5", len(rows))
	}

	sendMany(fake, 5, 1)
	st.Close()
	if _, err := fake.DeliverWebhook(ctx); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("deliver with the database down: %v, want a 503", err)
	}
	if n := fake.PendingUpdates(); n != 1 {
		t.Fatalf("telegram kept %d updates, want 1 to retry", n)
	}
}
