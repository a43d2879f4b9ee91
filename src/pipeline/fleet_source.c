/* A host's stored finding rows made into a findings list the reporters take: each rule looked
 * up by id; a rule this binary does not know (a newer or older bulwark recorded it) becomes a
 * stand-in with the stored id and severity, so its findings are still shown. */
#include "pipeline/fleet_source.h"
#include "collect/store_findings.h"
#include "pipeline/sort.h"
#include "rules/rule.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

static const struct rule *stand_in(struct fleet_reader *r, const char *id, enum severity sev)
{
	for (size_t i = 0; i < r->nunknown; i++)
		if (!strcmp(r->unknown[i]->id, id))
			return r->unknown[i];
	struct rule *x = xcalloc(1, sizeof *x);
	*x = (struct rule){ .id = xstrdup(id), .title = "a rule this bulwark does not know",
		.severity = sev, .remediation = "see the rules of the bulwark that recorded the run" };
	GROW(r->unknown, r->cap_unknown, r->nunknown);
	return r->unknown[r->nunknown++] = x;
}

static const struct rule *rule_of(struct fleet_reader *r, const char *id, enum severity sev)
{
	for (size_t i = r->nseen; i > 0; i--)   /* the latest first: rows of a rule come together */
		if (!strcmp(r->seen[i - 1].id, id))
			return r->seen[i - 1].rule;
	const struct rule *rule = rule_find(id);
	if (!rule || !str_eq(rule->id, id))   /* an alias is not the stored rule */
		rule = stand_in(r, id, sev);
	GROW(r->seen, r->cap_seen, r->nseen);
	r->seen[r->nseen++] = (struct fleet_rule_seen){ xstrdup(id), rule };
	return rule;
}

static enum target_kind kind_of(const char *name)
{
	for (int k = TK_DOCKERFILE; k <= TK_FILE; k++)
		if (str_eq(target_kind_name((enum target_kind)k), name))
			return (enum target_kind)k;
	return TK_FILE;
}

static void add_row(struct fleet_reader *r, const struct fleet_finding_row *x,
                    struct findings *out)
{
	int sev = severity_parse(x->severity);
	const struct rule *rule = rule_of(r, x->rule, sev < 0 ? SEV_INFO : (enum severity)sev);
	out->cur = (struct target){ kind_of(x->target_kind), x->target_name, x->target_id, NULL };
	finding_add(out, rule, (struct loc){ x->path, x->line }, x->evidence, "%s",
	            x->message ? x->message : "");
	struct finding *f = &out->v[out->n - 1];
	f->severity = sev < 0 ? rule->severity : (enum severity)sev;
	f->fingerprint = xstrdup(x->fingerprint);
}

static void batch_free(struct fleet_reader *r)
{
	for (size_t i = 0; i < r->n; i++)
		fleet_finding_rows_free(&r->rows[i]);
	r->n = 0;
}

/* The batch that starts at host: the report asks for hosts in order. */
static bool batch_load(struct fleet_reader *r, size_t host)
{
	batch_free(r);
	const char *names[STORE_FINDINGS_BATCH];
	size_t n = 0;
	for (; n < STORE_FINDINGS_BATCH && host + n < r->f->nhosts; n++)
		names[n] = r->f->hosts[host + n].name;
	if (!store_read_hosts_findings(r->s, r->since, names, n, r->rows, r->err, sizeof r->err)) {
		for (size_t i = 0; i < n; i++)
			fleet_finding_rows_free(&r->rows[i]);
		return false;
	}
	r->first = host, r->n = n;
	return true;
}

static bool read_host(void *ctx, size_t host, struct findings *out)
{
	struct fleet_reader *r = ctx;
	if ((host < r->first || host >= r->first + r->n) && !batch_load(r, host))
		return false;
	const struct fleet_finding_rows *rows = &r->rows[host - r->first];
	for (size_t i = 0; i < rows->n; i++)
		add_row(r, &rows->v[i], out);
	out->cur = (struct target){ 0 };
	findings_sort(out);
	return true;
}

void fleet_reader_init(struct fleet_reader *r, struct store *s, const char *since,
                       const struct fleet *f)
{
	*r = (struct fleet_reader){ .src = { r, read_host }, .s = s, .since = since, .f = f };
}

void fleet_reader_free(struct fleet_reader *r)
{
	batch_free(r);
	for (size_t i = 0; i < r->nunknown; i++) {
		free((char *)r->unknown[i]->id);
		free(r->unknown[i]);
	}
	free(r->unknown);
	for (size_t i = 0; i < r->nseen; i++)
		free(r->seen[i].id);
	free(r->seen);
}
