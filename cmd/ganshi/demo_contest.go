package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/examples"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/web"
)

// wang is 河西乡's principal (GS0011), 城关镇's pair in the competition.
var wang = telegramtest.User{ID: 7011, FirstName: "王德胜"}

// contest plays the paired competition: the department imports
// examples/contest.csv, the two townships' principals report progress as
// they type figures, the department verifies, and the live board is served
// on loopback while the demo runs (--board keeps it open).
func (d *demo) contest(ctx context.Context, _ map[string]string) error {
	d.scene("组织部导入结对打擂任务，并为大屏生成链接", "The department imports the paired competition and makes a board link")
	recs, lines, probs := readContestFile("contest.csv", examples.Contest)
	if probs != nil {
		return probs
	}
	rows, probs := models.ParseContestRecords(recs, lines)
	if probs != nil {
		return probs
	}
	sum, err := d.st.ImportContest(ctx, "2026年度结对打擂", 2026, rows)
	if err != nil {
		return err
	}
	d.note(fmt.Sprintf("ganshi contest import examples/contest.csv：任务%d项、分组%d个、单位%d个", sum.Tasks, sum.Groups, sum.Units),
		fmt.Sprintf("ganshi contest import examples/contest.csv: %d tasks, %d group, %d units", sum.Tasks, sum.Groups, sum.Units))
	if err := d.serveBoard(ctx, sum.Contest.ID); err != nil {
		return err
	}
	d.note("ganshi contest board-token create：大屏链接 "+d.boardURL, "ganshi contest board-token create: board link "+d.boardURL)

	d.scene("两个乡镇的主要负责同志填报进度", "The two townships' principals report progress")
	c, err := d.st.CadreByExternalID(ctx, "GS0011")
	if err != nil {
		return err
	}
	code := models.NewInviteCode()
	if err := d.st.IssueInvite(ctx, c.ID, code, d.st.Now().Add(24*time.Hour)); err != nil {
		return err
	}
	d.names[wang.ID] = wang.FirstName
	d.fake.AddUser(wang)
	return doAll([]func() error{
		func() error { return d.sayQuiet(ctx, wang, "/start "+code) },
		func() error { return d.say(ctx, zhang, "/progress") },
		func() error { return d.say(ctx, zhang, "/progress 1 三十五户 首批签约") },
		func() error { return d.say(ctx, wang, "/progress 2 3500万元 产业园项目开工") },
		func() error {
			d.scene("组织部核实，大屏随即更新", "The department verifies; the board updates at once")
			return d.tap(ctx, zhou, d.button("pg_btn_verify"))
		},
		func() error { return d.say(ctx, zhou, "/verify 1") },
		func() error { return d.showBoard(ctx) },
	})
}

// sayQuiet sends text without echoing the typed line (an invitation code
// shown before); the bot's answer is printed as usual.
func (d *demo) sayQuiet(ctx context.Context, u telegramtest.User, text string) error {
	d.fake.SendPrivate(u, text)
	return d.settle(ctx)
}

// serveBoard starts the web console on loopback for the board.
func (d *demo) serveBoard(ctx context.Context, contestID int64) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: board listener: %w", err)
	}
	base := "http://" + ln.Addr().String()
	console, err := web.New(web.Options{Store: d.st, PublicURL: base, Location: d.loc, Logger: demoLogger(), BoardPoll: 200 * time.Millisecond})
	if err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: console, ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(console.CloseBoards)
	go func() { _ = srv.Serve(ln) }()
	d.closeBoard = func() {
		c, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(c)
	}
	_, token, err := d.st.CreateBoardToken(ctx, contestID, "演示")
	if err != nil {
		return err
	}
	d.boardURL = base + "/board/" + token
	return nil
}

// showBoard reads the board as a screen shows it and prints its figures.
func (d *demo) showBoard(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.boardURL, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("demo: open the board: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var seen []string
	for _, want := range []string{"35户", "0.35亿元"} {
		if strings.Contains(string(body), want) {
			seen = append(seen, want)
		}
	}
	d.note("大屏（"+d.boardURL+"）现在显示："+strings.Join(seen, "、"), "the board ("+d.boardURL+") now shows: "+strings.Join(seen, ", "))
	return nil
}
