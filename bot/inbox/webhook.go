package inbox

import (
	"crypto/subtle"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
)

// maxWebhookBody bounds what one request may make us read; a Telegram
// update is a few kilobytes.
const maxWebhookBody = 1 << 20

// secretHeader carries the secret_token given to setWebhook.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// Webhook receives updates Telegram pushes. It answers 200 only after the
// update is committed: Telegram retries anything else, so a 5xx while the
// database is down loses nothing.
type Webhook struct {
	st       *models.Store
	secret   []byte
	log      *slog.Logger
	m        *metrics.Set
	onStored func()
}

// NewWebhook makes the handler. secret is the secret_token passed to
// setWebhook; an empty secret refuses every request, since an unguarded
// endpoint would let anyone inject updates. onStored may be nil.
func NewWebhook(st *models.Store, secret string, logger *slog.Logger, m *metrics.Set, onStored func()) *Webhook {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Webhook{st: st, secret: []byte(secret), log: logger.With("component", "webhook"), m: m, onStored: onStored}
}

func (h *Webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !h.authorized(r) {
		h.log.Warn("webhook request with a wrong or missing secret token", "remote", r.RemoteAddr)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	up, status := h.read(w, r)
	if status != http.StatusOK {
		http.Error(w, http.StatusText(status), status)
		return
	}
	added, err := h.st.SaveUpdate(r.Context(), up)
	if err != nil {
		h.log.Error("cannot store webhook update; telegram will retry", "update_id", up.UpdateID, "error", err)
		http.Error(w, "storage unavailable", http.StatusServiceUnavailable)
		return
	}
	if added {
		countReceived(h.m, "webhook", 1)
		if h.onStored != nil {
			h.onStored()
		}
	}
	h.log.Debug("webhook update stored", "update_id", up.UpdateID, "chat_id", up.ChatID, "new", added)
	w.WriteHeader(http.StatusOK)
}

func (h *Webhook) authorized(r *http.Request) bool {
	got := r.Header.Get(secretHeader)
	return len(h.secret) > 0 && subtle.ConstantTimeCompare([]byte(got), h.secret) == 1
}

// read decodes the body into an inbox row, or says which status to answer.
// A 400 is final (Telegram does not retry it), which is right for a body
// that will never decode.
func (h *Webhook) read(w http.ResponseWriter, r *http.Request) (models.InboxUpdate, int) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.log.Warn("webhook body too large; dropped", "limit", tooBig.Limit)
			return models.InboxUpdate{}, http.StatusRequestEntityTooLarge
		}
		h.log.Warn("cannot read webhook body", "error", err)
		return models.InboxUpdate{}, http.StatusBadRequest
	}
	raw, err := telegram.ParseUpdate(body)
	if err != nil {
		h.log.Warn("undecodable webhook update; dropped", "error", err)
		h.log.Debug("undecodable webhook body", "body", string(body))
		return models.InboxUpdate{}, http.StatusBadRequest
	}
	return models.InboxUpdate{UpdateID: raw.ID, ChatID: raw.ChatID, Payload: string(raw.Payload)}, http.StatusOK
}
