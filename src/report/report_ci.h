/* Shared by the HTML, JUnit and GitLab writers: XML text, target labels and fingerprints. */
#ifndef BW_REPORT_CI_H
#define BW_REPORT_CI_H
#include <stdbool.h>
#include <stdint.h>
#include "model/finding.h"
#include "report/report_int.h"

/* s as XML or HTML character data: markup characters escaped, bytes that are not valid UTF-8
 * and characters XML 1.0 forbids (C0 controls but tab and newline, U+FFFE, U+FFFF) replaced by
 * U+FFFD. xml_attr also escapes tab, newline and CR, which attribute values would fold. */
void xml_text(struct out *o, const char *s);
void xml_attr(struct out *o, const char *s);

/* Findings of the same target: kind, name and id, and for files the path. */
bool ci_same_target(const struct finding *a, const struct finding *b);
/* "dockerfile app/Dockerfile", "compose service web (compose.yaml)", "container app"; malloc'd. */
char *ci_target_label(const struct finding *f);

/* 64-bit FNV-1a, continued from h (start with CI_FNV_SEED): the bytes of s (none for NULL) and
 * a NUL after them, so that ("ab", "c") and ("a", "bc") differ. */
#define CI_FNV_SEED 0xcbf29ce484222325u
uint64_t ci_fnv(uint64_t h, const char *s);
#endif
