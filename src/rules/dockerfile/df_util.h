/* Small helpers shared by the Dockerfile rules: stage chains, image references, users, paths.
 * Nothing here allocates; every function is NULL-safe on the model's optional fields. */
#ifndef BW_DF_UTIL_H
#define BW_DF_UTIL_H
#include <stdbool.h>
#include <stddef.h>
#include "model/dockerfile.h"
#include "model/loc.h"

/* An image reference split in place: "reg:5000/ns/app:1.2@sha256:ab" -> name "reg:5000/ns/app",
 * tag "1.2", digest "sha256:ab". Absent parts have len 0. */
struct df_imgref {
	const char *name, *tag, *digest;
	size_t name_len, tag_len, digest_len;
};
void df_imgref_split(const char *ref, struct df_imgref *out);

/* The stage's image after ARG substitution (falls back to the image as written). */
const char *df_stage_image(const struct df_stage *st);
/* True when the stage builds from a registry image we can reason about: not scratch, not an
 * earlier stage, and the resolved reference is non-empty and free of unresolved '$'. */
bool df_stage_external(const struct dockerfile *df, const struct df_stage *st);
/* Earlier stage (index < before) named name (case-insensitive), or NULL. */
const struct df_stage *df_stage_named(const struct dockerfile *df, const char *name, int before);

/* Instruction i of stage st (0 = its FROM), or NULL past the end. */
const struct df_instr *df_stage_instr(const struct dockerfile *df, const struct df_stage *st,
                                      size_t i);
/* Last instruction of kind that is in effect at instruction index `at` of stage `stage`: the last
 * one before `at` in the stage, else the last one anywhere in the stages it builds FROM
 * (from_stage chain). at = (size_t)-1 means the end of the stage. NULL if none. */
const struct df_instr *df_chain_last(const struct dockerfile *df, int stage, size_t at,
                                     enum df_kind kind);
/* True when stage s is the final stage or one the final stage builds FROM (its content ends up
 * in the image). */
bool df_in_final_chain(const struct dockerfile *df, int s);

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

/* Walks back through the instructions a build step inherits (its stage, then the stages it is
 * built FROM). At most BACK_MAX steps: every RUN may look back, so an unbounded walk is
 * quadratic on a hostile 100 000-line file; a setting further back than that (far past any
 * real Dockerfile) is not seen. */
#define BACK_MAX 512
struct back_iter { const struct dockerfile *df; int stage; size_t pos; size_t hops, steps; };
void back_init(struct back_iter *b, const struct dockerfile *df, size_t idx);   /* before instr idx */
/* Before position pos (an instruction index, or one past the stage's end) of stage. */
void back_init_at(struct back_iter *b, const struct dockerfile *df, int stage, size_t pos);
const struct df_instr *back_next(struct back_iter *b);

#endif
