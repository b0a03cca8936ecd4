package items

import (
	"slices"
	"testing"
)

func TestFigures(t *testing.T) {
	tests := []struct {
		in   string
		want []Figure
	}{
		{"完成棚户区改造征收 35 户", []Figure{{35, "户", false, "35 户"}}},
		{"签约率 92%", []Figure{{92, "", true, "92%"}}},
		{"签约率 92％", []Figure{{92, "", true, "92％"}}},
		{"三十五户", []Figure{{35, "户", false, "三十五户"}}},
		{"一百二十个", []Figure{{120, "个", false, "一百二十个"}}},
		{"两千亩", []Figure{{2000, "亩", false, "两千亩"}}},
		{"争取资金 1,200 万元", []Figure{{1200, "万元", false, "1,200 万元"}}},
		{"新建道路 3.5 公里", []Figure{{3.5, "公里", false, "3.5 公里"}}},
		{"百分之九十二", []Figure{{92, "", true, "百分之九十二"}}},
		{"百分之九十二点五", []Figure{{92.5, "", true, "百分之九十二点五"}}},
		{"１２３人", []Figure{{123, "人", false, "１２３人"}}},
		{"11月20日召开会议", nil},
		{"2026年", nil},
		{"统一思想、一起推进", nil},
		{"一些、一般、十分、万一、一线", nil},
		{"走访群众 80 余户", []Figure{{80, "户", false, "80 余户"}}},
		{"走访30多个村", []Figure{{30, "个", false, "30多个"}}},
		{"完成率达到100%", []Figure{{100, "", true, "100%"}}},
		{"征收35户，签约率92%", []Figure{{35, "户", false, "35户"}, {92, "", true, "92%"}}},
	}
	for _, tt := range tests {
		if got := Figures(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Figures(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestFiguresMoneyAndMultipliers(t *testing.T) {
	tests := []struct {
		in   string
		want []Figure
	}{
		{"3万元", []Figure{{3, "万元", false, "3万元"}}},
		{"三万元", []Figure{{3, "万元", false, "三万元"}}},
		{"两千万元", []Figure{{2000, "万元", false, "两千万元"}}},
		{"一亿两千万元", []Figure{{12000, "万元", false, "一亿两千万元"}}},
		{"1.2亿元", []Figure{{1.2, "亿元", false, "1.2亿元"}}},
		{"1万余元", []Figure{{1, "万元", false, "1万余元"}}},
		{"3千万元", []Figure{{3000, "万元", false, "3千万元"}}},
		{"5千元", []Figure{{5000, "元", false, "5千元"}}},
		{"1.2万户", []Figure{{12000, "户", false, "1.2万户"}}},
		{"1.2万", []Figure{{12000, "", false, "1.2万"}}},
		{"一万五千人", []Figure{{15000, "人", false, "一万五千人"}}},
		{"一万五人", []Figure{{15000, "人", false, "一万五人"}}},
		{"两千五百米", []Figure{{2500, "米", false, "两千五百米"}}},
		{"一百零五户", []Figure{{105, "户", false, "一百零五户"}}},
		{"3千米", []Figure{{3, "千米", false, "3千米"}}},
		{"三千米", []Figure{{3, "千米", false, "三千米"}}},
		{"提高3.5个百分点", []Figure{{3.5, "个百分点", false, "3.5个百分点"}}},
		{"三点五公里", []Figure{{3.5, "公里", false, "三点五公里"}}},
		{"人均增收500元", []Figure{{500, "元", false, "500元"}}},
		{"0.35万元", []Figure{{0.35, "万元", false, "0.35万元"}}},
	}
	for _, tt := range tests {
		if got := Figures(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Figures(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestFiguresRanges(t *testing.T) {
	tests := []struct {
		in   string
		want []Figure
	}{
		{"30-40户", []Figure{{30, "户", false, "30-40户"}}},
		{"30～40户", []Figure{{30, "户", false, "30～40户"}}},
		{"30 - 40 户", []Figure{{30, "户", false, "30 - 40 户"}}},
		{"三至五个", []Figure{{3, "个", false, "三至五个"}}},
		{"30%-40%", []Figure{{30, "", true, "30%-40%"}}},
		{"1-2万元", []Figure{{1, "万元", false, "1-2万元"}}},
		{"1万-2万元", []Figure{{1, "万元", false, "1万-2万元"}}},
		{"1-2万户", []Figure{{10000, "户", false, "1-2万户"}}},
		{"11-20日", nil},
		{"2025-2026年", nil},
		{"1—11月", nil},
		{"三至五", nil},
	}
	for _, tt := range tests {
		if got := Figures(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Figures(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestFiguresNotQuantities(t *testing.T) {
	for _, in := range []string{
		"15:00召开会议",
		"15：00召开会议",
		"2026-11-20召开会议",
		"2026/11/20召开会议",
		"2026.11.20召开会议",
		"第3季度",
		"第 2 名",
		"第一条",
		"第一次会议",
		"G320国道",
		"5G基站",
		"下午3点",
		"十一月",
		"二〇二六年",
		"千家万户",
		"树牢四个意识，落实八项规定",
		"一户一策、一村一品",
		"一次性补偿",
		"统一名称",
		"一条龙服务",
		"身份证号110101199003071234567",
		"一起、一块、一处、一部分",
		"第1-3条",
		"联系电话13812345678",
		"拨打12345热线",
		"PM2.5",
		"5A级景区",
		"十四五规划、二十大精神、两委班子、三农工作",
	} {
		if got := Figures(in); len(got) != 0 {
			t.Errorf("Figures(%q) = %+v, want none", in, got)
		}
	}
}

func TestFiguresMore(t *testing.T) {
	tests := []struct {
		in   string
		want []Figure
	}{
		{"建成5G基站12座", []Figure{{12, "座", false, "12座"}}},
		{"修建G320国道3.5公里", []Figure{{3.5, "公里", false, "3.5公里"}}},
		{"铺设管网100km", []Figure{{100, "km", false, "100km"}}},
		{"硬化1,200㎡", []Figure{{1200, "㎡", false, "1,200㎡"}}},
		{"共5处", []Figure{{5, "处", false, "5处"}}},
		{"召开会议3次", []Figure{{3, "次", false, "3次"}}},
		{"召开会议三次", []Figure{{3, "次", false, "三次"}}},
		{"建立一个机制", []Figure{{1, "个", false, "一个"}}},
		{"走访十户", []Figure{{10, "户", false, "十户"}}},
		{"增长3倍", []Figure{{3, "倍", false, "3倍"}}},
		{"完成12项", []Figure{{12, "项", false, "12项"}}},
		{"用时3个月", []Figure{{3, "个月", false, "3个月"}}},
		{"排查隐患35", []Figure{{35, "", false, "35"}}},
		{"完成80余", []Figure{{80, "", false, "80"}}},
		{"达到百分之百", []Figure{{100, "", true, "百分之百"}}},
		{"11月完成35户", []Figure{{35, "户", false, "35户"}}},
		{"2026年11月20日前完成征收工作35户", []Figure{{35, "户", false, "35户"}}},
		{"服务1.2万人次", []Figure{{12000, "人次", false, "1.2万人次"}}},
		{"争取资金1200余万元", []Figure{{1200, "万元", false, "1200余万元"}}},
		{"三百余万元", []Figure{{300, "万元", false, "三百余万元"}}},
		{"两千多万元", []Figure{{2000, "万元", false, "两千多万元"}}},
		{"服务十余万人次", []Figure{{100000, "人次", false, "十余万人次"}}},
		{"结算1,200,000元", []Figure{{1200000, "元", false, "1,200,000元"}}},
		{"办结12345热线工单230件", []Figure{{230, "件", false, "230件"}}},
		{"新建110kV变电站1座", []Figure{{110, "kV", false, "110kV"}, {1, "座", false, "1座"}}},
		{"一个月内", []Figure{{1, "个月", false, "一个月"}}},
		{"分别为35，120户", []Figure{{35, "", false, "35"}, {120, "户", false, "120户"}}},
		{"万一出现三户", []Figure{{3, "户", false, "三户"}}},
	}
	for _, tt := range tests {
		if got := Figures(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Figures(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestCNInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"十", 10, true},
		{"十五", 15, true},
		{"三十五", 35, true},
		{"一百二十", 120, true},
		{"一百二", 120, true},
		{"一百零五", 105, true},
		{"两千", 2000, true},
		{"两千五", 2500, true},
		{"一万五", 15000, true},
		{"十万", 100000, true},
		{"一亿两千万", 120000000, true},
		{"一万亿", 1000000000000, true},
		{"一二", 0, false},
		{"二〇二六", 0, false},
		{"十百", 0, false},
		{"", 0, false},
		{"亿亿亿", 0, false},
	}
	for _, tt := range tests {
		if got, ok := cnInt(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("cnInt(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalize(t *testing.T) {
	if got := Normalize("完成征收３５户，签约率９２％"); got != "完成征收35户,签约率92%" {
		t.Errorf("Normalize = %q", got)
	}
}
