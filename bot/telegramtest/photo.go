package telegramtest

import (
	"bytes"
	"image"
	_ "image/jpeg" // Telegram takes JPEG photos too
	_ "image/png"
	"net/http"
)

// Telegram's photo limits: at most 10 MB, width + height at most 10000,
// the ratio of the sides at most 20.
const (
	maxPhotoBytes = 10 << 20
	maxPhotoSides = 10000
	maxPhotoRatio = 20
)

// sendPhoto is strict where Telegram is: the photo must be a multipart
// upload of a real image (or a file_id of one sent before); bytes that do
// not decode as an image fail as Telegram fails them.
func sendPhoto(s *Server, _ *http.Request, p params) (any, *apiError) {
	return sendFile(s, p, "sendPhoto", kindPhoto, s.photoParam)
}

// photoParam reads "photo": a multipart upload or a known file_id. A
// string that is neither is refused, as Telegram refuses it.
func (s *Server) photoParam(p params) (*storedFile, *apiError) {
	if up, ok := p.files["photo"]; ok {
		if len(up.data) == 0 || len(up.data) > maxPhotoBytes {
			return nil, badRequest("IMAGE_PROCESS_FAILED")
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(up.data))
		if err != nil || cfg.Width == 0 || cfg.Height == 0 {
			return nil, badRequest("IMAGE_PROCESS_FAILED")
		}
		if cfg.Width+cfg.Height > maxPhotoSides || max(cfg.Width, cfg.Height) > maxPhotoRatio*min(cfg.Width, cfg.Height) {
			return nil, badRequest("PHOTO_INVALID_DIMENSIONS")
		}
		f := s.newFile(Document{Name: up.name, Data: up.data})
		f.wire.Width, f.wire.Height = cfg.Width, cfg.Height
		return f, nil
	}
	ref := p.str("photo")
	if ref == "" {
		return nil, badRequest("there is no photo in the request")
	}
	if f := s.state.files[ref]; f != nil {
		return f, nil
	}
	return nil, badRequest("wrong file identifier/HTTP URL specified")
}
