/* Credentials written into the Dockerfile (BW-D012): its instructions' text in one scan of the
 * secret classifier. Generic assignments (password=...) are left to BW-D011, which judges a
 * variable by its name. */
#include "rules/rule.h"
#include "secret/classify.h"
#include "util/util.h"
#include <stdlib.h>
#include <string.h>

/* Where a piece of text starts in the scanned text, and the Dockerfile line it starts on. */
struct piece { const char *text; size_t len, off; int line; };

struct scan {
	const struct rule *self;
	const struct dockerfile *df;
	struct findings *out;
	struct buf text;                /* every piece, each ending in a newline */
	struct piece *v; size_t n, cap;
};

static const struct piece *piece_at(const struct scan *s, uint64_t off)
{
	size_t lo = 0, hi = s->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (s->v[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &s->v[lo];
}

static void on_match(void *ctx, const struct secret_match *m)
{
	struct scan *s = ctx;
	if (secret_kind_conf(m->kind) != SECRET_MATCHED)
		return;
	const struct piece *p = piece_at(s, m->offset);
	int line = p->line;
	for (size_t i = p->off; i < m->offset; i++)
		line += s->text.s[i] == '\n';
	char *ev = secret_evidence(m);
	finding_add(s->out, s->self, (struct loc){ s->df->path, line }, ev, "%s in the Dockerfile",
	            m->kind->name);
	free(ev);
}

static void add(struct scan *s, const char *text, int line)
{
	size_t n = text ? strlen(text) : 0;
	if (!n)
		return;
	GROW(s->v, s->cap, s->n);
	s->v[s->n] = (struct piece){ text, n, s->n ? s->v[s->n - 1].off + s->v[s->n - 1].len + 1 : 0,
	                             line };
	s->n++;
}

static void scan_instr(struct scan *s, const struct df_instr *in)
{
	/* ONBUILD's args repeat its inner instruction's text: scan that once. */
	if (in->onbuild) {
		scan_instr(s, in->onbuild);
		return;
	}
	add(s, in->args, in->line);
	for (size_t h = 0; h < in->nheredocs; h++)
		add(s, in->heredocs[h].body, in->heredocs[h].line);
}

static void check_shapes(const struct rule *self, const struct dockerfile *df,
                         struct findings *out)
{
	struct scan s = { .self = self, .df = df, .out = out };
	for (size_t i = 0; i < df->ninstr; i++)
		scan_instr(&s, &df->instr[i]);
	if (!s.n)
		return;
	/* One text, each piece ending in a newline of its own so that no credential runs from one
	 * into the next: a scan has a cost of its own, and instructions are short. */
	const struct piece *last = &s.v[s.n - 1];
	buf_reserve(&s.text, last->off + last->len + 1);
	for (size_t i = 0; i < s.n; i++) {
		memcpy(s.text.s + s.v[i].off, s.v[i].text, s.v[i].len);
		s.text.s[s.v[i].off + s.v[i].len] = '\n';
	}
	s.text.len = last->off + last->len + 1;
	secret_classify_text(s.text.s, s.text.len, on_match, &s);
	free(s.text.s);
	free(s.v);
}

const struct rule rule_secret_shape = {
	.id = "BW-D012",
	.title = "Credential written into the Dockerfile",
	.severity = SEV_CRITICAL,
	.cis = "4.10",
	.rationale = "A real credential (cloud key, API token, private key, password in a URL) in the "
	             "Dockerfile is exposed to everyone with access to the repository, the build logs "
	             "or the image history.",
	.remediation = "Revoke and rotate the credential now, then supply it at build time with "
	               "RUN --mount=type=secret or at run time from a secret store.",
	.check_dockerfile = check_shapes,
};
