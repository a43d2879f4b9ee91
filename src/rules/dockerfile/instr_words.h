/* What an instruction's words say: its keyword and first word, COPY/ADD sources and
 * destination, users, absolute paths, variable references; and where its findings go. */
#ifndef BW_INSTR_WORDS_H
#define BW_INSTR_WORDS_H
#include <stdbool.h>
#include <stddef.h>
#include "model/dockerfile.h"
#include "model/loc.h"

/* The first word of an instruction (argv[0], else args), never NULL. */
const char *df_arg0(const struct df_instr *in);
/* USER value (or --chown value) names root: the user part before ':' is "root" or "0". */
bool df_user_is_root(const char *user);
/* Absolute path: /x, $VAR..., \x or a Windows drive C:\ / C:/. */
bool df_path_absolute(const char *p);
/* A value that is only a variable reference: $VAR or ${...}. */
bool df_is_var_ref(const char *s);

/* COPY/ADD: sources are argv[0 .. argc-2], destination argv[argc-1]. */
size_t df_copy_nsrc(const struct df_instr *in);
const char *df_copy_dest(const struct df_instr *in);   /* NULL when there are < 2 words */

/* The keyword as written ("COPY"), never NULL. */
static inline const char *df_kw(const struct df_instr *in)
{
	return in->keyword ? in->keyword : df_kind_name(in->kind);
}

/* Where a finding for the instruction goes. */
static inline struct loc df_loc(const struct dockerfile *df, const struct df_instr *in)
{
	return (struct loc){ df->path, in ? in->line : 0 };
}

#endif
