package texts

// `ganshi serve`: its help, every setting's description, and what is said
// when a setting is wrong or Telegram refuses the token at start (the
// variable names are the interface and stay as they are). token_ is
// bot/telegram's shape check, db_ the database address check.
var cliServeZH = map[string]string{
	"cli_serve_usage": "用法：ganshi serve [选项]\n\n运行机器人，直到收到SIGINT或SIGTERM。选项优先于环境变量。",
	"cli_env_note":    "（环境变量%s）",

	"cli_set_token":          "@BotFather给出的Telegram机器人令牌（必填）",
	"cli_set_api_url":        "Bot API服务器（自建的或测试用的）",
	"cli_set_db":             "SQLite文件路径；多副本部署时用postgres://连接串",
	"cli_set_tz":             "截止时间和提醒所用的时区",
	"cli_set_http_addr":      "/healthz、/metrics和webhook的监听地址",
	"cli_set_webhook_url":    "Telegram推送消息的公网https地址；留空则用长轮询",
	"cli_set_webhook_secret": "Telegram随每个请求在X-Telegram-Bot-Api-Secret-Token中发来的密钥（使用webhook时必填）",
	"cli_set_public_url":     "网页控制台的公开网址（网站根地址，用于/web发送的登录链接）；为空则不开启控制台",
	"cli_set_send_rate":      "全局每秒最多发送的消息数",
	"cli_set_log_level":      "日志级别：debug、info、warn或error",

	"cli_token_unset":        "未设置GANSHI_TELEGRAM_TOKEN：请填入@BotFather给出的机器人令牌（或用--token）。不需要令牌的演示请用ganshi demo。",
	"cli_token_bad":          "GANSHI_TELEGRAM_TOKEN%s",
	"cli_api_url_bad":        "GANSHI_TELEGRAM_API_URL必须是http或https网址，现在是“%s”。",
	"cli_db_empty":           "GANSHI_DB为空：请给出SQLite文件路径或postgres://连接串。",
	"cli_db_bad":             "GANSHI_DB：%s",
	"cli_tz_unknown":         "GANSHI_TZ：无法识别时区“%s”，请写IANA时区名，例如Asia/Shanghai。",
	"cli_http_addr_bad":      "GANSHI_HTTP_ADDR必须写成“主机:端口”，例如127.0.0.1:8080，现在是“%s”。",
	"cli_send_rate_bad":      "GANSHI_SEND_RATE必须是每秒发送的消息数，大于0且不超过%d，现在是“%s”。",
	"cli_log_level_bad":      "GANSHI_LOG_LEVEL只能是debug、info、warn或error，现在是“%s”。",
	"cli_webhook_url_bad":    "GANSHI_WEBHOOK_URL必须是Telegram能访问到的https网址，现在是“%s”。",
	"cli_webhook_secret_bad": "使用webhook时必须设置GANSHI_WEBHOOK_SECRET：1到256个字符，只能用A-Z、a-z、0-9、_或-。",
	"cli_public_url_bad":     "GANSHI_PUBLIC_URL必须是浏览器看到的网页控制台网址，且是网站根地址，例如https://ganshi.example.gov.cn，现在是“%s”。",
	"cli_send_rate_warn":     "GANSHI_SEND_RATE=%g超过了Telegram约每秒%d条的上限，发送时会收到429并暂停。",
	"cli_token_refused":      "Telegram拒绝了GANSHI_TELEGRAM_TOKEN（401 Unauthorized）：令牌有误或已被撤销，请从@BotFather复制当前的令牌。",
	"cli_api_404":            "GANSHI_TELEGRAM_API_URL（%s）对getMe回答404：它不是这个机器人的Bot API服务器，或者令牌格式有误。",
	"cli_listen_failed":      "无法在GANSHI_HTTP_ADDR（%s）上监听：%s。请换一个空闲的地址或端口。",
	"cli_serve_db_failed":    "无法打开数据库：%s。请检查GANSHI_DB。",
	"cli_serve_failed":       "serve启动失败：%s",
	"cli_second_signal":      "收到第二个信号，立即退出",

	"token_shape":     "不像机器人令牌：应为@BotFather给出的“机器人编号:密钥”，例如123456789:AAH…",
	"token_id":        "不像机器人令牌：冒号前应是机器人的数字编号（5位以上）",
	"token_no_secret": "不像机器人令牌：冒号后缺少密钥",
	"token_secret":    "不像机器人令牌：冒号后的密钥应为30个以上的A-Z、a-z、0-9、_或-（不能有空格或引号）",
	"db_bad_scheme":   "不支持的数据库地址%s://…，请给出SQLite文件路径（如ganshi.db）或postgres://连接串",
}

var cliServeEN = map[string]string{
	"cli_serve_usage": "Usage: ganshi serve [flags]\n\nRuns the bot until SIGINT or SIGTERM. Flags override the environment.",
	"cli_env_note":    " (env %s)",

	"cli_set_token":          "Telegram bot token from @BotFather (required)",
	"cli_set_api_url":        "Bot API server (a self-hosted or fake one)",
	"cli_set_db":             "SQLite file path, or a postgres:// DSN for several replicas",
	"cli_set_tz":             "time zone for deadlines and reminders",
	"cli_set_http_addr":      "address for /healthz, /metrics and the webhook",
	"cli_set_webhook_url":    "public https URL Telegram posts updates to; empty = long polling",
	"cli_set_webhook_secret": "secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (required with a webhook URL)",
	"cli_set_public_url":     "the web console's public https URL (a site root) for /web's login links; empty = no console",
	"cli_set_send_rate":      "messages per second sent overall",
	"cli_set_log_level":      "debug, info, warn or error",

	"cli_token_unset":        "GANSHI_TELEGRAM_TOKEN is not set: give the bot token from @BotFather (or --token); ganshi demo runs without one",
	"cli_token_bad":          "GANSHI_TELEGRAM_TOKEN %s",
	"cli_api_url_bad":        `GANSHI_TELEGRAM_API_URL must be an http(s) URL, got "%s"`,
	"cli_db_empty":           "GANSHI_DB is empty: give a SQLite file path or a postgres:// DSN",
	"cli_db_bad":             "GANSHI_DB: %s",
	"cli_tz_unknown":         `GANSHI_TZ: unknown time zone "%s" (for example Asia/Shanghai)`,
	"cli_http_addr_bad":      `GANSHI_HTTP_ADDR must be host:port, e.g. 127.0.0.1:8080, got "%s"`,
	"cli_send_rate_bad":      `GANSHI_SEND_RATE must be a number of messages per second above 0 and at most %d, got "%s"`,
	"cli_log_level_bad":      `GANSHI_LOG_LEVEL must be debug, info, warn or error, got "%s"`,
	"cli_webhook_url_bad":    `GANSHI_WEBHOOK_URL must be an https URL Telegram can reach, got "%s"`,
	"cli_webhook_secret_bad": "GANSHI_WEBHOOK_SECRET must be set with a webhook: 1–256 characters A-Z, a-z, 0-9, _ or -",
	"cli_public_url_bad":     `GANSHI_PUBLIC_URL must be the web console's address as browsers see it, a site root such as https://ganshi.example.gov.cn, got "%s"`,
	"cli_send_rate_warn":     "GANSHI_SEND_RATE=%g is above Telegram's limit of about %d messages a second: expect 429 answers and pauses",
	"cli_token_refused":      "GANSHI_TELEGRAM_TOKEN was refused by Telegram (401 Unauthorized): the token is wrong or was revoked; copy the current one from @BotFather",
	"cli_api_404":            "GANSHI_TELEGRAM_API_URL %s answered 404 to getMe: it is not a Bot API server for this bot, or the token is malformed",
	"cli_listen_failed":      "listen on GANSHI_HTTP_ADDR %s: %s; choose a free address or port",
	"cli_serve_db_failed":    "open the database (GANSHI_DB): %s",
	"cli_serve_failed":       "serve: %s",
	"cli_second_signal":      "second signal, exiting now",

	"token_shape":     "does not look like a bot token: expected <bot id>:<secret> as @BotFather gives it, e.g. 123456789:AAH…",
	"token_id":        "does not look like a bot token: the part before ':' must be the bot's numeric id (5 digits or more)",
	"token_no_secret": "does not look like a bot token: the secret after ':' is missing",
	"token_secret":    "does not look like a bot token: the secret after ':' must be 30 or more characters of A-Z, a-z, 0-9, _ and - (no spaces or quotes)",
	"db_bad_scheme":   "unsupported database address %s://…: give a SQLite file path (ganshi.db) or a postgres:// DSN",
}
