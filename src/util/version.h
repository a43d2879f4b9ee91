/* bulwark's own version: the report, the engine's User-Agent and the layer cache's key use it. */
#ifndef BW_VERSION_H
#define BW_VERSION_H
#define BULWARK_VERSION "0.1.0"
extern const char *const bulwark_version;
#endif
