/* The estate as the engine and the host's files show it: the daemon and host models, then the
 * containers and images to audit, handed out in batches so memory stays bounded for any number.
 * Every Engine-API path and field name of the audit lives here. */
#ifndef BW_ESTATE_H
#define BW_ESTATE_H
#include <stdbool.h>
#include <stddef.h>
#include "model/cspec.h"
#include "model/daemon.h"
#include "model/finding.h"
#include "model/host.h"
#include "model/image.h"

/* The parts of the estate an audit covers (--only); 0 in audit_opts.only is all of them. */
enum { AUDIT_HOST = 1, AUDIT_DAEMON = 2, AUDIT_CONTAINERS = 4, AUDIT_IMAGES = 8 };

struct audit_opts {
	const char *host, *context;     /* --host, --context; NULL: as the docker CLI resolves */
	const char *replay;             /* a recorded engine directory instead of a live one */
	const char *root;               /* host files are read under this directory; NULL: "/",
	                                   or replay/root with a replay */
	const char *daemon_json;        /* --daemon-json */
	char **containers; size_t ncontainers;   /* --container NAME|ID: only these */
	char **images; size_t nimages;           /* --image REF: only these */
	double timeout;                 /* seconds per engine request; 0: default */
	int parallel;                   /* engine requests in flight; 0: default */
	bool no_engine;                 /* host files only (fixtures of host rules, --only host) */
	unsigned only;                  /* AUDIT_* bits; 0: everything */
	const char *stat_overrides;     /* fixtures: owners and modes git cannot keep */
	bool images_full;               /* --images: every layer of every image, not only configs */
	const char *cache;              /* the layer cache for images_full; NULL: none */
	const char *registry_ca;        /* --ca: trust for docker:// references; NULL: certs.d, system */
	bool insecure;                  /* --insecure: plain HTTP to a loopback registry */
};

struct estate {
	struct daemon d;
	struct host h;
	struct cs_engine ce;        /* the daemon-wide facts every container spec points at */
	const char *name;           /* the endpoint, naming the engine in messages and targets */
	const char *engine_id;      /* /info's ID; NULL when unknown */
	size_t total;               /* containers and images listed, for progress */
	bool host_read;             /* the host's files were read (not for a recording without
	                               its root/ directory): h holds them */
};

/* Connects (or opens the recording), lists what to audit and collects the daemon and the host.
 * An engine that cannot be reached is one error in out; the host and daemon files are still read.
 * Never NULL. */
struct estate *estate_open(const struct audit_opts *o, struct findings *out);
/* The next batch of at most max containers as container specs (NULL where one could not be
 * read); 0 when there are no more or the engine failed. */
size_t estate_next_containers(struct estate *es, struct cspec **batch, size_t max);
/* The same for image configs. */
size_t estate_next_images(struct estate *es, struct image_cfg **batch, size_t max);
/* Every image to audit, by id or by the reference asked for; the array is the estate's. */
size_t estate_image_refs(struct estate *es, char ***refs);
/* Whether the engine still answers (it may fail mid-run). */
bool estate_live(const struct estate *es);
void estate_close(struct estate *es);
#endif
