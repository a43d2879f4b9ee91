/* Shared by the registry client's files. */
#ifndef BW_COLLECT_REGISTRY_INT_H
#define BW_COLLECT_REGISTRY_INT_H
#include "collect/registry.h"
#include "collect/curl_api.h"

struct reg_client {
	CURL *h;                     /* the small requests' handle */
	char *host, *name, *base;    /* "127.0.0.1:5000", "app", "https://127.0.0.1:5000" */
	bool plain;
	double timeout;
	char *ca, *cert, *key;       /* NULL: the system's trust, no client certificate */
	char *user, *secret;         /* basic credentials, or NULL */
	struct curl_slist *auth;     /* "Authorization: Bearer ..." once a token is had */
};

/* TLS trust, credentials and limits on a handle of c. */
void reg_handle_setup(const struct reg_client *c, CURL *h);
#endif
