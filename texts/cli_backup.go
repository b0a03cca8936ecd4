package texts

// `ganshi backup` and `ganshi restore` (cli_), and what models says about a
// file that is no sound backup (backup_).
var cliBackupZH = map[string]string{
	"cli_backup_usage": "用法：ganshi backup FILE [--db DSN] [--force]\n" +
		"      ganshi restore FILE [--db DSN] [--force]\n\n" +
		"backup把SQLite数据库完整、一致地复制到FILE，serve运行时也可以做。FILE不能已存在；加--force则替换。\n\n" +
		"restore用备份替换数据库。有ganshi serve正在使用该数据库时拒绝执行（请先停止serve）；" +
		"比本程序新的备份也会拒绝，旧版本的备份会自动升级。已有的数据库只有加--force才会被替换，并保留为DB.before-restore。\n\n" +
		"PostgreSQL请改用pg_dump和pg_restore，这两个子命令会打印要用的命令。",
	"cli_backup_flag_force":  "backup：替换已有的FILE；restore：替换已有的数据库（原库保留为DB.before-restore）",
	"cli_backup_one_file":    "%s：请给出一个FILE，现在给了%d个参数。",
	"cli_backup_pg":          "PostgreSQL数据库请用pg_dump备份，serve运行时也能得到一致的副本：\n\n  %s\n\n（pg_dump从PGPASSWORD或~/.pgpass读取密码。）",
	"cli_backup_pg_refused":  "GANSHI_DB是PostgreSQL：请运行上面的pg_dump命令；本命令没有写入任何内容。",
	"cli_backup_same":        "FILE就是数据库本身，请换一个文件名。",
	"cli_backup_exists":      "%s已存在：请换一个文件名，或加--force替换。",
	"cli_backup_bad_copy":    "备份副本检查未通过：%s",
	"cli_backup_done":        "已写入%s：%s的一致副本（数据库版本%d，干部%d人）。",
	"cli_restore_pg":         "用pg_dump做的PostgreSQL备份请用pg_restore恢复，恢复前请停止所有ganshi serve：\n\n  %s %s",
	"cli_restore_pg_refused": "GANSHI_DB是PostgreSQL：请运行上面的pg_restore命令；本命令没有写入任何内容。",
	"cli_restore_bad_backup": "无法用这个文件恢复：%s。",
	"cli_restore_newer":      "%s的数据库版本是%d，比本程序的%d新：请用生成它的ganshi或更新的版本恢复。",
	"cli_restore_in_use":     "%s正在使用中：%s持有它的%s租约，到%s为止；请先停止那个ganshi serve。",
	"cli_restore_exists":     "%s已存在：加--force会替换它（原库保留为%s.before-restore）。",
	"cli_restore_keep":       "无法保留原数据库：%s",
	"cli_restore_done":       "已把%s恢复到%s：数据库版本%d",
	"cli_restore_upgraded":   "，已升级到%d",
	"cli_restore_cadres":     "，干部%d人。",
	"cli_restore_kept":       "被替换的数据库保留为%s。",

	"backup_not_sqlite": "%s不是SQLite数据库",
	"backup_damaged":    "%s已损坏：%s",
	"backup_not_ganshi": "%s是SQLite数据库，但不是干事的数据库（没有schema_versions表）",
}

var cliBackupEN = map[string]string{
	"cli_backup_usage": "Usage: ganshi backup FILE [--db DSN] [--force]\n" +
		"       ganshi restore FILE [--db DSN] [--force]\n\n" +
		"backup writes a consistent copy of the SQLite database to FILE, also while\n" +
		"ganshi serve runs. FILE must not exist; --force replaces it.\n\n" +
		"restore puts a backup in place of the database. It refuses while a ganshi\n" +
		"serve uses the database (stop it first) and a backup made by a newer ganshi;\n" +
		"an older backup is upgraded. A database already there is replaced only with\n" +
		"--force, and kept beside it as DB.before-restore.\n\n" +
		"For PostgreSQL both print the pg_dump or pg_restore command to use instead.",
	"cli_backup_flag_force":  "backup: replace FILE; restore: replace the database (kept as DB.before-restore)",
	"cli_backup_one_file":    "%s: give exactly one FILE, got %d arguments",
	"cli_backup_pg":          "PostgreSQL is backed up with pg_dump, which is consistent while serve runs:\n\n  %s\n\n(pg_dump reads the password from PGPASSWORD or ~/.pgpass.)",
	"cli_backup_pg_refused":  "backup: GANSHI_DB is PostgreSQL: run the pg_dump command above; nothing was written",
	"cli_backup_same":        "backup: FILE is the database itself; give another name",
	"cli_backup_exists":      "backup: %s already exists; give another name, or --force to replace it",
	"cli_backup_bad_copy":    "backup: the copy does not check out: %s",
	"cli_backup_done":        "wrote %s: a consistent copy of %s (schema version %d, %d cadres)",
	"cli_restore_pg":         "A PostgreSQL dump made with pg_dump is restored with pg_restore, with every ganshi serve stopped:\n\n  %s %s",
	"cli_restore_pg_refused": "restore: GANSHI_DB is PostgreSQL: run the pg_restore command above; nothing was written",
	"cli_restore_bad_backup": "restore: %s",
	"cli_restore_newer":      "restore: %s has schema version %d, newer than this ganshi's %d: restore it with the ganshi that made it, or a newer one",
	"cli_restore_in_use":     "restore: %s is in use: %s holds its %s lease until %s; stop that ganshi serve first",
	"cli_restore_exists":     "restore: %s already exists; --force replaces it (the old one is kept as %s.before-restore)",
	"cli_restore_keep":       "restore: keep the old database: %s",
	"cli_restore_done":       "restored %s into %s: schema version %d",
	"cli_restore_upgraded":   ", upgraded to %d",
	"cli_restore_cadres":     ", %d cadres.",
	"cli_restore_kept":       "The database it replaced is kept as %s.",

	"backup_not_sqlite": "%s is not a SQLite database",
	"backup_damaged":    "%s is damaged: %s",
	"backup_not_ganshi": "%s is a SQLite database but not Ganshi's (no schema_versions table)",
}
