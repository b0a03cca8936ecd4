// Package telegram is Ganshi's one door to the Bot API: a go-telegram/bot
// client for sending, our own getUpdates call (the library only offers a
// polling loop that acknowledges updates before they are stored), the
// plain message value the rest of Ganshi speaks, and token redaction for
// every error that leaves it.
package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	tgmodels "github.com/go-telegram/bot/models"
)

// DefaultAPIURL is Telegram's public Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// Client talks to one bot's Bot API server.
type Client struct {
	api   *tgbot.Bot
	http  *http.Client
	base  string
	token string
	forms []string // every way the token can be spelled in an error
}

// New makes a client without calling the network. apiURL "" means the
// public server. sendTimeout bounds every call but getUpdates, whose own
// long-poll timeout is added to it.
func New(token, apiURL string, sendTimeout time.Duration) (*Client, error) {
	if apiURL == "" {
		apiURL = DefaultAPIURL
	}
	hc := &http.Client{}
	c := &Client{http: hc, base: strings.TrimRight(apiURL, "/"), token: token, forms: tokenForms(token)}
	api, err := tgbot.New(token,
		tgbot.WithServerURL(c.base),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(sendTimeout, &http.Client{Timeout: sendTimeout}),
		tgbot.WithErrorsHandler(func(error) {}),
	)
	if err != nil {
		return nil, c.Redact(fmt.Errorf("create telegram client: %w", err))
	}
	c.api = api
	return c, nil
}

// API is the library client, for calls Ganshi makes directly. Errors it
// returns must go through Redact before they are logged or wrapped.
func (c *Client) API() *tgbot.Bot { return c.api }

// Redact removes the bot token, in every spelling (raw, URL-escaped,
// quoted), from an error's text while keeping what errors.Is and errors.As
// need.
func (c *Client) Redact(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if clean := redactText(msg, c.forms); clean != msg {
		return &redacted{err: err, msg: clean}
	}
	return err
}

type redacted struct {
	err error
	msg string
}

func (r *redacted) Error() string { return r.msg }
func (r *redacted) Unwrap() error { return r.err }

// GetMe returns the bot's own user.
func (c *Client) GetMe(ctx context.Context) (*tgmodels.User, error) {
	u, err := c.api.GetMe(ctx)
	return u, c.Redact(err)
}

// RawUpdate is one update as Telegram sent it, with what routing needs.
type RawUpdate struct {
	ID      int64
	ChatID  int64
	Payload json.RawMessage
}

// GetUpdates long-polls for updates from offset. It acknowledges nothing by
// itself: Telegram forgets updates only when a later call passes a higher
// offset, which the caller does after storing them.
func (c *Client) GetUpdates(ctx context.Context, offset int64, limit int, timeout time.Duration) ([]RawUpdate, error) {
	ups, err := c.getUpdates(ctx, offset, limit, timeout)
	return ups, c.Redact(err)
}

func (c *Client) getUpdates(ctx context.Context, offset int64, limit int, timeout time.Duration) ([]RawUpdate, error) {
	body, _ := json.Marshal(map[string]any{"offset": offset, "limit": limit, "timeout": int(timeout / time.Second)})
	ctx, cancel := context.WithTimeout(ctx, timeout+30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/bot"+c.token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("getUpdates: read body: %w", err)
	}
	var env struct {
		OK          bool              `json:"ok"`
		Result      []json.RawMessage `json:"result"`
		ErrorCode   int               `json:"error_code"`
		Description string            `json:"description"`
		Parameters  struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, fmt.Errorf("getUpdates: HTTP %d, undecodable answer: %w", resp.StatusCode, err)
	}
	if !env.OK {
		if env.ErrorCode == http.StatusTooManyRequests {
			return nil, &tgbot.TooManyRequestsError{Message: env.Description, RetryAfter: env.Parameters.RetryAfter}
		}
		return nil, &APIError{Method: "getUpdates", Code: env.ErrorCode, Description: env.Description}
	}
	out := make([]RawUpdate, 0, len(env.Result))
	for _, r := range env.Result {
		u, err := ParseUpdate(r)
		if err != nil {
			return nil, fmt.Errorf("getUpdates: %w", err)
		}
		out = append(out, u)
	}
	return out, nil
}

// APIError is a refusal from the Bot API that the library does not type.
type APIError struct {
	Method      string
	Code        int
	Description string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s: telegram answered %d %s", e.Method, e.Code, e.Description)
}

// ParseUpdate reads the update id and the chat it belongs to from raw JSON.
// Only update_id must decode: an update whose other fields the library's
// types cannot read is still stored (and failed by the dispatcher), so one
// odd update never stops polling.
func ParseUpdate(raw json.RawMessage) (RawUpdate, error) {
	var id struct {
		ID int64 `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &id); err != nil {
		return RawUpdate{}, fmt.Errorf("decode update: %w", err)
	}
	if id.ID == 0 {
		return RawUpdate{}, errors.New("decode update: no update_id")
	}
	out := RawUpdate{ID: id.ID, Payload: raw}
	var u tgmodels.Update
	if json.Unmarshal(raw, &u) == nil {
		out.ChatID = ChatOf(&u)
	}
	return out, nil
}

// ChatOf names the chat an update belongs to, so updates of one chat are
// handled in order. 0 for updates without a chat.
func ChatOf(u *tgmodels.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message.Message; m != nil {
			return m.Chat.ID
		}
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	case u.ChatMember != nil:
		return u.ChatMember.Chat.ID
	case u.ChannelPost != nil:
		return u.ChannelPost.Chat.ID
	}
	return 0
}
