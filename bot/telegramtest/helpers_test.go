package telegramtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

var alice = telegramtest.User{ID: 42, FirstName: "Alice", Username: "alice", LanguageCode: "en"}
var bob = telegramtest.User{ID: 43, FirstName: "Bob"}

func newServer(t *testing.T, opts telegramtest.Options) *telegramtest.Server {
	t.Helper()
	srv := telegramtest.New(opts)
	t.Cleanup(srv.Close)
	return srv
}

// newBot is the real go-telegram/bot client pointed at srv: it speaks
// multipart, which is what the fake must understand.
func newBot(t *testing.T, srv *telegramtest.Server) *tgbot.Bot {
	t.Helper()
	b, err := tgbot.New(srv.Token(), tgbot.WithServerURL(srv.URL()), tgbot.WithSkipGetMe())
	if err != nil {
		t.Fatalf("new bot: %v", err)
	}
	return b
}

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// reply is Telegram's response envelope.
type reply struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

func call(ctx context.Context, t *testing.T, srv *telegramtest.Server, method, contentType string, body []byte) reply {
	t.Helper()
	r, err := post(ctx, srv, method, contentType, body)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// post is call for goroutines, which must not call t.Fatal.
func post(ctx context.Context, srv *telegramtest.Server, method, contentType string, body []byte) (reply, error) {
	var r reply
	u := srv.URL() + "/bot" + srv.Token() + "/" + method
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return r, fmt.Errorf("build request: %w", err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return r, fmt.Errorf("%s: %w", method, err)
	}
	defer func() { _ = resp.Body.Close() }()
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return r, fmt.Errorf("%s: decode: %w", method, err)
	}
	if r.OK != (resp.StatusCode == http.StatusOK) || (!r.OK && r.ErrorCode != resp.StatusCode) {
		return r, fmt.Errorf("%s: status %d disagrees with envelope %+v", method, resp.StatusCode, r)
	}
	return r, nil
}

func callJSON(ctx context.Context, t *testing.T, srv *telegramtest.Server, method string, params any) reply {
	t.Helper()
	body, err := json.Marshal(params)
	if err != nil {
		t.Fatalf("encode params: %v", err)
	}
	return call(ctx, t, srv, method, "application/json", body)
}

func callForm(ctx context.Context, t *testing.T, srv *telegramtest.Server, method string, v url.Values) reply {
	t.Helper()
	return call(ctx, t, srv, method, "application/x-www-form-urlencoded", []byte(v.Encode()))
}

// update is the part of an Update the tests read.
type update struct {
	UpdateID int64 `json:"update_id"`
	Message  *struct {
		MessageID int    `json:"message_id"`
		Text      string `json:"text"`
		Entities  []struct {
			Type   string `json:"type"`
			Offset int    `json:"offset"`
			Length int    `json:"length"`
		} `json:"entities"`
	} `json:"message"`
	CallbackQuery *struct {
		ID      string `json:"id"`
		Data    string `json:"data"`
		Message struct {
			MessageID int   `json:"message_id"`
			Date      int64 `json:"date"`
		} `json:"message"`
	} `json:"callback_query"`
}

func getUpdates(ctx context.Context, t *testing.T, srv *telegramtest.Server, params map[string]any) []update {
	t.Helper()
	r := callJSON(ctx, t, srv, "getUpdates", params)
	if !r.OK {
		t.Fatalf("getUpdates: %d %s", r.ErrorCode, r.Description)
	}
	var ups []update
	if err := json.Unmarshal(r.Result, &ups); err != nil {
		t.Fatalf("decode updates: %v", err)
	}
	return ups
}

func updateIDs(ups []update) []int64 {
	ids := make([]int64, len(ups))
	for i, u := range ups {
		ids[i] = u.UpdateID
	}
	return ids
}

// fakeClock is a settable Options.Now.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func wantErrText(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want one containing %q", err, want)
	}
}
