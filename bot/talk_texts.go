package bot

import (
	"errors"
	"fmt"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/when"
)

// talkTexts are the talk feature's own texts, Chinese first. They live
// beside the feature rather than in texts_zh.go and texts_en.go.
var talkTexts = map[string]map[string]string{
	LangZH: {
		"too_long":         "内容过长（超过 %d 字），请精简后重新发送。",
		"plan_use_buttons": "请点击上方按钮，或回复“确认”“修改时间”“放弃”。",
		"no_such_talk":     "没有编号为 %d 的谈话，请核对编号（发送 /talks 查看）。",

		"talk_usage":                "用法：/talk 选择谈话对象；/talk 姓名 [事由] 安排谈话；/talk #编号 或 /talk move 编号 安排或调整时间；/talk cancel 编号 原因 取消谈话。",
		"talk_name_needed":          "请发送 /talk 加干部姓名或编号，例如：/talk 张三",
		"owed_mark":                 "%s（待谈话）",
		"talk_no_cadres":            "本单位暂无可安排谈话的干部。",
		"talk_pick_cadre":           "请选择谈心谈话对象（也可发送 /talk 姓名 查找）：",
		"talk_with":                 "与 <b>%s</b> 谈心谈话",
		"owed_line":                 "· 待谈话：%s，请于 %s 前完成",
		"scheduled_line":            "· 已安排：%s，%s",
		"btn_arrange":               "安排：%s",
		"btn_move":                  "调整：%s",
		"talk_pick_reason":          "如需另行安排，请选择谈话事由：",
		"talk_state_now":            "该谈话当前状态为“%s”，无法进行此操作。",
		"ask_time":                  "与 %s 谈心谈话（%s）。\n请发送谈话时间，例如：明天下午3点、12月3日 15:00、下周三上午10点半。发送 /cancel 可退出。",
		"plan_gone":                 "该安排已失效，请重新发送 /talk 开始。",
		"ask_place":                 "时间：%s\n请发送谈话地点，例如：党委书记办公室。",
		"btn_keep_place":            "沿用原地点：%s",
		"place_bad":                 "请用不超过 100 字写明谈话地点。",
		"plan_dropped":              "已放弃本次安排，未通知任何人。",
		"confirm_plan":              "请确认谈心谈话安排：\n对象：%s\n事由：%s\n时间：%s\n地点：%s",
		"btn_confirm":               "确认并通知",
		"btn_change_time":           "修改时间",
		"btn_drop":                  "放弃",
		"warn_outside_hours":        "⚠ 该时间不在工作时间内（工作日 8:30–17:30），如确需此时谈话请确认。",
		"warn_clash":                "⚠ 您在 %s 已安排与 %s 谈话，两者相隔不足 1 小时。",
		"warn_unbound":              "⚠ %s 尚未绑定本助手，确认后请当面或电话告知时间地点。",
		"plan_time_passed":          "所选时间 %s 已过，请重新发送谈话时间。",
		"scheduled_done":            "已安排：与 %s 谈心谈话，%s，%s。已通知本人，对方回复后会告诉您。（编号 %d）",
		"scheduled_unbound":         "已安排：与 %s 谈心谈话，%s，%s。对方尚未绑定本助手，请当面或电话告知。（编号 %d）",
		"talk_was_cancelled_leader": "该谈话已被取消，无法再安排。如需谈话，请发送 /talk 重新安排。",

		"invitation":           "%s约您谈心谈话：\n时间：%s\n地点：%s\n请点击下方按钮确认，如时间不便可申请改期。（编号 %d）",
		"invitation_moved":     "%s调整了与您的谈心谈话：\n新时间：%s\n地点：%s\n请点击下方按钮确认，如时间不便可申请改期。（编号 %d）",
		"btn_attend":           "确认参加",
		"btn_later":            "申请改期",
		"talk_cancelled_reply": "原定%s的谈心谈话已取消，无需回复。如有需要，%s会另行约谈。",
		"talk_over_reply":      "该谈话当前状态为“%s”，无需再回复。",
		"talk_moved_reply":     "该谈话时间已调整为 %s，地点：%s。请以最新通知为准，点击新通知中的按钮回复。",
		"cadre_confirmed":      "%s 已确认参加 %s 的谈心谈话。",
		"attend_done":          "已确认。谈心谈话时间：%s，地点：%s，届时请准时参加。",
		"ask_later_note":       "请简要说明您方便的时间（例如：周四下午以后都可以），我们会转告谈话人：",
		"cadre_asks_later":     "%s 申请调整 %s 的谈心谈话时间，说明：%s\n如需改期，请点击下方按钮。",
		"btn_move_short":       "调整时间",
		"later_done":           "已转告%s，调整后会通知您。",
		"ask_cancel_reason":    "请简要说明取消与 %s 谈话的原因（仅谈话人和组织部可见）：",
		"cancelled_to_cadre":   "原定%s的谈心谈话已取消，无需前往。",
		"cancelled_to_holder":  "%s 取消了您与 %s 的谈心谈话，原因：%s",
		"cancel_done":          "已取消与 %s 的谈心谈话。已通知的对象会收到取消消息。",

		"record_usage":          "用法：/record 谈话编号，例如：/record 12（发送 /talks 查看编号）。",
		"btn_record":            "记录：%s %s",
		"record_nothing":        "目前没有待记录的谈心谈话。",
		"record_pick":           "以下谈心谈话尚未记录，请选择：",
		"record_too_early":      "该谈话安排在 %s，请在谈话结束后再记录。",
		"record_not_scheduled":  "该谈话尚未安排时间，请先发送 /talk 安排。",
		"record_already":        "谈话 %d 已记录完毕。发送 /talks #编号 可查看。",
		"record_head":           "记录与 %s 的谈心谈话（%s）。每项回答都会立即保存，中途退出后发送 /record 编号 可继续。记录仅您本人和组织部可见。",
		"record_resume":         "继续记录与 %s 的谈心谈话（%s）。已保存的内容：",
		"ask_summary":           "1/5 请简要记录谈话内容：",
		"ask_concerns":          "2/5 干部反映的主要问题和思想顾虑（没有请回复“无”）：",
		"ask_agreed":            "3/5 商定的事项或帮扶措施（没有请回复“无”）：",
		"ask_attention":         "4/5 是否需要重点关注？",
		"ask_follow_up":         "5/5 跟踪回访日期（例如：2027-01-15、1月15日、两周后），不需要请回复“无”：",
		"btn_yes":               "是",
		"btn_no":                "否",
		"btn_no_follow_up":      "无需回访",
		"record_done":           "谈话记录已保存。",
		"record_done_follow_up": "谈话记录已保存。已设定 %s 跟踪回访，届时会提醒您安排。",

		"talks_usage":         "用法：/talks 查看谈话；/talks 姓名 查看某人的谈话记录；/talks #编号 查看一次谈话；/talks ok 编号 确认参加；/talks later 编号 说明 申请改期。",
		"talks_head":          "<b>我的谈心谈话</b>",
		"sec_owed":            "待安排",
		"sec_upcoming":        "即将进行",
		"sec_unrecorded":      "待记录",
		"sec_planned":         "计划回访",
		"owed_item":           "· %s（%s），请于 %s 前完成",
		"overdue_mark":        "，已逾期",
		"planned_line":        "· %s（%s），%s 起",
		"upcoming_item":       "· %s 与 %s，%s（%s）",
		"unrecorded_item":     "· %s 与 %s",
		"btn_view":            "查看：%s",
		"talks_hint":          "发送 /talk 安排谈话，/talks 姓名 查看某人的谈话记录。",
		"county_talks":        "全县未完成的谈心谈话",
		"county_talks_none":   "暂无。",
		"county_talks_unit":   "%s：待安排 %d，已安排 %d，待记录 %d",
		"cadre_no_talks":      "您目前没有已安排的谈心谈话。",
		"cadre_talks_head":    "<b>您的谈心谈话安排</b>",
		"cadre_talk_item":     "· %s，%s，谈话人：%s（%s）",
		"detail_head":         "<b>谈心谈话 %d：%s</b>",
		"detail_status":       "状态：%s",
		"detail_when":         "时间：%s，地点：%s",
		"detail_holder":       "谈话人：%s",
		"detail_reason":       "事由：%s",
		"detail_due":          "应于 %s 前完成",
		"detail_answer":       "对方回复：%s %s",
		"detail_cancel":       "取消原因：%s",
		"record_confidential": "（谈话记录仅谈话人和组织部可见）",
		"rec_note":            "背景：%s",
		"rec_draft":           "（记录尚未完成）",
		"rec_summary":         "谈话内容：%s",
		"rec_concerns":        "反映的问题：%s",
		"rec_agreed":          "商定事项：%s",
		"rec_attention":       "重点关注：%s",
		"rec_follow_up":       "跟踪回访：%s",
		"none":                "无",
		"btn_record_short":    "记录谈话",
		"btn_cancel_talk":     "取消谈话",
		"btn_view_short":      "查看",
		"history_none":        "%s 暂无谈心谈话记录。",
		"history_own_only":    "您可以发送 /talks 查看自己的谈话安排；其他同志的谈话情况仅其单位主要负责同志和组织部可以查看。",
		"history_head":        "<b>%s 的谈心谈话</b>（最近 %d 次）",

		"event_usage":        "用法：/event 姓名 事由 [日期] [说明]，事由可写：岗位变动、工作挫折、家庭变故、问题苗头。例如：/event 张三 家庭变故 父亲病重住院",
		"event_bad_reason":   "“%s”不是可登记的事由。请写：岗位变动、工作挫折、家庭变故 或 问题苗头。",
		"event_no_principal": "%s 所在单位没有其他主要负责同志可承担谈话（主要负责同志本人的谈话由上级安排），未登记。",
		"event_known":        "%s 的“%s”（%s）此前已登记，未重复生成谈话。",
		"btn_arrange_now":    "现在安排谈话",
		"event_done_self":    "已登记 %s 的“%s”。请于 %s 前与其谈心谈话，可点击下方按钮现在安排。",
		"event_to_holder":    "%s 登记了 %s 的情况：%s（%s）。请于 %s 前与其谈心谈话。",
		"event_done":         "已登记 %s 的“%s”，已通知 %s 于 %s 前与其谈心谈话。",

		"remind_cadre":     "温馨提醒：%s约您的谈心谈话将于 %s 在 %s 进行。",
		"remind_leader":    "提醒：您与 %s 的谈心谈话将于 %s 在 %s 进行。",
		"owed_head":        "您有 %d 项谈心谈话待安排：",
		"owed_tail":        "点击下方按钮安排时间，或发送 /talks 查看。",
		"unrecorded_nudge": "您与 %s 在 %s 的谈心谈话尚未记录，请抽空记录（编号 %d），已写的内容会保留。",

		"reason_post_change": "岗位变动",
		"reason_setback":     "工作遇到重大挫折",
		"reason_family":      "家庭发生重大变故",
		"reason_early_sign":  "发现问题苗头",
		"reason_routine":     "日常谈心",
		"reason_follow_up":   "跟踪回访",
		"status_due":         "待安排",
		"status_scheduled":   "已安排",
		"status_held":        "待记录",
		"status_recorded":    "已记录，待回访",
		"status_closed":      "已完成",
		"status_cancelled":   "已取消",
		"answer_":            "待对方确认",
		"answer_confirmed":   "已确认",
		"answer_later":       "申请改期",

		"when_need_day":     "请同时写明哪一天，例如：明天下午3点、12月3日 15:00、周三 15:00。",
		"when_need_time":    "请同时写明几点，例如：明天下午3点、12月3日 15:00。",
		"when_unreadable":   "没能看懂这个时间。请这样写：明天下午3点、后天上午10点半、12月3日 15:00、下周三 15:00、2026-12-03 15:00。",
		"when_invalid_date": "%s 不是有效的日期，请核对后重新发送。",
		"when_invalid_time": "%s 不是有效的时刻，请核对后重新发送。",
		"when_past":         "%s 已经过去了，请发送一个以后的时间。",
		"date_unreadable":   "没能看懂这个日期。请这样写：2027-01-15、1月15日、下周三、两周后，不需要回访请回复“无”。",
		"date_past":         "%s 已经过去了，请发送以后的日期，不需要回访请回复“无”。",
	},
	LangEN: {
		"too_long":         "That is longer than %d characters; please shorten it and send again.",
		"plan_use_buttons": "Please use the buttons above, or reply 确认/ok, 修改时间/time or 放弃/drop.",
		"no_such_talk":     "There is no talk number %d; please check the number (/talks lists them).",

		"talk_usage":                "Usage: /talk to pick a person; /talk NAME [REASON] to arrange a talk; /talk #ID or /talk move ID to arrange or move one; /talk cancel ID REASON to call a talk off.",
		"talk_name_needed":          "Please send /talk with a name or id, e.g. /talk 张三",
		"owed_mark":                 "%s (talk owed)",
		"talk_no_cadres":            "Nobody in your unit to talk with yet.",
		"talk_pick_cadre":           "Whom will you talk with? (Or send /talk NAME to search.)",
		"talk_with":                 "Talk with <b>%s</b>",
		"owed_line":                 "· Owed: %s, due by %s",
		"scheduled_line":            "· Scheduled: %s, %s",
		"btn_arrange":               "Arrange: %s",
		"btn_move":                  "Move: %s",
		"talk_pick_reason":          "To arrange another talk, choose its reason:",
		"talk_state_now":            "This talk is “%s”; that cannot be done now.",
		"ask_time":                  "Talk with %s (%s).\nWhen? E.g. 明天下午3点, 12月3日 15:00, tomorrow 3pm, Wed 15:00. /cancel leaves.",
		"plan_gone":                 "This arrangement has expired; please start again with /talk.",
		"ask_place":                 "Time: %s\nWhere? E.g. the Party secretary's office.",
		"btn_keep_place":            "Same place: %s",
		"place_bad":                 "Please give the place in at most 100 characters.",
		"plan_dropped":              "Arrangement dropped; nobody was told.",
		"confirm_plan":              "Please confirm the talk:\nWith: %s\nReason: %s\nTime: %s\nPlace: %s",
		"btn_confirm":               "Confirm and invite",
		"btn_change_time":           "Change time",
		"btn_drop":                  "Drop",
		"warn_outside_hours":        "⚠ This is outside working hours (workdays 8:30–17:30); confirm only if you mean it.",
		"warn_clash":                "⚠ You already have a talk with %[2]s at %[1]s, less than an hour apart.",
		"warn_unbound":              "⚠ %s has not joined this bot; please tell them the time and place yourself.",
		"plan_time_passed":          "The time chosen, %s, has passed; please send a new time.",
		"scheduled_done":            "Scheduled: talk with %s, %s, %s. They were invited; you will see their answer. (No. %d)",
		"scheduled_unbound":         "Scheduled: talk with %s, %s, %s. They have not joined this bot; please tell them yourself. (No. %d)",
		"talk_was_cancelled_leader": "This talk was cancelled and cannot be arranged; send /talk to arrange a new one.",

		"invitation":           "%s invites you to a heart-to-heart talk:\nTime: %s\nPlace: %s\nPlease confirm below, or ask for another time. (No. %d)",
		"invitation_moved":     "%s moved your heart-to-heart talk:\nNew time: %s\nPlace: %s\nPlease confirm below, or ask for another time. (No. %d)",
		"btn_attend":           "I will attend",
		"btn_later":            "Ask for another time",
		"talk_cancelled_reply": "The talk planned for %s was cancelled; no reply is needed. %s will contact you if needed.",
		"talk_over_reply":      "This talk is “%s”; no reply is needed.",
		"talk_moved_reply":     "This talk was moved to %s, place: %s. Please answer with the buttons of the newest invitation.",
		"cadre_confirmed":      "%s confirmed the talk on %s.",
		"attend_done":          "Confirmed. Talk: %s, place: %s. See you there.",
		"ask_later_note":       "Please say briefly which times suit you (e.g. Thursday afternoon or later); we will pass it on:",
		"cadre_asks_later":     "%s asks to move the talk of %s. Note: %s\nTap below to change the time.",
		"btn_move_short":       "Change time",
		"later_done":           "Passed on to %s; you will be told the new time.",
		"ask_cancel_reason":    "Please give the reason for cancelling the talk with %s (seen only by the holder and the department):",
		"cancelled_to_cadre":   "The talk planned for %s was cancelled; you need not come.",
		"cancelled_to_holder":  "%s cancelled your talk with %s. Reason: %s",
		"cancel_done":          "The talk with %s is cancelled. Anyone already invited is told.",

		"record_usage":          "Usage: /record TALK_ID, e.g. /record 12 (/talks lists them).",
		"btn_record":            "Record: %s %s",
		"record_nothing":        "No talk is waiting to be written down.",
		"record_pick":           "These talks are not written down yet; choose one:",
		"record_too_early":      "This talk is set for %s; please write it down after it took place.",
		"record_not_scheduled":  "This talk has no time yet; arrange it first with /talk.",
		"record_already":        "Talk %d is already written down. /talks #ID shows it.",
		"record_head":           "Record of the talk with %s (%s). Each answer is saved at once; if you stop, /record ID resumes. Only you and the department can read it.",
		"record_resume":         "Resuming the record of the talk with %s (%s). Saved so far:",
		"ask_summary":           "1/5 What was talked about?",
		"ask_concerns":          "2/5 Problems and worries the cadre raised (or “无”/none):",
		"ask_agreed":            "3/5 What was agreed, or the help offered (or “无”/none):",
		"ask_attention":         "4/5 Does this person need close attention?",
		"ask_follow_up":         "5/5 Follow-up date (e.g. 2027-01-15, 1月15日, in 2 weeks), or “无”/none:",
		"btn_yes":               "Yes",
		"btn_no":                "No",
		"btn_no_follow_up":      "No follow-up",
		"record_done":           "The record is saved.",
		"record_done_follow_up": "The record is saved. A follow-up is set for %s; you will be reminded to arrange it.",

		"talks_usage":         "Usage: /talks; /talks NAME for a person's talks; /talks #ID for one talk; /talks ok ID to confirm; /talks later ID NOTE to ask for another time.",
		"talks_head":          "<b>My heart-to-heart talks</b>",
		"sec_owed":            "To arrange",
		"sec_upcoming":        "Upcoming",
		"sec_unrecorded":      "To write down",
		"sec_planned":         "Follow-ups planned",
		"owed_item":           "· %s (%s), due by %s",
		"overdue_mark":        ", overdue",
		"planned_line":        "· %s (%s), from %s",
		"upcoming_item":       "· %s with %s, %s (%s)",
		"unrecorded_item":     "· %s with %s",
		"btn_view":            "View: %s",
		"talks_hint":          "/talk arranges a talk; /talks NAME shows a person's talks.",
		"county_talks":        "Open talks in the county",
		"county_talks_none":   "None.",
		"county_talks_unit":   "%s: to arrange %d, scheduled %d, to write down %d",
		"cadre_no_talks":      "You have no talk scheduled.",
		"cadre_talks_head":    "<b>Your talks</b>",
		"cadre_talk_item":     "· %s, %s, with %s (%s)",
		"detail_head":         "<b>Talk %d: %s</b>",
		"detail_status":       "Status: %s",
		"detail_when":         "Time: %s, place: %s",
		"detail_holder":       "Held by: %s",
		"detail_reason":       "Reason: %s",
		"detail_due":          "Due by %s",
		"detail_answer":       "Answer: %s %s",
		"detail_cancel":       "Cancelled because: %s",
		"record_confidential": "(The record is seen only by the holder and the department.)",
		"rec_note":            "Background: %s",
		"rec_draft":           "(record not finished)",
		"rec_summary":         "Talked about: %s",
		"rec_concerns":        "Concerns raised: %s",
		"rec_agreed":          "Agreed: %s",
		"rec_attention":       "Close attention: %s",
		"rec_follow_up":       "Follow-up: %s",
		"none":                "none",
		"btn_record_short":    "Write down",
		"btn_cancel_talk":     "Cancel talk",
		"btn_view_short":      "View",
		"history_none":        "%s has no talks yet.",
		"history_own_only":    "Send /talks for your own talks; others' talks are seen only by their principal and the department.",
		"history_head":        "<b>Talks with %s</b> (latest %d)",

		"event_usage":        "Usage: /event NAME REASON [DATE] [NOTE]; reasons: 岗位变动 (post change), 工作挫折 (setback), 家庭变故 (family), 问题苗头 (early signs). E.g. /event 张三 family 父亲病重住院",
		"event_bad_reason":   "“%s” is not a reason to record; use post_change, setback, family or early_sign.",
		"event_no_principal": "%s has no principal in the unit to hold the talk (a principal's own talks are arranged above the unit); nothing recorded.",
		"event_known":        "%s: “%s” on %s was recorded before; no new talk.",
		"btn_arrange_now":    "Arrange the talk now",
		"event_done_self":    "Recorded for %s: “%s”. Please talk with them by %s; tap below to arrange it now.",
		"event_to_holder":    "%s recorded for %s: %s (%s). Please talk with them by %s.",
		"event_done":         "Recorded for %s: “%s”. %s was asked to talk with them by %s.",

		"remind_cadre":     "Reminder: your talk with %s is at %s, %s.",
		"remind_leader":    "Reminder: your talk with %s is at %s, %s.",
		"owed_head":        "You have %d talks to arrange:",
		"owed_tail":        "Tap below to arrange one, or send /talks.",
		"unrecorded_nudge": "Your talk with %s on %s is not written down yet; please record it when you can (No. %d). What you wrote is kept.",

		"reason_post_change": "change of post",
		"reason_setback":     "major setback at work",
		"reason_family":      "major family event",
		"reason_early_sign":  "early signs of a problem",
		"reason_routine":     "routine talk",
		"reason_follow_up":   "follow-up",
		"status_due":         "to arrange",
		"status_scheduled":   "scheduled",
		"status_held":        "to write down",
		"status_recorded":    "recorded, follow-up pending",
		"status_closed":      "done",
		"status_cancelled":   "cancelled",
		"answer_":            "awaiting answer",
		"answer_confirmed":   "confirmed",
		"answer_later":       "asked for another time",

		"when_need_day":     "Please say which day too, e.g. 明天下午3点, 12月3日 15:00, Wed 15:00.",
		"when_need_time":    "Please say the time of day too, e.g. 明天下午3点, 12月3日 15:00.",
		"when_unreadable":   "I could not read that time. Write it like: 明天下午3点, 后天上午10点半, 12月3日 15:00, 下周三 15:00, 2026-12-03 15:00, tomorrow 3pm.",
		"when_invalid_date": "%s is not a date; please check it.",
		"when_invalid_time": "%s is not a time of day; please check it.",
		"when_past":         "%s has already passed; please send a later time.",
		"date_unreadable":   "I could not read that date. Write it like 2027-01-15, 1月15日, 下周三, in 2 weeks, or “无”/none for no follow-up.",
		"date_past":         "%s has already passed; please send a later date, or “无”/none.",
	},
}

// talkT is a talk text in lang, else Chinese.
func talkT(lang, key string, args ...any) string {
	s, ok := talkTexts[lang][key]
	if !ok {
		s = talkTexts[LangZH][key]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// tt is a talk text in the caller's language.
func (r *request) tt(key string, args ...any) string { return talkT(r.lang, key, args...) }

// tsay is a plain talk reply.
func (r *request) tsay(key string, args ...any) []telegram.Message {
	return []telegram.Message{{Text: r.tt(key, args...)}}
}

func reasonName(lang, reason string) string { return talkT(lang, "reason_"+reason) }
func statusName(lang, status string) string { return talkT(lang, "status_"+status) }
func answerName(lang, answer string) string { return talkT(lang, "answer_"+answer) }

// talkWhen writes a time as it is echoed: 2026年12月3日（周四）15:00.
func talkWhen(lang string, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if lang == LangEN {
		return when.FormatEN(t)
	}
	return when.FormatZH(t)
}

func talkWhenOpt(lang string, t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return talkWhen(lang, *t, loc)
}

// talkDay writes a stored day (2006-01-02) with its weekday.
func talkDay(lang, day string) string {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	if lang == LangEN {
		return when.DateEN(d)
	}
	return when.DateZH(d)
}

func whenParse(r *request, text string) (time.Time, error) {
	return when.Parse(text, r.tx.Now(), r.loc)
}

func whenOutside(t time.Time, loc *time.Location, cal models.Calendar) bool {
	return when.OutsideWorkingHours(t, loc, cal)
}

// whenError says what was wrong with a time typed, with examples.
func (r *request) whenError(err error) []telegram.Message {
	var (
		bad  *when.InvalidDateError
		tm   *when.InvalidTimeError
		past *when.PastError
	)
	switch {
	case errors.Is(err, when.ErrNeedDay):
		return r.tsay("when_need_day")
	case errors.Is(err, when.ErrNeedTime):
		return r.tsay("when_need_time")
	case errors.As(err, &bad):
		return r.tsay("when_invalid_date", r.badDate(bad))
	case errors.As(err, &tm):
		return r.tsay("when_invalid_time", fmt.Sprintf("%d:%02d", tm.Hour, tm.Minute))
	case errors.As(err, &past):
		return r.tsay("when_past", talkWhen(r.lang, past.At, r.loc))
	}
	return r.tsay("when_unreadable")
}

// whenDateError is whenError for a day alone (the follow-up date).
func (r *request) whenDateError(err error) []telegram.Message {
	var (
		bad  *when.InvalidDateError
		past *when.PastError
	)
	switch {
	case errors.As(err, &bad):
		return r.tsay("when_invalid_date", r.badDate(bad))
	case errors.As(err, &past):
		return r.tsay("date_past", talkDay(r.lang, past.At.Format("2006-01-02")))
	}
	return r.tsay("date_unreadable")
}

// badDate names a date that does not exist as it was typed: 2月30日.
func (r *request) badDate(e *when.InvalidDateError) string {
	switch {
	case r.lang == LangEN && e.Year != 0:
		return fmt.Sprintf("%04d-%02d-%02d", e.Year, e.Month, e.Day)
	case r.lang == LangEN:
		return fmt.Sprintf("%02d-%02d", e.Month, e.Day)
	case e.Year != 0:
		return fmt.Sprintf("%d年%d月%d日", e.Year, e.Month, e.Day)
	}
	return fmt.Sprintf("%d月%d日", e.Month, e.Day)
}
