package items

import (
	"slices"
	"strings"
)

// commonUnits follow Arabic and Chinese numbers alike. Longer entries win
// ("人次" over "人", "个百分点" over "个"), so the order here is free.
var commonUnits = []string{
	"户", "户次", "个", "个月", "个百分点", "百分点", "人", "人次", "名", "位",
	"家", "项", "件", "次", "场", "场次", "批", "批次", "条", "所", "座", "栋",
	"幢", "间", "套", "台", "辆", "艘", "架", "株", "棵", "只", "份", "篇",
	"册", "盏", "根", "宗", "笔", "轮", "支", "组", "队", "例", "岁", "倍",
	"天", "周", "小时", "分钟",
	"公里", "千米", "米", "延米", "平方米", "平米", "平方公里", "平方千米",
	"亩", "公顷", "立方米", "吨", "公斤", "千克", "斤", "千瓦", "千瓦时", "兆瓦",
	"元", "美元", "欧元", "港元",
}

// arabicOnlyUnits count after Arabic digits only: after a Chinese numeral
// they make words (一起, 一块儿, 一部分, 统一处理, 一口气, 一张蓝图).
var arabicOnlyUnits = []string{
	"起", "度", "方", "道", "片", "处", "块", "单", "部", "张", "种", "类",
	"口", "期", "本", "头", "匹", "眼",
	"km", "kg", "m", "m²", "m³", "㎡", "㎥", "㎞", "㎏", "kV", "kW", "kWh", "MW", "MWh", "GW",
}

var (
	chineseUnits = longestFirst(commonUnits)
	arabicUnits  = longestFirst(append(slices.Clone(commonUnits), arabicOnlyUnits...))
)

func longestFirst(units []string) []string {
	slices.SortStableFunc(units, func(a, b string) int { return len(b) - len(a) })
	return units
}

// unitAt returns the unit starting at byte i, "" when none. A Latin unit
// must end the word: "100m" has one, "100mg" and "5G" do not.
func unitAt(s string, i int, k kind) string {
	list := arabicUnits
	if k == chinese {
		list = chineseUnits
	}
	for _, u := range list {
		if !strings.HasPrefix(s[i:], u) {
			continue
		}
		if isLatin(rune(u[0])) {
			if r, _ := runeAt(s, i+len(u)); isLatin(r) || isDigit(r) {
				continue
			}
		}
		return u
	}
	return ""
}

// isMoney marks the units that keep a 万 or 亿 written before them.
func isMoney(u string) bool {
	return u == "元" || u == "美元" || u == "欧元" || u == "港元"
}

// approximators may sit between a number and its unit: "80余户", "30多个".
const approximators = "余多近约"

// dateWords after a number make it a date or a time, not a quantity:
// "11月", "2026年", "3日", "8点", "30分" (a score of 95分 is lost; a time is
// far more common in these reports).
const dateWords = "年月日号时点分秒旬季"

// fixedPhrases are slogans and names whose numerals are not achievements.
// The list is short on purpose: it only holds phrases common in county
// reports that would otherwise read as a figure.
var fixedPhrases = []string{
	"四个意识", "四个自信", "两个维护", "两个确立", "四个全面", "三个代表",
	"八项规定", "两个责任", "两个务必", "三个务必", "四个不摘", "五个振兴",
	"两个毫不动摇", "三个区分开来", "一条龙",
	"12345热线", "12345政务", "12345便民", "12345平台", // the government hotline
}

// wordBeforeOne are characters that make a following 一 part of a word:
// 统一, 唯一, 逐一 … so "统一名称" has no figure.
const wordBeforeOne = "统唯逐同单划专之合归均整万不如"
