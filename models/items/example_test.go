package items_test

import (
	"fmt"

	"github.com/ganshi/ganshi/models/items"
)

func ExampleSplit() {
	for _, item := range items.Split("1.完成征收35户；2.签约率92%\n（三）新建道路 3.5 公里") {
		fmt.Println(item)
	}
	// Output:
	// 完成征收35户
	// 签约率92%
	// 新建道路 3.5 公里
}

func ExampleFigures() {
	for _, f := range items.Figures("争取资金 1,200 万元，走访群众 80 余户，签约率百分之九十二") {
		fmt.Printf("%v %q %v %q\n", f.Value, f.Unit, f.Percent, f.Raw)
	}
	// Output:
	// 1200 "万元" false "1,200 万元"
	// 80 "户" false "80 余户"
	// 92 "" true "百分之九十二"
}
