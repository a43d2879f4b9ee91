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

static bool read_host(void *ctx, size_t host, struct findings *out)
{
	struct fleet_reader *r = ctx;
	struct fleet_finding_rows rows = { 0 };
	bool ok = store_read_host_findings(r->s, r->since, r->f->hosts[host].name, &rows, r->err,
	                                   sizeof r->err);
	for (size_t i = 0; ok && i < rows.n; i++)
		add_row(r, &rows.v[i], out);
	out->cur = (struct target){ 0 };
	fleet_finding_rows_free(&rows);
	if (ok)
		findings_sort(out);
	return ok;
}

void fleet_reader_init(struct fleet_reader *r, struct store *s, const char *since,
                       const struct fleet *f)
{
	*r = (struct fleet_reader){ .src = { r, read_host }, .s = s, .since = since, .f = f };
}

void fleet_reader_free(struct fleet_reader *r)
{
	for (size_t i = 0; i < r->nunknown; i++) {
		free((char *)r->unknown[i]->id);
		free(r->unknown[i]);
	}
	free(r->unknown);
	for (size_t i = 0; i < r->nseen; i++)
		free(r->seen[i].id);
	free(r->seen);
}
