/* Version pins as each package manager writes them: true when the package operand p names a
 * version (or a file, path or URL that fixes one). */
#ifndef BW_PKG_PINS_H
#define BW_PKG_PINS_H
#include <stdbool.h>

bool apt_pinned(const char *p);
bool apk_pinned(const char *p);
bool rpm_pinned(const char *p);
bool zypper_pinned(const char *p);
bool module_pinned(const char *p);
bool npm_pinned(const char *p);
bool pip_pinned(const char *p);
bool gem_pinned(const char *p);
bool go_pinned(const char *p);
bool go_run_pinned(const char *p);

#endif
