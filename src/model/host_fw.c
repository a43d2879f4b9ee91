#include "model/host_fw.h"
#include <stdlib.h>

void host_fw_free(struct host_fw *x)
{
	for (size_t i = 0; i < x->nchains; i++) {
		free(x->chains[i].table);
		free(x->chains[i].name);
		free((char *)x->chains[i].loc.path);
	}
	for (size_t i = 0; i < x->nports; i++) {
		free(x->ports[i].proto);
		free(x->ports[i].host_addr);
		free(x->ports[i].to);
		free((char *)x->ports[i].loc.path);
	}
	for (size_t i = 0; i < x->nuser; i++) {
		free(x->user[i].proto);
		free(x->user[i].dports);
		free(x->user[i].orig_dports);
		free(x->user[i].dst);
		free((char *)x->user[i].loc.path);
	}
	free(x->chains);
	free(x->ports);
	free(x->user);
	free((char *)x->ufw_loc.path);
}

const char *fw_family_name(enum fw_family f)
{
	return f == FWF_IP ? "ip" : f == FWF_IP6 ? "ip6" : "inet";
}

const char *fw_hook_name(enum fw_hook h)
{
	return h == FWH_INPUT ? "input" : "forward";
}
