#ifndef SCRM_GEN_LEDGER_H
#define SCRM_GEN_LEDGER_H
/*
 * What links a person's rows. Real systems link their records through
 * what the person gives each of them: a phone number, the e-mail address,
 * the ID number, the serial of an appliance, the account on a shopping
 * platform, the name at the flat. The ledger keeps, for the rows of one
 * person in the order they are made, which pieces of evidence each row
 * carries (as scrm-clean reads them back) and which rows are linked
 * through them, directly or through other rows. The person's main group
 * is the one of their first row that carried any evidence; a row that
 * would not join it is written again with some evidence it has (see
 * block.c), and a row that still cannot join it is an orphan.
 */
#include <stdint.h>

/* Pieces of evidence, as bits of a mask. */
enum evidence {
	EV_MOBILE,		/* the person's own mobile */
	EV_OLD_MOBILE,		/* their number before they changed it */
	EV_MOBILE2,		/* their second mobile */
	EV_HEAD_MOBILE,		/* the family's mobile: the first member's */
	EV_HEAD_OLD_MOBILE,	/* the first member's number before the change */
	EV_LANDLINE,		/* the household's landline */
	EV_EMAIL,
	EV_ID_CARD,
	EV_HOME_FLAT,		/* the name (its surname at least) at the flat */
	EV_PRIOR_FLAT,		/* ... at the flat of before the move */
	EV_OPENID,		/* the account on a platform: EV_OPENID + platform */
	EV_SERIAL = EV_OPENID + 3,	/* an appliance's serial: EV_SERIAL + its number */
	EV_COUNT = EV_SERIAL + 8
};

#define EV(e) (1u << (e))
#define EV_PHONES (EV(EV_MOBILE) | EV(EV_OLD_MOBILE) | EV(EV_MOBILE2) | EV(EV_HEAD_MOBILE) | \
		   EV(EV_HEAD_OLD_MOBILE) | EV(EV_LANDLINE))

/* Rows of a person the ledger follows; later ones count as linked (none has so many). */
#define LEDGER_ROWS 64

struct ledger {
	int n;			/* rows entered */
	int main;		/* the first row of the main group, -1 before any evidence */
	int8_t first[EV_COUNT];	/* the first row that carried each piece, -1 */
	uint8_t parent[LEDGER_ROWS];	/* union-find of the rows: a root is its group's first */
	uint32_t ev[LEDGER_ROWS];	/* of a root: the evidence its group carries */
};

void ledger_reset(struct ledger *l);
/* The evidence the rows of the main group carry. */
uint32_t ledger_main(const struct ledger *l);
/* Whether a row carrying ev would join the main group (or start it). */
int ledger_links(const struct ledger *l, uint32_t ev);
/* Enters the next row, which carries ev; returns its number. */
int ledger_add(struct ledger *l, uint32_t ev);
/* Whether row i (a number ledger_add gave) ended in the main group. */
int ledger_in_main(const struct ledger *l, int i);

#endif
