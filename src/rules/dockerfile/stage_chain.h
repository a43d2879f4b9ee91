/* Build stages and what a build step inherits: the earlier instructions of its stage, then
 * those of the stages it is built FROM. Nothing here allocates; every function is NULL-safe on
 * the model's optional fields. */
#ifndef BW_STAGE_CHAIN_H
#define BW_STAGE_CHAIN_H
#include <stdbool.h>
#include <stddef.h>
#include "model/dockerfile.h"

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

/* Latest ENV value of key in effect before df->instr[idx], or NULL. */
const char *run_env(const struct dockerfile *df, size_t idx, const char *key);
/* The stage ends up in the image: it is the final stage or one the final stage builds FROM.
 * Layer-size rules skip builder stages whose layers are thrown away. */
bool stage_shipped(const struct dockerfile *df, int stage);
/* Said in the rationale of each rule that skips such stages, where hadolint does not. */
#define UNSHIPPED_NOTE " Unlike hadolint, a stage nothing ships is not checked: its layers are " \
	"thrown away, and its ONBUILD triggers never run in a stage that ships."

#endif
