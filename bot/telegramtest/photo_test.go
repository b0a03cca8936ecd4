package telegramtest_test

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/ganshi/ganshi/bot/telegramtest"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sendPhoto takes a multipart upload of a real image, as Telegram does,
// and refuses bytes that are not one, a URL-less string and odd sizes.
func TestSendPhoto(t *testing.T) {
	srv := newServer(t, telegramtest.Options{})
	b, ctx := newBot(t, srv), testCtx(t)
	srv.AddUser(alice)
	msg, err := b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID, Caption: "<b>进度</b>", ParseMode: models.ParseModeHTML,
		Photo: &models.InputFileUpload{Filename: "standing.png", Data: bytes.NewReader(pngBytes(t, 600, 300))}})
	if err != nil {
		t.Fatalf("send photo: %v", err)
	}
	if len(msg.Photo) == 0 || msg.Caption != "进度" {
		t.Fatalf("result = %+v", msg)
	}
	got := srv.BotMessages(alice.ID)[0]
	if got.Method != "sendPhoto" || got.Document == nil || !bytes.HasPrefix(got.Document.Data, []byte("\x89PNG")) {
		t.Fatalf("stored photo = %+v", got)
	}
	_, err = b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID,
		Photo: &models.InputFileUpload{Filename: "x.png", Data: strings.NewReader("not an image")}})
	wantErrText(t, err, "IMAGE_PROCESS_FAILED")
	_, err = b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID,
		Photo: &models.InputFileUpload{Filename: "x.png", Data: bytes.NewReader(pngBytes(t, 2100, 100))}})
	wantErrText(t, err, "PHOTO_INVALID_DIMENSIONS")
	_, err = b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileString{Data: "no-such-file"}})
	wantErrText(t, err, "wrong file identifier")
}
