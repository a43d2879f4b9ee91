/* The hand-written credential scan (secret_scan.c) and the headers its rules were written
 * against; both move to src/secret/, and this header goes with them. */
#ifndef BW_DF_UTIL_H
#define BW_DF_UTIL_H
#include "rules/dockerfile/image_ref.h"
#include "rules/dockerfile/instr_words.h"
#include "rules/dockerfile/stage_chain.h"

/* Find credential shapes in text (secret_scan.c): AWS key ids, GitHub/GitLab/Slack/Stripe/Google
 * tokens, private key headers, passwords inside URLs. cb gets a description ("AWS access key
 * id"), redacted evidence and the line (line plus the newlines before the match). */
typedef void (*df_secret_cb)(void *arg, const char *what, const char *evidence, int line);
void df_secret_scan(const char *text, int line, df_secret_cb cb, void *arg);

#endif
