/* The Dockerfile model: what the parser produces and the Dockerfile rules read. */
#ifndef BW_DOCKERFILE_H
#define BW_DOCKERFILE_H
#include <stdbool.h>
#include <stddef.h>
#include "model/shell.h"
#include "util/arena.h"

enum df_kind {
	DF_UNKNOWN, DF_FROM, DF_RUN, DF_CMD, DF_LABEL, DF_MAINTAINER, DF_EXPOSE, DF_ENV, DF_ADD,
	DF_COPY, DF_ENTRYPOINT, DF_VOLUME, DF_USER, DF_WORKDIR, DF_ARG, DF_ONBUILD, DF_STOPSIGNAL,
	DF_HEALTHCHECK, DF_SHELL,
};

/* --name=value flag before the arguments (--from, --mount, --chown, --chmod, --link, --platform,
 * --interval ...). value is NULL for a bare --link. */
struct df_flag { char *name; char *value; };

/* KEY=value pair of ENV, ARG and LABEL (also the legacy "ENV KEY value" form). For ARG without a
 * default, value is NULL. */
struct df_kv { char *key; char *value; };

/* RUN <<EOF ... EOF, COPY <<EOF. body excludes the terminator line. */
struct df_heredoc { char *marker; char *body; int line; };

struct df_instr {
	enum df_kind kind;
	char *keyword;            /* as written, upper-cased: "RUN" */
	int line;                 /* 1-based line of the keyword */
	int end_line;             /* last physical line, continuations included */
	char *args;               /* text after keyword and flags, continuations joined as BuildKit
	                             joins them (escape and newline removed, nothing inserted),
	                             heredoc bodies excluded; never NULL */
	bool json;                /* exec (JSON array) form */
	char **argv;              /* JSON form: the elements; otherwise words split as a shell
	                             would (quotes removed), for FROM/COPY/ADD/EXPOSE/USER...;
	                             none for a shell-form RUN: its words are in sh */
	size_t argc;
	struct df_flag *flags; size_t nflags;
	struct df_kv *kvs; size_t nkvs;           /* ENV, ARG, LABEL */
	struct df_heredoc *heredocs; size_t nheredocs;
	/* RUN (shell form, heredoc bodies included) split into simple commands; also CMD,
	 * ENTRYPOINT, HEALTHCHECK CMD shell forms. Empty for JSON form unless argv[0] is a shell
	 * ("sh -c '...'" is split from its script). */
	struct sh_script sh;
	struct df_instr *onbuild; /* ONBUILD's inner instruction, or NULL */
	int stage;                /* index into dockerfile.stages; -1 before the first FROM */
};

struct df_stage {
	int index;
	int line;                 /* line of FROM */
	size_t first, count;      /* instruction index range of FROM and what follows it */
	char *image;              /* FROM argument as written, e.g. "${BASE}:1.2" */
	char *image_resolved;     /* after ARG substitution (meta ARGs before the first FROM) */
	char *name;               /* AS name, lower-cased, or NULL */
	char *platform;           /* --platform value or NULL */
	int from_stage;           /* index of an earlier stage this builds FROM, or -1 */
	int root;                 /* the stage at the start of the from_stage chain (itself if none):
	                             the one whose image comes from a registry */
	bool shipped;             /* in the final image: the final stage or one it builds FROM */
	bool scratch;             /* FROM scratch */
};

/* What docker build refuses in a file the parser still read: an unknown instruction, one other
 * than ARG before the first FROM, no FROM, no instruction at all. line 0: the whole file. */
struct df_error { int line; char *msg; };
#define DF_MAX_ERRORS 10             /* listed per file; one more line says there are more */

#define DF_RUNS_WORDS 16             /* 1024 bits: see df_may_run */
/* A command name's bit in dockerfile.runs: its first three bytes hashed (FNV-1a). */
static inline unsigned df_cmd_key(const char *name)
{
	unsigned h = 2166136261u;
	for (int i = 0; i < 3 && name[i]; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h % (64 * DF_RUNS_WORDS);
}
struct dockerfile {
	char *path;
	char escape;              /* '\\' or '`' from the escape directive */
	struct df_instr *instr; size_t ninstr;
	struct df_error *errors; size_t nerrors;     /* at most DF_MAX_ERRORS + 2 */
	struct df_stage *stages; size_t nstages;
	struct df_kv *meta_args; size_t nmeta_args;  /* ARGs before the first FROM */
	/* Not from the file: the registries its images may come from, as the pipeline sets them
	 * from the config (NULL-terminated patterns, docs/config.md), or NULL when none are set. */
	const char *const *trusted_registries;
	size_t *names; size_t names_cap;             /* private: stage name hash, index + 1 */
	unsigned long long runs[DF_RUNS_WORDS];      /* private: filter of command names, see
	                                                df_may_run */
	struct arena arena;       /* private: instructions' keyword, args, argv, flag strings, sh
	                             (commands and their words) and ONBUILD trigger, freed at once
	                             by dockerfile_free */
};

/* Parse text (need not be NUL-terminated), which input reading has checked: no NUL byte, valid
 * UTF-8. Never fails on Dockerfile syntax it does not know: unknown instructions become
 * DF_UNKNOWN, and what docker build would refuse is listed in errors. Returns NULL only for
 * input beyond the parser's bounds (over 100 000 instructions); then *err (malloc'd) says why
 * and *err_line where. */
struct dockerfile *dockerfile_parse(const char *path, const char *text, size_t len,
                                    char **err, int *err_line);
void dockerfile_free(struct dockerfile *df);

/* Helpers for rules. */
const struct df_flag *df_flag(const struct df_instr *in, const char *name); /* NULL if absent */
const struct df_stage *df_final_stage(const struct dockerfile *df);         /* NULL if none */
/* False when no command of the file (any instruction, after wrappers such as sudo or env)
 * starts with the first three characters of name: "pip" covers pip3, "apt" covers apt-get.
 * True may be a false alarm. Lets a rule skip a file that cannot concern it. */
static inline bool df_may_run(const struct dockerfile *df, const char *name)
{
	unsigned k = df_cmd_key(name);   /* inline: rules ask it per file, some per command */
	return df->runs[k / 64] >> (k % 64) & 1;
}
/* The first stage named name (case-insensitive), or NULL; constant time. */
const struct df_stage *df_stage_by_name(const struct dockerfile *df, const char *name);
const char *df_kind_name(enum df_kind k);
/* Expand ${VAR}, $VAR, ${VAR:-def}, ${VAR:+alt} using kvs; unknown vars expand to "". */
char *df_expand(const char *s, const struct df_kv *kvs, size_t n);

#endif
