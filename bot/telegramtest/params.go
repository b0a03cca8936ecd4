package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
)

// maxUpload bounds multipart bodies; Telegram's own upload limit is 50 MB.
const maxUpload = 50 << 20

// params holds a request's parameters the way Telegram sees them: every
// value is text, and complex values (reply_markup, scope...) are JSON text,
// whichever encoding the client chose.
type params struct {
	vals  map[string]string
	files map[string]upload
}

type upload struct {
	name string
	data []byte
}

func parseParams(r *http.Request) (params, error) {
	p := params{vals: make(map[string]string), files: make(map[string]upload)}
	for k, v := range r.URL.Query() {
		p.vals[k] = v[0]
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		return p, p.readMultipart(r)
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return p, fmt.Errorf("can't parse form: %w", err)
		}
		for k, v := range r.PostForm {
			p.vals[k] = v[0]
		}
	case "application/json":
		return p, p.readJSON(r.Body)
	}
	return p, nil
}

func (p params) readMultipart(r *http.Request) error {
	if err := r.ParseMultipartForm(maxUpload); err != nil {
		if errors.Is(err, io.EOF) {
			// go-telegram/bot sends an empty body for a call without
			// parameters (getMe); Telegram takes it as no parameters.
			return nil
		}
		return fmt.Errorf("can't parse multipart form: %w", err)
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	for k, v := range r.MultipartForm.Value {
		p.vals[k] = v[0]
	}
	for k, fhs := range r.MultipartForm.File {
		data, err := readUpload(fhs[0])
		if err != nil {
			return fmt.Errorf("can't read file %q: %w", k, err)
		}
		p.files[k] = upload{name: fhs[0].Filename, data: data}
	}
	return nil
}

func readUpload(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	return io.ReadAll(f)
}

func (p params) readJSON(body io.Reader) error {
	raw, err := io.ReadAll(body)
	if err != nil {
		return fmt.Errorf("can't read body: %w", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return errors.New("can't parse JSON object")
	}
	for k, v := range obj {
		v = bytes.TrimSpace(v)
		switch {
		case bytes.Equal(v, []byte("null")):
		case len(v) > 0 && v[0] == '"':
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("can't parse field %q", k)
			}
			p.vals[k] = s
		default:
			p.vals[k] = string(v) // numbers, booleans, objects, arrays
		}
	}
	return nil
}

func (p params) str(key string) string { return p.vals[key] }

// flag reads a Boolean the way Telegram does: "true" or a non-zero number.
func (p params) flag(key string) bool {
	v := strings.TrimSpace(strings.ToLower(p.vals[key]))
	return v == "true" || (v != "" && v != "0" && v != "false")
}

// int64 reads an integer parameter; ok is false when it is absent.
func (p params) int64(key string) (n int64, ok bool, err error) {
	v, found := p.vals[key]
	if !found || strings.TrimSpace(v) == "" {
		return 0, false, nil
	}
	n, err = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return 0, true, fmt.Errorf("field %q must be an integer", key)
	}
	return n, true, nil
}

// chatID reads chat_id. Usernames ("@name") resolve to no chat here.
func (p params) chatID() (int64, *apiError) {
	v := strings.TrimSpace(p.vals["chat_id"])
	if v == "" {
		return 0, badRequest("chat_id is empty")
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, badRequest("chat not found")
	}
	return n, nil
}

// messageID reads message_id for edit and delete methods.
func (p params) messageID(notFound string) (int, *apiError) {
	n, ok, err := p.int64("message_id")
	if err != nil || !ok {
		return 0, badRequest("message identifier is not specified")
	}
	if n <= 0 {
		return 0, badRequest(notFound)
	}
	return int(n), nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
