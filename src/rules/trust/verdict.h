/* An image's verdict from its signatures and the trusted keys: pure, over the model. */
#ifndef BW_RULES_TRUST_VERDICT_H
#define BW_RULES_TRUST_VERDICT_H
#include "model/signature.h"

#define SIG_PAYLOAD_TYPE "cosign container image signature"

/* The verdict; *why (malloc'd) says what decided it: by which key a signature verified
 * ("NAME (sha256:...)"), or what was wrong. */
enum sig_verdict sig_judge(const struct sig_image *im, char **why);
#endif
