package sender

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

func TestRender(t *testing.T) {
	ok := telegram.Button{Text: "OK", Data: "r:1"}
	long := strings.Repeat("a", telegram.MaxText) + "b"
	tests := []struct {
		name    string
		n       models.Notification
		want    []telegram.Message
		wantErr string
	}{
		{"text", models.Notification{Kind: "text", Payload: `{"text":"你好","buttons":[[{"text":"OK","data":"r:1"}]]}`},
			[]telegram.Message{{Text: "你好", Buttons: [][]telegram.Button{{ok}}}}, ""},
		{"4097 characters split, buttons last", models.Notification{Kind: "text", Payload: `{"text":"` + long + `","buttons":[[{"text":"OK","data":"r:1"}]]}`},
			[]telegram.Message{{Text: long[:telegram.MaxText]}, {Text: "b", Buttons: [][]telegram.Button{{ok}}}}, ""},
		{"edit is never split", models.Notification{Kind: "text", Payload: `{"text":"` + long + `","edit_id":5}`},
			[]telegram.Message{{Text: long, EditID: 5}}, ""},
		{"unknown kind", models.Notification{Kind: "photo", Payload: `{}`}, nil, `unknown notification kind "photo"`},
		{"bad payload", models.Notification{Kind: "text", Payload: `{"text":`}, nil, "decode text payload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Render(tt.n)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("parts = %+v, want %+v", got, tt.want)
			}
			for _, m := range got {
				if m.EditID == 0 && utf8.RuneCountInString(m.Text) > telegram.MaxText {
					t.Fatalf("part of %d characters", utf8.RuneCountInString(m.Text))
				}
			}
		})
	}
}
