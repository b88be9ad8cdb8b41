#include "cn_names.h"

#include <string.h>

#include "unicode.h"
#include "banned.h"

size_t cn_surname_len(const char *name, size_t n)
{
	int32_t c1, c2, c3;
	size_t l1, l2, l3;
	if (n == 0)
		return 0;
	l1 = utf8_decode(name, n, &c1);
	if (!l1 || !u_is_han(c1)) {
		/* not a Han name: its first word */
		size_t w = 0;
		while (w < n && name[w] != ' ')
			w++;
		return w;
	}
	l2 = utf8_decode(name + l1, n - l1, &c2);
	l3 = l2 ? utf8_decode(name + l1 + l2, n - l1 - l2, &c3) : 0;
	/* 欧阳娜娜: a compound surname needs a given name after it */
	if (l2 && l3 && u_is_han(c2) && (cn_surname_class(name, l1 + l2) & CN_SURNAME_COMPOUND))
		return l1 + l2;
	return l1;
}
