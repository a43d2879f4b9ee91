#include "util/version.h"

const char *const bulwark_version = BULWARK_VERSION;
