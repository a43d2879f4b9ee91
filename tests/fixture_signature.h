#ifndef BW_FIXTURE_SIGNATURE_H
#define BW_FIXTURE_SIGNATURE_H
#include "model/finding.h"
/* A BW-T* case's signature.json, an image's signatures as the registry would hand them out:
 *   {"ref": "REG/NAME:TAG", "digest": "sha256:…", "fetch": "fetched" | "missing" |
 *    "unreachable", "error": "…", "keys": ["key.pub", …], "identity": "REG/NAME",
 *    "signatures": [{"payload": "payload.json", "signature": "BASE64"}]}
 * keys and payloads are files beside it (a payload is read as the exact bytes signed); then
 * the signature rules run. */
void fixture_signature_run(const char *dir, struct findings *out);
#endif
