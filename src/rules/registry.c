/* Lookup and dispatch over the generated rule table (build/gen/rules_gen.c). */
#include "rules/rule.h"
#include "util/util.h"

bool rule_matches(const struct rule *r, const char *id)
{
	if (str_ieq(r->id, id))
		return true;
	for (const char *const *a = r->aliases; a && *a; a++)
		if (str_ieq(*a, id))
			return true;
	return false;
}

const struct rule *rule_find(const char *id)
{
	for (size_t i = 0; i < rules_count; i++)
		if (str_ieq(rules_all[i]->id, id))
			return rules_all[i];
	for (size_t i = 0; i < rules_count; i++)
		if (rule_matches(rules_all[i], id))
			return rules_all[i];
	return NULL;
}

void rules_run_dockerfile(const struct dockerfile *df, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_dockerfile)
			rules_all[i]->check_dockerfile(rules_all[i], df, out);
}

void rules_run_cspec(const struct cspec *c, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_cspec)
			rules_all[i]->check_cspec(rules_all[i], c, out);
}

void rules_run_host(const struct host *h, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_host)
			rules_all[i]->check_host(rules_all[i], h, out);
}

void rules_run_daemon(const struct daemon *d, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_daemon)
			rules_all[i]->check_daemon(rules_all[i], d, out);
}

void rules_run_image(const struct image_cfg *im, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_image)
			rules_all[i]->check_image(rules_all[i], im, out);
}

void rules_run_file(const struct file_scan *fs, struct findings *out)
{
	for (size_t i = 0; i < rules_count; i++)
		if (rules_all[i]->check_file)
			rules_all[i]->check_file(rules_all[i], fs, out);
}

const char *rule_target(const struct rule *r)
{
	return r->check_dockerfile ? "dockerfile" : r->check_cspec ? "container"
	     : r->check_host ? "host" : r->check_daemon ? "daemon" : r->check_image ? "image"
	     : "file";
}
