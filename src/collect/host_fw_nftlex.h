/* Words of nft's configuration syntax: words and quoted strings, braces, ';' and line ends;
 * '#' comments and backslash-continued lines dropped. */
#ifndef BW_HOST_FW_NFTLEX_H
#define BW_HOST_FW_NFTLEX_H
#include <stdbool.h>

enum nft_tok { NT_EOF, NT_WORD, NT_END, NT_OPEN, NT_CLOSE };   /* NT_END: ';' or a line end */

struct nft_lex {
	const char *p;
	int line;                  /* of the token last read */
	enum nft_tok back;         /* a token pushed back, NT_EOF when none */
	bool has_back;
	char word[512];            /* the last NT_WORD, truncated, quotes removed */
};

void nft_lex_init(struct nft_lex *lx, const char *text);
enum nft_tok nft_lex_next(struct nft_lex *lx);
void nft_lex_back(struct nft_lex *lx, enum nft_tok t);    /* the word stays in lx->word */

#endif
