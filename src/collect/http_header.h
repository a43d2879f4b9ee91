/* One HTTP response header line as libcurl hands it to a header callback. Pure. */
#ifndef BW_COLLECT_HTTP_HEADER_H
#define BW_COLLECT_HTTP_HEADER_H
#include <stdbool.h>
#include <stddef.h>

/* When line (n bytes, not NUL-terminated) is "name: value" (name in any case), *v and *vlen are
 * the value without the blanks around it and the line's end. */
bool http_header(const char *line, size_t n, const char *name, const char **v, size_t *vlen);
#endif
