/* SBOM writing shared by both formats: output order, identifiers, time and the layout. */
#include "report/sbom_int.h"
#include "util/crypto_api.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

int sbom_format_parse(const char *s)
{
	return str_eq(s, "cyclonedx") ? SBOM_CYCLONEDX : str_eq(s, "spdx") ? SBOM_SPDX : -1;
}

int sbom_write(FILE *fp, enum sbom_format f, const struct sbom_subject *s,
               const struct pkg_inv *inv)
{
	return f == SBOM_SPDX ? sbom_write_spdx(fp, s, inv) : sbom_write_cdx(fp, s, inv);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int by_ref(const void *x, const void *y)
{
	const struct sbom_item *a = x, *b = y;
	int c = strcmp(a->ref, b->ref);
	if (!c)
		c = cmp_str(a->p->path, b->p->path);
	if (!c)
		c = (a->p->layer > b->p->layer) - (a->p->layer < b->p->layer);
	if (!c)   /* a total order: identical entries keep their inventory order */
		c = (a->p > b->p) - (a->p < b->p);
	return c;
}

struct sbom_item *sbom_items(const struct pkg_inv *inv, size_t *n)
{
	struct sbom_item *v = xcalloc(inv->npkgs ? inv->npkgs : 1, sizeof *v);
	for (size_t i = 0; i < inv->npkgs; i++) {
		const struct pkg *p = &inv->pkgs[i];
		v[i].p = p;
		v[i].ref = p->purl && *p->purl ? xstrdup(p->purl)
		         : xasprintf("bulwark:%s/%s@%s", pkg_kind_name(p->kind), p->name, p->version);
	}
	qsort(v, inv->npkgs, sizeof *v, by_ref);
	for (size_t i = 1, first = 0; i < inv->npkgs; i++) {
		if (strcmp(v[i].ref, v[first].ref)) {
			first = i;
			continue;
		}
		char *r = xasprintf("%s#%zu", v[i].ref, i - first + 1);
		free(v[i].ref);
		v[i].ref = r;
	}
	*n = inv->npkgs;
	return v;
}

void sbom_items_free(struct sbom_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].ref);
	free(v);
}

static void uuid_format(unsigned char b[16], unsigned version, char out[37])
{
	b[6] = (unsigned char)((b[6] & 0x0f) | version << 4);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	char *w = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*w++ = '-';
		w += sprintf(w, "%02x", b[i]);
	}
}

/* RFC 4122 version 5 in the URL namespace, over "bulwark-sbom:FORMAT:NAME:ID:TIME". */
void sbom_uuid(const struct sbom_subject *s, const char *format, char out[37])
{
	unsigned char b[EVP_MAX_MD_SIZE];
	if (s->nonce) {
		memcpy(b, s->nonce, 16);
		uuid_format(b, 4, out);
		return;
	}
	static const unsigned char ns[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
		0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
	char *name = xasprintf("bulwark-sbom:%s:%s:%s:%lld", format, s->name ? s->name : "",
	                       s->id ? s->id : "", s->created);
	unsigned n = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || !EVP_DigestInit_ex(c, EVP_sha1(), NULL) || !EVP_DigestUpdate(c, ns, sizeof ns) ||
	    !EVP_DigestUpdate(c, name, strlen(name)) || !EVP_DigestFinal_ex(c, b, &n))
		abort();
	EVP_MD_CTX_free(c);
	free(name);
	uuid_format(b, 5, out);
}

void sbom_time(long long t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || !strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(out, "1970-01-01T00:00:00Z");
}

json_t *sbom_str(const char *s)
{
	if (!s)
		return NULL;
	json_t *j = json_string(s);
	if (!j) {
		size_t n;
		char *m = utf8_mend(s, strlen(s), &n);
		j = json_stringn(m, n);
		free(m);
	}
	return j ? j : json_string("");
}

const char *sbom_layer(const struct sbom_subject *s, const struct pkg *p)
{
	return s->layers && p->layer < s->nlayers ? s->layers[p->layer].diff_id : NULL;
}

void sbom_open(FILE *fp, json_t *head)
{
	char *h = json_dumps(head, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	size_t len = h ? strlen(h) : 0;
	while (len && h[len - 1] != '}')   /* drop the closing brace: the arrays follow */
		len--;
	if (len)
		len--;
	while (len && (h[len - 1] == '\n' || h[len - 1] == ' '))
		len--;
	fwrite(h, 1, len, fp);
	free(h);
}

void sbom_array(FILE *fp, const char *key)
{
	fprintf(fp, ",\n  \"%s\": [", key);
}

void sbom_elem(FILE *fp, json_t *e, size_t i)
{
	char *s = json_dumps(e, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fprintf(fp, "%s\n    %s", i ? "," : "", s ? s : "null");
	free(s);
	json_decref(e);
}

void sbom_array_end(FILE *fp, size_t n)
{
	fputs(n ? "\n  ]" : "]", fp);
}

int sbom_close(FILE *fp)
{
	fputs("\n}\n", fp);
	return fflush(fp) || ferror(fp) ? -1 : 0;
}
