/* Rules over plain files (target kind TK_FILE). */
#ifndef BW_FILE_RULES_H
#define BW_FILE_RULES_H
#include "rules/rule.h"
#include "model/file_scan.h"

extern const struct rule rule_k_secret_in_file;
void file_secrets_check(const struct rule *self, const struct file_scan *fs, struct findings *out);
#endif
