#include "ledger.h"

#include <string.h>

#include "banned.h"

/* A person has a few dozen rows at most: no need for path compression. */
static int root(const struct ledger *l, int i)
{
	while (l->parent[i] != i)
		i = l->parent[i];
	return i;
}

/* The earlier root wins, so a group's root is its first row and the main group keeps l->main. */
static void join(struct ledger *l, int a, int b)
{
	int ra = root(l, a), rb = root(l, b);
	if (ra == rb)
		return;
	if (ra > rb) {
		int t = ra;
		ra = rb;
		rb = t;
	}
	l->parent[rb] = (uint8_t)ra;
	l->ev[ra] |= l->ev[rb];
}

void ledger_reset(struct ledger *l)
{
	l->n = 0;
	l->main = -1;
	memset(l->first, -1, sizeof(l->first));
}

uint32_t ledger_main(const struct ledger *l)
{
	return l->main < 0 ? 0 : l->ev[l->main];
}

int ledger_links(const struct ledger *l, uint32_t ev)
{
	if (l->main < 0 || l->n >= LEDGER_ROWS)
		return 1;
	return (ev & ledger_main(l)) != 0;
}

int ledger_add(struct ledger *l, uint32_t ev)
{
	int i = l->n++;
	if (i >= LEDGER_ROWS)
		return i;
	l->parent[i] = (uint8_t)i;
	l->ev[i] = ev;
	for (int e = 0; e < EV_COUNT; e++) {
		if (!(ev & EV(e)))
			continue;
		if (l->first[e] < 0)
			l->first[e] = (int8_t)i;
		else
			join(l, i, l->first[e]);
	}
	/* rows before the first with evidence are orphans whatever comes next */
	if (l->main < 0 && ev)
		l->main = i;
	return i;
}

int ledger_in_main(const struct ledger *l, int i)
{
	if (i >= LEDGER_ROWS)
		return 1;
	return l->main >= 0 && root(l, i) == l->main;
}
