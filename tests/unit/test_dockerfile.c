#include "test.h"
#include "model/dockerfile.h"
#include "util/util.h"
#include <stdlib.h>
#include <time.h>

static struct dockerfile *parse_len(const char *text, size_t len)
{
	char *err = NULL;
	int line = 0;
	struct dockerfile *df = dockerfile_parse("Dockerfile", text, len, &err, &line);
	CHECK(df != NULL);
	free(err);
	return df;
}

static struct dockerfile *parse(const char *text)
{
	return parse_len(text, strlen(text));
}

TEST(dockerfile_continuations_backslash)
{
	struct dockerfile *df = parse("FROM alpine\n"
	                              "RUN apk add \\\n"
	                              "    # comment inside\n"
	                              "\n"
	                              "    curl \\  \n"
	                              " && rm -rf /tmp/*\n"
	                              "USER app\n");
	CHECK_INT(df->ninstr, 3);
	const struct df_instr *r = &df->instr[1];
	CHECK_INT(r->kind, DF_RUN);
	CHECK_INT(r->line, 2);
	CHECK_INT(r->end_line, 6);
	CHECK_STR(r->args, "apk add     curl  && rm -rf /tmp/*");
	CHECK_INT(r->sh.ncmds, 2);
	CHECK_INT(r->sh.cmds[0].line, 2);
	CHECK_INT(r->sh.cmds[0].argc, 3);
	CHECK_STR(r->sh.cmds[0].argv[2], "curl");
	CHECK_INT(r->sh.cmds[1].line, 6);
	CHECK_INT(df->instr[2].line, 7);
	CHECK_STR(df->path, "Dockerfile");
	dockerfile_free(df);
}

TEST(dockerfile_escape_directive_backtick)
{
	struct dockerfile *df = parse("# escape=`\n"
	                              "# syntax=docker/dockerfile:1\n"
	                              "FROM mcr.microsoft.com/windows/servercore\n"
	                              "COPY C:\\src\\app C:\\app\\\n"
	                              "RUN powershell -Command `\n"
	                              "    Write-Host hi\n");
	CHECK_INT(df->escape, '`');
	CHECK_INT(df->ninstr, 3);
	CHECK_INT(df->instr[1].argc, 2);
	CHECK_STR(df->instr[1].argv[0], "C:\\src\\app");
	CHECK_STR(df->instr[1].argv[1], "C:\\app\\");
	CHECK_INT(df->instr[2].end_line, 6);
	CHECK_STR(df->instr[2].args, "powershell -Command     Write-Host hi");
	dockerfile_free(df);

	/* a directive after a comment is just a comment */
	df = parse("# hello\n# escape=`\nFROM x\nRUN a `\n");
	CHECK_INT(df->escape, '\\');
	CHECK_INT(df->ninstr, 2);
	dockerfile_free(df);
}

TEST(dockerfile_keywords_and_unknown)
{
	struct dockerfile *df = parse("from alpine\nrUn echo hi\nFOOBAR x y\n\n   \nmaintainer me\n");
	CHECK_INT(df->ninstr, 4);
	CHECK_STR(df->instr[1].keyword, "RUN");
	CHECK_INT(df->instr[1].kind, DF_RUN);
	CHECK_INT(df->instr[2].kind, DF_UNKNOWN);
	CHECK_STR(df->instr[2].keyword, "FOOBAR");
	CHECK_STR(df->instr[2].args, "x y");
	CHECK_INT(df->instr[3].kind, DF_MAINTAINER);
	CHECK_STR(df_kind_name(DF_HEALTHCHECK), "HEALTHCHECK");
	dockerfile_free(df);
}

TEST(dockerfile_json_and_shell_form)
{
	struct dockerfile *df = parse("FROM a\n"
	                              "CMD [\"node\", \"a \\\"b\\\"\\\\\", \"\\u00e9\\n\"]\n"
	                              "ENTRYPOINT [ ]\n"
	                              "RUN [\"echo\", 1]\n"
	                              "CMD [\"unterminated\"\n"
	                              "CMD echo \"hi there\" 'x'\n"
	                              "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n");
	const struct df_instr *in = &df->instr[1];
	CHECK(in->json);
	CHECK_INT(in->argc, 3);
	CHECK_STR(in->argv[1], "a \"b\"\\");
	CHECK_STR(in->argv[2], "\xc3\xa9\n");
	CHECK_INT(in->sh.ncmds, 1);
	CHECK_STR(sh_cmd_name(&in->sh.cmds[0]), "node");
	CHECK(df->instr[2].json);
	CHECK_INT(df->instr[2].argc, 0);
	CHECK_INT(df->instr[2].sh.ncmds, 0);
	CHECK(!df->instr[3].json);
	CHECK_INT(df->instr[3].argc, 0);                     /* shell form: words in sh */
	CHECK_STR(df->instr[3].sh.cmds[0].argv[0], "[echo,");
	CHECK(!df->instr[4].json);
	in = &df->instr[5];
	CHECK(!in->json);
	CHECK_INT(in->argc, 3);
	CHECK_STR(in->argv[1], "hi there");
	CHECK_INT(in->sh.ncmds, 1);
	CHECK(df->instr[6].json);
	CHECK_INT(df->instr[6].argc, 4);
	dockerfile_free(df);
}

TEST(dockerfile_json_sh_c)
{
	struct dockerfile *df = parse("FROM a\n"
	                              "RUN [\"/bin/bash\", \"-o\", \"pipefail\", \"-ec\", "
	                              "\"curl x | sh && rm f\"]\n"
	                              "CMD [\"bash\", \"script.sh\"]\n");
	const struct df_instr *in = &df->instr[1];
	CHECK(in->json);
	CHECK_INT(in->sh.ncmds, 3);
	CHECK(in->sh.has_pipe);
	CHECK_STR(sh_cmd_name(&in->sh.cmds[1]), "sh");
	CHECK(in->sh.cmds[1].piped_in);
	CHECK_INT(in->sh.cmds[2].line, 2);
	CHECK_INT(df->instr[2].sh.ncmds, 1);
	CHECK_INT(df->instr[2].sh.cmds[0].argc, 2);
	dockerfile_free(df);
}

TEST(dockerfile_flags)
{
	struct dockerfile *df = parse(
		"FROM --platform=linux/amd64 golang:1.22 AS build\n"
		"RUN --mount=type=cache,target=/var/cache/apt --mount=type=secret,id=npm "
		"--network=none --security=insecure apt-get update\n"
		"COPY --from=build --chown=u:g --chmod=755 --link /out /bin/\n"
		"HEALTHCHECK --interval=30s --timeout=3s CMD [\"curl\", \"-f\", \"http://x/\"]\n"
		"RUN --mount=\"type=bind,source=a b\" -- --not-a-flag\n");
	const struct df_instr *r = &df->instr[1];
	CHECK_INT(r->nflags, 4);
	CHECK_STR(r->flags[0].name, "mount");
	CHECK_STR(r->flags[0].value, "type=cache,target=/var/cache/apt");
	CHECK_STR(r->flags[1].value, "type=secret,id=npm");
	CHECK_STR(df_flag(r, "network")->value, "none");
	CHECK_STR(df_flag(r, "--security")->value, "insecure");
	CHECK(df_flag(r, "chown") == NULL);
	CHECK_STR(r->args, "apt-get update");
	const struct df_instr *c = &df->instr[2];
	CHECK_STR(df_flag(c, "from")->value, "build");
	CHECK_STR(df_flag(c, "chown")->value, "u:g");
	CHECK_STR(df_flag(c, "chmod")->value, "755");
	CHECK(df_flag(c, "link") != NULL);
	CHECK(df_flag(c, "link")->value == NULL);
	CHECK_INT(c->argc, 2);
	const struct df_instr *h = &df->instr[3];
	CHECK_STR(df_flag(h, "interval")->value, "30s");
	CHECK(h->json);
	CHECK_INT(h->argc, 3);
	CHECK_STR(h->argv[0], "curl");
	CHECK_INT(h->sh.ncmds, 1);
	CHECK_STR(df->instr[4].flags[0].value, "type=bind,source=a b");
	CHECK_STR(df->instr[4].args, "--not-a-flag");
	CHECK_STR(df->stages[0].platform, "linux/amd64");
	dockerfile_free(df);
}

TEST(dockerfile_heredocs)
{
	struct dockerfile *df = parse("FROM a\n"
	                              "RUN <<EOF\n"
	                              "apt-get update\n"
	                              "curl x | sh\n"
	                              "EOF\n"
	                              "RUN python3 <<'PY' && echo done\n"
	                              "import os; os.system('rm -rf /')\n"
	                              "PY\n"
	                              "RUN <<-\"EOT\" bash -e\n"
	                              "\tif true; then\n"
	                              "\t\tmake\n"
	                              "\tfi\n"
	                              "\tEOT\n"
	                              "COPY <<A <<B /dst/\n"
	                              "one\n"
	                              "A\n"
	                              "two\n"
	                              "B\n"
	                              "USER x\n");
	CHECK_INT(df->ninstr, 6);
	const struct df_instr *r = &df->instr[1];
	CHECK_INT(r->nheredocs, 1);
	CHECK_STR(r->heredocs[0].marker, "EOF");
	CHECK_STR(r->heredocs[0].body, "apt-get update\ncurl x | sh\n");
	CHECK_INT(r->heredocs[0].line, 3);
	CHECK_STR(r->args, "<<EOF");
	CHECK_INT(r->line, 2);
	CHECK_INT(r->end_line, 5);
	CHECK_INT(r->sh.ncmds, 3);
	CHECK_INT(r->sh.cmds[0].line, 3);
	CHECK_INT(r->sh.cmds[2].line, 4);
	CHECK(r->sh.has_pipe);
	r = &df->instr[2];
	CHECK_STR(r->heredocs[0].marker, "PY");
	CHECK_INT(r->sh.ncmds, 2);
	CHECK_STR(sh_cmd_name(&r->sh.cmds[0]), "python3");
	CHECK_STR(sh_cmd_name(&r->sh.cmds[1]), "echo");
	r = &df->instr[3];
	CHECK_STR(r->heredocs[0].marker, "EOT");
	CHECK_STR(r->heredocs[0].body, "if true; then\nmake\nfi\n");
	CHECK_INT(r->sh.ncmds, 3);
	CHECK_STR(sh_cmd_name(&r->sh.cmds[2]), "make");
	CHECK_INT(r->sh.cmds[2].line, 11);
	r = &df->instr[4];
	CHECK_INT(r->nheredocs, 2);
	CHECK_STR(r->heredocs[0].body, "one\n");
	CHECK_STR(r->heredocs[1].body, "two\n");
	CHECK_INT(r->heredocs[1].line, 17);
	CHECK_INT(r->end_line, 18);
	CHECK_INT(df->instr[5].line, 19);
	dockerfile_free(df);

	/* unterminated: the body runs to the end; a python shebang is not a shell script */
	df = parse("FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\n");
	CHECK_INT(df->ninstr, 2);
	CHECK_STR(df->instr[1].heredocs[0].body, "#!/usr/bin/env python3\nprint(1)\n");
	CHECK_INT(df->instr[1].sh.ncmds, 0);
	dockerfile_free(df);
}

TEST(dockerfile_stages)
{
	struct dockerfile *df = parse("ARG BASE=debian\n"
	                              "ARG TAG\n"
	                              "ARG V=${TAG:-bookworm}\n"
	                              "ARG SUF=${TAG:+-x}\n"
	                              "FROM ${BASE}:$V$SUF AS Builder\n"
	                              "RUN make\n"
	                              "FROM builder as test\n"
	                              "FROM scratch\n"
	                              "COPY --from=builder /a /a\n");
	CHECK_INT(df->nmeta_args, 4);
	CHECK_STR(df->meta_args[0].key, "BASE");
	CHECK(df->meta_args[1].value == NULL);
	CHECK_STR(df->meta_args[2].value, "${TAG:-bookworm}");
	CHECK_INT(df->nstages, 3);
	const struct df_stage *s = &df->stages[0];
	CHECK_STR(s->image, "${BASE}:$V$SUF");
	CHECK_STR(s->image_resolved, "debian:bookworm");
	CHECK_STR(s->name, "builder");
	CHECK_INT(s->from_stage, -1);
	CHECK_INT(s->first, 4);
	CHECK_INT(s->count, 2);
	CHECK_INT(df->stages[1].from_stage, 0);
	CHECK_STR(df->stages[1].name, "test");
	CHECK(df->stages[2].scratch);
	CHECK_INT(df->instr[0].stage, -1);
	CHECK_INT(df->instr[5].stage, 0);
	CHECK_INT(df->instr[8].stage, 2);
	CHECK(df_final_stage(df) == &df->stages[2]);
	dockerfile_free(df);
}

TEST(dockerfile_expand)
{
	struct df_kv kvs[] = { { "A", "1" }, { "E", "" }, { "U", NULL }, { "A", "2" } };
	char *s = df_expand("$A-${A}-${E:-d}-${E-d}-${U-u}-${A:+set}-${E:+no}-${X}-$-\\$A-${Z:-${A}x}",
	                    kvs, 4);
	CHECK_STR(s, "2-2-d--u-set---$-$A-2x");
	free(s);
	s = df_expand("${unterminated", kvs, 4);
	CHECK_STR(s, "${unterminated");
	free(s);
	CHECK(df_final_stage(NULL) == NULL);
}

TEST(dockerfile_kvs)
{
	struct dockerfile *df = parse("FROM a\n"
	                              "ENV A=1 B=\"two words\" C='x y' D=a\\ b\n"
	                              "ENV LEGACY value with  spaces\n"
	                              "ARG NAME\n"
	                              "ARG X=1 Y=2\n"
	                              "LABEL \"org.opencontainers.image.title\"=\"x y\" version=1.0\n"
	                              "LABEL maintainer me@x\n");
	const struct df_instr *e = &df->instr[1];
	CHECK_INT(e->nkvs, 4);
	CHECK_STR(e->kvs[0].key, "A");
	CHECK_STR(e->kvs[0].value, "1");
	CHECK_STR(e->kvs[1].value, "two words");
	CHECK_STR(e->kvs[2].value, "x y");
	CHECK_STR(e->kvs[3].value, "a b");
	CHECK_INT(df->instr[2].nkvs, 1);
	CHECK_STR(df->instr[2].kvs[0].key, "LEGACY");
	CHECK_STR(df->instr[2].kvs[0].value, "value with  spaces");
	CHECK_INT(df->instr[3].nkvs, 1);
	CHECK_STR(df->instr[3].kvs[0].key, "NAME");
	CHECK(df->instr[3].kvs[0].value == NULL);
	CHECK_INT(df->instr[4].nkvs, 2);
	CHECK_STR(df->instr[4].kvs[1].key, "Y");
	CHECK_STR(df->instr[4].kvs[1].value, "2");
	CHECK_STR(df->instr[5].kvs[0].key, "org.opencontainers.image.title");
	CHECK_STR(df->instr[5].kvs[0].value, "x y");
	CHECK_STR(df->instr[6].kvs[0].value, "me@x");
	CHECK_INT(df->nmeta_args, 0);
	dockerfile_free(df);
}

TEST(dockerfile_onbuild)
{
	struct dockerfile *df = parse("FROM a\n"
	                              "ONBUILD RUN --mount=type=cache,target=/c make && make install\n"
	                              "ONBUILD ONBUILD COPY . /\n"
	                              "onbuild\n");
	const struct df_instr *o = &df->instr[1];
	CHECK_INT(o->kind, DF_ONBUILD);
	CHECK(o->onbuild != NULL);
	CHECK_INT(o->onbuild->kind, DF_RUN);
	CHECK_INT(o->onbuild->line, 2);
	CHECK_INT(o->onbuild->stage, 0);
	CHECK_STR(df_flag(o->onbuild, "mount")->value, "type=cache,target=/c");
	CHECK_INT(o->onbuild->sh.ncmds, 2);
	o = &df->instr[2];
	CHECK_INT(o->onbuild->kind, DF_ONBUILD);
	CHECK(o->onbuild->onbuild == NULL);
	CHECK(df->instr[3].onbuild != NULL);
	CHECK_INT(df->instr[3].onbuild->kind, DF_UNKNOWN);
	dockerfile_free(df);
}

/* The checks of the text are input reading's; what the parser adds is what docker build
 * refuses, each with its line, in a model that is still whole. */
TEST(dockerfile_build_errors)
{
	static const struct { const char *text; const char *errs; } cases[] = {
		{ "", "0 empty Dockerfile: no instructions\n" },
		{ "\xef\xbb\xbf# syntax=docker/dockerfile:1\n# escape=`\n\n# only a comment\n \t\n",
		  "0 empty Dockerfile: no instructions\n" },
		{ "FORM alpine\nRUN x\n", "1 unknown instruction FORM (did you mean FROM?)\n" },
		{ "from alpine\nrunn echo\nrun echo\nCOPPY . /\nXYZZY\nonbuild runn x\n",
		  "2 unknown instruction RUNN (did you mean RUN?)\n"
		  "4 unknown instruction COPPY (did you mean COPY?)\n5 unknown instruction XYZZY\n" },
		{ "ARG V=1\n# c\nRUN echo\nFROM a\n",
		  "3 RUN before the first FROM (only ARG may precede it)\n" },
		{ "ARG V=1\nARG W\n", "0 no FROM instruction: nothing to build\n" },
		{ "FROM a\nRUN <<EOF\nFORM x\nEOF\nONBUILD ADD . /\nFROM \\\n  b\n", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct dockerfile *df = parse(cases[i].text);
		struct buf b = { 0 };
		for (size_t j = 0; j < df->nerrors; j++)
			buf_printf(&b, "%d %s\n", df->errors[j].line, df->errors[j].msg);
		if (strcmp(b.s ? b.s : "", cases[i].errs)) {
			fprintf(stderr, "  case %zu: got\n%s", i, b.s ? b.s : "");
			test_failed = 1;
		}
		free(b.s);
		dockerfile_free(df);
	}
	struct buf many = { 0 };
	buf_adds(&many, "FROM a\n");
	for (int i = 0; i < 25; i++)
		buf_adds(&many, "RUNN x\n");
	struct dockerfile *df = parse(many.s);
	CHECK_INT(df->nerrors, DF_MAX_ERRORS + 1);
	CHECK_INT(df->errors[DF_MAX_ERRORS - 1].line, DF_MAX_ERRORS + 1);
	CHECK_STR(df->errors[DF_MAX_ERRORS].msg, "15 more unknown instructions");
	CHECK_INT(df->ninstr, 26);
	dockerfile_free(df);
	free(many.s);
	char *err = NULL;
	int line = 0;
	/* BOM, CRLF, UTF-8 text, no trailing newline */
	const char crlf[] = "\xef\xbb\xbf# escape=`\r\nFROM a\r\nRUN echo \xc3\xa9 `\r\n  b";
	df = dockerfile_parse("x", crlf, sizeof crlf - 1, &err, &line);
	CHECK(df != NULL);
	CHECK_INT(df->nerrors, 0);
	CHECK_INT(df->escape, '`');
	CHECK_INT(df->ninstr, 2);
	CHECK_STR(df->instr[1].args, "echo \xc3\xa9   b");
	dockerfile_free(df);
}

TEST(dockerfile_long_line_linear)
{
	size_t n = 20u << 20;
	char *text = xmalloc(n + 64);
	clock_t t0 = clock();
	memcpy(text, "FROM a\nRUN echo ", 16);
	for (size_t i = 16; i < n; i++)
		text[i] = i % 4 == 3 ? ' ' : (i % 1024 == 0 ? '|' : 'a');
	memcpy(text + n, " \\\n && x\nLABEL a=b\n", 19);
	struct dockerfile *df = parse_len(text, n + 19);
	CHECK_INT(df->ninstr, 3);
	CHECK_INT(df->instr[1].sh.ncmds, 10000);
	CHECK_INT(df->instr[1].end_line, 3);
	CHECK(df->instr[1].argc <= 10000);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
	dockerfile_free(df);
	free(text);
}

TEST(dockerfile_too_many_instructions)
{
	struct buf b = { 0 };
	char *err = NULL;
	int line = 0;
	for (int i = 0; i < 100001; i++)
		buf_adds(&b, "RUN a\n");
	CHECK(dockerfile_parse("x", b.s, b.len, &err, &line) == NULL);
	CHECK_STR(err, "too many instructions (over 100000)");
	CHECK_INT(line, 100001);
	free(err);
	free(b.s);
}
