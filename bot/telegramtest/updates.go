package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

const maxUpdatesLimit = 100

func getUpdates(s *Server, r *http.Request, p params) (any, *apiError) {
	offset, _, err := p.int64("offset")
	if err != nil {
		return nil, badRequest(err.Error())
	}
	limit, ok, _ := p.int64("limit")
	if !ok || limit <= 0 || limit > maxUpdatesLimit {
		limit = maxUpdatesLimit
	}
	timeout, _, _ := p.int64("timeout")

	s.mu.Lock()
	switch {
	case s.state.webhook.url != "":
		s.mu.Unlock()
		return nil, &apiError{code: http.StatusConflict,
			desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	case s.polling:
		s.mu.Unlock()
		return nil, &apiError{code: http.StatusConflict, desc: "Conflict: terminated by other getUpdates request"}
	}
	s.polling = true
	s.state.confirm(offset)
	s.notify()
	s.mu.Unlock()

	defer func() {
		s.mu.Lock()
		s.polling = false
		s.notify()
		s.mu.Unlock()
	}()
	return s.poll(r.Context(), offset, int(limit), time.Duration(max(timeout, 0))*time.Second), nil
}

// poll returns pending updates, long-polling up to timeout for the first one.
// It ends early with none when the client goes away or the server closes.
func (s *Server) poll(ctx context.Context, offset int64, limit int, timeout time.Duration) []json.RawMessage {
	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		expired = t.C
	}
	for {
		s.mu.Lock()
		ups := s.state.pending(offset, limit)
		changed := s.changed
		s.mu.Unlock()
		if len(ups) > 0 || expired == nil {
			return ups
		}
		select {
		case <-changed:
		case <-expired:
			return ups
		case <-ctx.Done():
			return ups
		case <-s.closed:
			return ups
		}
	}
}

// confirm forgets updates the offset acknowledges. A negative offset keeps
// only the last -offset updates, as Telegram documents.
func (st *state) confirm(offset int64) {
	switch {
	case offset > 0:
		i := 0
		for i < len(st.updates) && st.updates[i].id < offset {
			i++
		}
		st.updates = st.updates[i:]
	case offset < 0 && int64(len(st.updates)) > -offset:
		st.updates = st.updates[int64(len(st.updates))+offset:]
	}
}

// pending is up to limit updates with id ≥ offset, never nil so that it
// encodes as [].
func (st *state) pending(offset int64, limit int) []json.RawMessage {
	out := []json.RawMessage{}
	for _, u := range st.updates {
		if u.id >= offset && len(out) < limit {
			out = append(out, u.body)
		}
	}
	return out
}

// queue adds an update with the next update_id; callers hold s.mu.
func (s *Server) queue(u wireUpdate) int64 {
	u.UpdateID = s.state.nextUpdate
	body, err := json.Marshal(u)
	if err != nil {
		panic(fmt.Sprintf("telegramtest: encode update: %v", err)) // wire types always encode
	}
	return s.queueBody(body)
}

func (s *Server) queueBody(body json.RawMessage) int64 {
	id := s.state.nextUpdate
	s.state.nextUpdate++
	s.state.updates = append(s.state.updates, queued{id: id, body: body})
	s.notify()
	return id
}

// QueueRaw queues an arbitrary update, e.g. a kind the simulation API does
// not cover; its update_id is set (overwritten) and returned.
func (s *Server) QueueRaw(update map[string]any) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := make(map[string]any, len(update)+1)
	for k, v := range update {
		u[k] = v
	}
	u["update_id"] = s.state.nextUpdate
	body, err := json.Marshal(u)
	if err != nil {
		panic(fmt.Sprintf("telegramtest: QueueRaw: encode update: %v", err))
	}
	return s.queueBody(body)
}

// PendingUpdates is how many updates getUpdates has not yet confirmed.
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.state.updates)
}

// DeliverWebhook posts every pending update to the URL set with setWebhook,
// with the X-Telegram-Bot-Api-Secret-Token header, and confirms each one the
// webhook answers with 2xx. It stops at the first failure.
func (s *Server) DeliverWebhook(ctx context.Context) (delivered int, err error) {
	hookURL, secret := s.Webhook()
	if hookURL == "" {
		return 0, fmt.Errorf("deliver webhook: no webhook set")
	}
	for {
		s.mu.Lock()
		ups := s.state.pending(0, 1)
		s.mu.Unlock()
		if len(ups) == 0 {
			return delivered, nil
		}
		if err := postUpdate(ctx, hookURL, secret, ups[0]); err != nil {
			return delivered, fmt.Errorf("deliver webhook: %w", err)
		}
		s.mu.Lock()
		if len(s.state.updates) > 0 {
			s.state.updates = s.state.updates[1:]
		}
		s.notify()
		s.mu.Unlock()
		delivered++
	}
}

func postUpdate(ctx context.Context, hookURL, secret string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hookURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("post update: %w", err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
}

// Polling reports whether a getUpdates request is in progress, e.g. to wait
// until the bot under test is long-polling.
func (s *Server) Polling() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.polling
}
