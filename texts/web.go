package texts

// webZH and webEN are the web console's texts, and /web's in chat. On the
// web they are plain text: html/template escapes them and what they carry.
var webZH = map[string]string{
	"cmd_web":            "登录网页控制台",
	"web_link":           "网页控制台登录链接（%[2]d分钟内有效，仅限本人使用一次）：\n%[1]s\n请勿转发。在电脑或手机浏览器中打开后点击“登录”。发送 /web logout 可退出所有已登录的浏览器。",
	"web_not_configured": "网页控制台尚未配置（需要设置 GANSHI_PUBLIC_URL），请联系组织部管理员。",
	"web_logged_out":     "已退出网页控制台：结束了%d个浏览器会话。",
	"web_usage":          "用法：/web 获取网页控制台登录链接；/web logout 退出所有已登录的浏览器。",
}

var webEN = map[string]string{
	"cmd_web":            "log in to the web console",
	"web_link":           "Your web console login link (valid for %[2]d minutes, for you only, usable once):\n%[1]s\nDo not forward it. Open it in a browser on your PC or phone and press “Log in”. Send /web logout to log out of every browser.",
	"web_not_configured": "The web console is not set up yet (GANSHI_PUBLIC_URL is not set). Please ask the organization department.",
	"web_logged_out":     "Logged out of the web console: %d browser sessions ended.",
	"web_usage":          "Usage: /web sends a login link for the web console; /web logout logs out of every browser.",
}
