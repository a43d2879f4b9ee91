#include "collect/host_fw_nftlex.h"
#include <string.h>

void nft_lex_init(struct nft_lex *lx, const char *text)
{
	memset(lx, 0, sizeof *lx);
	lx->p = text;
	lx->line = 1;
}

void nft_lex_back(struct nft_lex *lx, enum nft_tok t)
{
	lx->back = t;
	lx->has_back = true;
}

static bool special(char c)
{
	return c == '{' || c == '}' || c == ';' || c == '\n' || c == '#' || c == '"' || c == ' ' ||
	       c == '\t' || c == '\r' || c == '\0';
}

static void word(struct nft_lex *lx)
{
	size_t n = 0;
	const char *p = lx->p;
	if (*p == '"') {
		for (p++; *p && *p != '"' && *p != '\n'; p++)
			if (n + 1 < sizeof lx->word)
				lx->word[n++] = *p;
		if (*p == '"')
			p++;
	} else {
		for (; !special(*p) && !(*p == '\\' && p[1] == '\n'); p++)
			if (n + 1 < sizeof lx->word)
				lx->word[n++] = *p;
	}
	lx->word[n] = '\0';
	lx->p = p;
}

enum nft_tok nft_lex_next(struct nft_lex *lx)
{
	if (lx->has_back) {
		lx->has_back = false;
		return lx->back;
	}
	for (;;) {
		char c = *lx->p;
		if (c == ' ' || c == '\t' || c == '\r') {
			lx->p++;
		} else if (c == '\\' && lx->p[1] == '\n') {
			lx->p += 2;
			lx->line++;
		} else if (c == '#') {
			lx->p += strcspn(lx->p, "\n");
		} else {
			break;
		}
	}
	char c = *lx->p;
	if (!c)
		return NT_EOF;
	if (c != '"' && special(c)) {
		lx->p++;
		if (c == '\n')
			lx->line++;
		return c == '{' ? NT_OPEN : c == '}' ? NT_CLOSE : NT_END;
	}
	word(lx);
	return NT_WORD;
}
