package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// Quiet hours read HH:MM-HH:MM and nothing else; what is stored is the
// plain form; a value stored before the check was strict counts as the
// default instead of stopping every reminder.
func TestQuietHoursAreStrict(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		for _, bad := range []string{"-5:-30-08:00", "24:00-08:00", "21:60-08:00", "21:00-08:00:00", "21-08", "21:00", "+9:00-08:00", "9:5-8:00", "late", "20:00\u200a–\u3000"} {
			if err := st.SetQuietHours(ctx, bad); !errors.Is(err, models.ErrQuietHours) {
				t.Errorf("SetQuietHours(%q) = %v, want ErrQuietHours", bad, err)
			}
		}
		for in, want := range map[string][2]time.Duration{
			"21:30-07:30":   {21*time.Hour + 30*time.Minute, 7*time.Hour + 30*time.Minute},
			"２１：００－０８：００":   {21 * time.Hour, 8 * time.Hour},
			"22:00 至 7:00":  {22 * time.Hour, 7 * time.Hour},
			" 23:15～06:45 ": {23*time.Hour + 15*time.Minute, 6*time.Hour + 45*time.Minute},
			"00:00-00:00":   {0, 0},
		} {
			if err := st.SetQuietHours(ctx, in); err != nil {
				t.Errorf("SetQuietHours(%q): %v", in, err)
				continue
			}
			start, end, err := st.QuietHours(ctx)
			if err != nil || start != want[0] || end != want[1] {
				t.Errorf("after %q: %v–%v %v, want %v–%v", in, start, end, err, want[0], want[1])
			}
		}
		if err := st.PutKV(ctx, "quiet_hours", "-5:-30-08:00"); err != nil {
			t.Fatal(err)
		}
		if start, end, err := st.QuietHours(ctx); err != nil || start != 21*time.Hour || end != 8*time.Hour {
			t.Errorf("an unreadable stored value: %v–%v %v, want the default", start, end, err)
		}
	})
}
