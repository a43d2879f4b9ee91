#include "test.h"
#include "model/shell.h"
#include "model/dockerfile_int.h"
#include "util/util.h"
#include <stdlib.h>

/* "name arg arg" of command i, for compact checks. */
static char *cmd_str(const struct sh_script *s, size_t i)
{
	struct buf b = { 0 };
	if (i >= s->ncmds)
		return xstrdup("(none)");
	for (size_t j = 0; j < s->cmds[i].argc; j++) {
		if (j)
			buf_addc(&b, ' ');
		buf_adds(&b, s->cmds[i].argv[j]);
	}
	return buf_take(&b);
}

#define CHECK_CMD(s, i, want)                 \
	do {                                  \
		char *got_ = cmd_str((s), (i)); \
		CHECK_STR(got_, want);        \
		free(got_);                   \
	} while (0)

TEST(shell_and_or_seq)
{
	struct sh_script s;
	sh_parse(&s, "apt-get update && apt-get install -y curl || true; echo done", 1);
	CHECK_INT(s.ncmds, 4);
	CHECK_CMD(&s, 0, "apt-get update");
	CHECK_CMD(&s, 1, "apt-get install -y curl");
	CHECK_CMD(&s, 2, "true");
	CHECK_CMD(&s, 3, "echo done");
	CHECK_INT(s.cmds[0].next, SH_AND);
	CHECK_INT(s.cmds[1].next, SH_OR);
	CHECK_INT(s.cmds[2].next, SH_SEQ);
	CHECK(!s.has_pipe);
	sh_free(&s);
}

TEST(shell_pipes)
{
	struct sh_script s;
	sh_parse(&s, "curl -fsSL https://x.sh | bash -s -- -y & wait", 3);
	CHECK_INT(s.ncmds, 3);
	CHECK(s.has_pipe);
	CHECK_INT(s.cmds[0].next, SH_PIPE);
	CHECK(!s.cmds[0].piped_in);
	CHECK(s.cmds[1].piped_in);
	CHECK_STR(sh_cmd_name(&s.cmds[1]), "bash");
	CHECK_INT(s.cmds[1].next, SH_BG);
	CHECK(!s.cmds[2].piped_in);
	CHECK_INT(s.cmds[2].line, 3);
	sh_free(&s);
	sh_parse(&s, "a || b", 1);
	CHECK(!s.has_pipe);
	sh_free(&s);
}

TEST(shell_quotes)
{
	struct sh_script s;
	sh_parse(&s, "echo 'a b' \"c \\\"d\\\" $X\" e\\ f g\"h\"'i' \"a;b\" 'x|y'", 1);
	CHECK_INT(s.ncmds, 1);
	CHECK_INT(s.cmds[0].argc, 7);
	CHECK_STR(s.cmds[0].argv[1], "a b");
	CHECK_STR(s.cmds[0].argv[2], "c \"d\" $X");
	CHECK_STR(s.cmds[0].argv[3], "e f");
	CHECK_STR(s.cmds[0].argv[4], "ghi");
	CHECK_STR(s.cmds[0].argv[5], "a;b");
	CHECK_STR(s.cmds[0].argv[6], "x|y");
	sh_free(&s);
	sh_parse(&s, "echo 'unterminated && rm", 1);
	CHECK_INT(s.ncmds, 1);
	CHECK_STR(s.cmds[0].argv[1], "unterminated && rm");
	sh_free(&s);
	sh_parse(&s, "echo \"open", 1);
	CHECK_CMD(&s, 0, "echo open");
	sh_free(&s);
}

TEST(shell_substitution)
{
	struct sh_script s;
	sh_parse(&s, "v=$(curl -s x | head -1) && echo `id -u; x` ${A:-a b} \"$(cat f)\"", 1);
	CHECK_INT(s.ncmds, 2);
	CHECK_INT(s.cmds[0].argc, 0);
	CHECK_INT(s.cmds[0].nassigns, 1);
	CHECK_STR(s.cmds[0].assigns[0], "v=$(curl -s x | head -1)");
	CHECK_CMD(&s, 1, "echo `id -u; x` ${A:-a b} $(cat f)");
	CHECK(!s.has_pipe);
	sh_free(&s);
}

TEST(shell_groups)
{
	struct sh_script s;
	sh_parse(&s, "(cd /src && make) | tee log; { echo a; echo b; }", 1);
	CHECK_INT(s.ncmds, 5);
	CHECK_CMD(&s, 0, "cd /src");
	CHECK_CMD(&s, 1, "make");
	CHECK_INT(s.cmds[1].next, SH_PIPE);
	CHECK_CMD(&s, 2, "tee log");
	CHECK(s.cmds[2].piped_in);
	CHECK_CMD(&s, 3, "echo a");
	CHECK_CMD(&s, 4, "echo b");
	sh_free(&s);
}

TEST(shell_keywords)
{
	struct sh_script s;
	sh_parse(&s, "if apt-get update; then apt-get install -y x; else echo no; fi && "
	             "for f in a b; do rm $f; done; while read l; do echo $l; done < list", 1);
	CHECK_INT(s.ncmds, 6);
	CHECK_CMD(&s, 0, "apt-get update");
	CHECK_CMD(&s, 1, "apt-get install -y x");
	CHECK_CMD(&s, 2, "echo no");
	CHECK_INT(s.cmds[2].next, SH_AND);
	CHECK_CMD(&s, 3, "rm $f");
	CHECK_CMD(&s, 4, "read l");
	CHECK_CMD(&s, 5, "echo $l");
	sh_free(&s);
	sh_parse(&s, "case \"$ARCH\" in\n amd64) A=x86_64 ;;\n arm64|aarch64) curl x ;;\n"
	             " *) exit 1 ;;\nesac; make", 1);
	CHECK_INT(s.ncmds, 4);
	CHECK_INT(s.cmds[0].argc, 0);
	CHECK_STR(s.cmds[0].assigns[0], "A=x86_64");
	CHECK_CMD(&s, 1, "curl x");
	CHECK_INT(s.cmds[1].line, 3);
	CHECK_CMD(&s, 2, "exit 1");
	CHECK_CMD(&s, 3, "make");
	sh_free(&s);
}

TEST(shell_assigns_redirects_comments)
{
	struct sh_script s;
	sh_parse(&s, "DEBIAN_FRONTEND=noninteractive A='x y' apt-get install -y a 2>&1 >/dev/null"
	             " # comment && rm -rf /\necho x>f y", 10);
	CHECK_INT(s.ncmds, 2);
	CHECK_INT(s.cmds[0].nassigns, 2);
	CHECK_STR(s.cmds[0].assigns[0], "DEBIAN_FRONTEND=noninteractive");
	CHECK_STR(s.cmds[0].assigns[1], "A=x y");
	CHECK_CMD(&s, 0, "apt-get install -y a");
	CHECK_CMD(&s, 1, "echo x y");
	CHECK_INT(s.cmds[0].line, 10);
	CHECK_INT(s.cmds[1].line, 11);
	sh_free(&s);
}

TEST(shell_lines_and_continuations)
{
	struct sh_script s;
	sh_parse(&s, "a \\\n  b \\\n && c\n\nd |\n e", 5);
	CHECK_INT(s.ncmds, 4);
	CHECK_CMD(&s, 0, "a b");
	CHECK_INT(s.cmds[0].line, 5);
	CHECK_INT(s.cmds[1].line, 7);
	CHECK_INT(s.cmds[2].line, 9);
	CHECK_INT(s.cmds[2].next, SH_PIPE);
	CHECK(s.cmds[3].piped_in);
	CHECK_INT(s.cmds[3].line, 10);
	sh_free(&s);
	/* heredoc bodies inside a script are not commands */
	sh_parse(&s, "cat <<'EOF' > /etc/x\nrm -rf /\nEOF\nls", 1);
	CHECK_INT(s.ncmds, 2);
	CHECK_CMD(&s, 0, "cat");
	CHECK_CMD(&s, 1, "ls");
	CHECK_INT(s.cmds[1].line, 4);
	sh_free(&s);
}

TEST(shell_has_opt_and_name)
{
	struct sh_script s;
	sh_parse(&s, "/usr/bin/apt-get -qy install --yes=1 --no-install-recommends -o=x x", 1);
	const struct sh_cmd *c = &s.cmds[0];
	CHECK_STR(sh_cmd_name(c), "apt-get");
	CHECK(sh_has_opt(c, "-y"));
	CHECK(sh_has_opt(c, "-q"));
	CHECK(!sh_has_opt(c, "-x"));
	CHECK(sh_has_opt(c, "--yes"));
	CHECK(sh_has_opt(c, "--no-install-recommends"));
	CHECK(!sh_has_opt(c, "--no"));
	CHECK(!sh_has_opt(c, "-o"));
	CHECK(sh_has_opt(c, "-o=x"));
	sh_free(&s);
	struct sh_cmd empty = { 0 };
	CHECK_STR(sh_cmd_name(&empty), "");
}

TEST(shell_caps_and_empty)
{
	struct sh_script s;
	struct buf b = { 0 };
	sh_parse(&s, "", 1);
	CHECK_INT(s.ncmds, 0);
	sh_free(&s);
	sh_parse(&s, " ;; && | ( ) ", 1);
	CHECK_INT(s.ncmds, 0);
	sh_free(&s);
	for (int i = 0; i < 20000; i++)
		buf_adds(&b, "a;");
	sh_parse(&s, b.s, 1);
	CHECK_INT(s.ncmds, 10000);
	sh_free(&s);
	b.len = 0;
	for (int i = 0; i < 20000; i++)
		buf_adds(&b, "w ");
	sh_parse(&s, b.s, 1);
	CHECK_INT(s.ncmds, 1);
	CHECK_INT(s.cmds[0].argc, 10000);
	sh_free(&s);
	free(b.s);
}

/* Inside $(...), a backslash escapes a quote in double quotes but not in single quotes. */
TEST(shell_substitution_quotes)
{
	struct sh_script s;
	sh_parse(&s, "echo $(printf \"a\\\")\" b) c", 1);
	CHECK_INT(s.ncmds, 1);
	CHECK_CMD(&s, 0, "echo $(printf \"a\\\")\" b) c");
	sh_free(&s);
	sh_parse(&s, "echo $(printf 'a\\' b) c; id", 1);
	CHECK_INT(s.ncmds, 2);
	CHECK_CMD(&s, 0, "echo $(printf 'a\\' b) c");
	CHECK_CMD(&s, 1, "id");
	sh_free(&s);
}

/* $(...) inside double quotes is copied whole, quotes in it included. */
TEST(shell_dquote_substitution)
{
	struct sh_script s;
	sh_parse(&s, "echo \"$(printf \"x y\")\" z", 1);
	CHECK_INT(s.ncmds, 1);
	CHECK_CMD(&s, 0, "echo $(printf \"x y\") z");
	sh_free(&s);
}

/* ";&" and ";;&" end a case item like ";;": neither starts a background job. */
TEST(shell_case_fallthrough)
{
	struct sh_script s;
	sh_parse(&s, "case $a in x) echo x ;& y) echo y ;;& *) echo z ;; esac && make", 1);
	CHECK_INT(s.ncmds, 4);
	CHECK_CMD(&s, 0, "echo x");
	CHECK_CMD(&s, 1, "echo y");
	CHECK_CMD(&s, 2, "echo z");
	CHECK_CMD(&s, 3, "make");
	for (size_t i = 0; i < s.ncmds; i++)
		CHECK(s.cmds[i].next != SH_BG);
	sh_free(&s);
}

/* Each wrapper with its options and operands, down to the command it runs. */
TEST(shell_unwrap_every_wrapper)
{
	static const struct { const char *line; size_t start; bool sudo; } t[] = {
		{ "command curl x", 1, false }, { "eatmydata curl x", 1, false },
		{ "env -u A B=1 curl x", 4, false }, { "exec -a name curl x", 3, false },
		{ "gosu app curl x", 2, false }, { "nice -n 5 curl x", 3, false },
		{ "nohup curl x", 1, false }, { "stdbuf -o L curl x", 3, false },
		{ "su-exec app curl x", 2, false }, { "sudo -u app curl x", 3, true },
		{ "/usr/bin/time -f %e curl x", 3, false }, { "timeout -s KILL 10 curl x", 4, false },
		{ "xargs -n 1 curl x", 3, false }, { "sudo -E env A=1 nohup nice curl x", 6, true },
		{ "/usr/bin/nohup /usr/bin/curl x", 1, false }, { "curl x", 0, false },
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		struct sh_script s;
		sh_parse(&s, t[i].line, 1);
		CHECK_INT(s.ncmds, 1);
		if (s.ncmds == 1) {
			sh_cmd_unwrap(&s.cmds[0]);
			if (s.cmds[0].start != t[i].start || !str_eq(s.cmds[0].cmd, "curl") ||
			    s.cmds[0].sudo != t[i].sudo) {
				fprintf(stderr, "  %s: start %zu, cmd %s\n", t[i].line, s.cmds[0].start,
				        s.cmds[0].cmd);
				test_failed = 1;
			}
		}
		sh_free(&s);
	}
}

/* A command with more words than the splitter keeps offsets for at first: each word intact. */
TEST(shell_many_words_kept_whole)
{
	struct sh_script s;
	struct buf b = { 0 };
	char want[32];
	for (int i = 0; i < 200; i++)
		buf_printf(&b, "%sw%d'q'\"d\"", i ? " " : "", i);
	sh_parse(&s, b.s, 1);
	CHECK_INT(s.ncmds, 1);
	CHECK_INT(s.cmds[0].argc, 200);
	for (int i = 0; i < 200; i++) {
		snprintf(want, sizeof want, "w%dqd", i);
		CHECK_STR(s.cmds[0].argv[i], want);
	}
	CHECK(s.cmds[0].argv[200] == NULL);
	sh_free(&s);
	free(b.s);
}

/* Lines from the mapped offsets of joined continuation lines and from newlines, in order:
 * a newline at a mapped offset counts after it. */
TEST(shell_mapped_lines_and_newlines)
{
	struct sh_script s;
	const char *sc = "x; y\nz; w";
	size_t o1[] = { 3 }, o2[] = { 4 }, o3[] = { 8 };
	int l1[] = { 20 }, l2[] = { 20 }, l3[] = { 30 };
	sh_parse_lines(&s, sc, 10, o1, l1, 1, NULL);
	CHECK_INT(s.ncmds, 4);
	CHECK_INT(s.cmds[0].line, 10);
	CHECK_INT(s.cmds[1].line, 20);
	CHECK_INT(s.cmds[2].line, 21);
	CHECK_INT(s.cmds[3].line, 21);
	sh_free(&s);
	sh_parse_lines(&s, sc, 10, o2, l2, 1, NULL);
	CHECK_INT(s.cmds[1].line, 10);
	CHECK_INT(s.cmds[2].line, 21);
	CHECK_INT(s.cmds[3].line, 21);
	sh_free(&s);
	sh_parse_lines(&s, sc, 10, o3, l3, 1, NULL);
	CHECK_INT(s.cmds[1].line, 10);
	CHECK_INT(s.cmds[2].line, 11);
	CHECK_INT(s.cmds[3].line, 30);
	sh_free(&s);
}

/* Reserved words are told from commands sharing their first letters. */
TEST(shell_reserved_words_by_initial)
{
	struct sh_script s;
	sh_parse(&s, "if cd /x; then fix; elif do_it; else echo e; fi; for f in a b; do done_x; "
	             "done; time tar x; { set -e; }; ! t", 1);
	CHECK_INT(s.ncmds, 8);
	CHECK_CMD(&s, 0, "cd /x");
	CHECK_CMD(&s, 1, "fix");
	CHECK_CMD(&s, 2, "do_it");
	CHECK_CMD(&s, 3, "echo e");
	CHECK_CMD(&s, 4, "done_x");
	CHECK_CMD(&s, 5, "tar x");
	CHECK_CMD(&s, 6, "set -e");
	CHECK_CMD(&s, 7, "t");
	sh_free(&s);
	/* the reserved words the line above leaves out: every entry of the initials' index */
	sh_parse(&s, "until false; do a; done; select x in y; do b; done; function f { c; }; "
	             "while w; do :; done", 1);
	CHECK_INT(s.ncmds, 6);
	CHECK_CMD(&s, 0, "false");
	CHECK_CMD(&s, 1, "a");
	CHECK_CMD(&s, 2, "b");
	CHECK_CMD(&s, 3, "c");
	CHECK_CMD(&s, 4, "w");
	CHECK_CMD(&s, 5, ":");
	sh_free(&s);
}
