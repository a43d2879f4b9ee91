/* OS package databases and /etc/os-release (placeholder: none yet). */
#include "collect/pkg_source.h"

const struct pkg_source pkg_sources_os[] = { { 0 } };
