/* Language packages (placeholder: none yet). */
#include "collect/pkg_source.h"

const struct pkg_source pkg_sources_lang[] = { { 0 } };
