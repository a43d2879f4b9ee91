#include "model/host_net.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

void host_proc_free(struct host_proc *p)
{
	free(p->comm);
	free(p->exe);
	free(p->unit);
	free(p->container);
	free(p->proxy.host_ip);
	free(p->proxy.container_ip);
	free(p->proxy.proto);
}

void host_net_free(struct host_net *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->v[i].addr);
		host_proc_free(&x->v[i].proc);
	}
	free(x->v);
	for (size_t i = 0; i < x->nifaces; i++) {
		free(x->ifaces[i].name);
		free(x->ifaces[i].path);
	}
	free(x->ifaces);
	memset(x, 0, sizeof *x);
}

char *host_listener_endpoint(const struct host_listener *l)
{
	if (strchr(l->addr, ':'))
		return xasprintf("[%s]:%u", l->addr, l->port);
	return xasprintf("%s:%u", l->addr, l->port);
}
