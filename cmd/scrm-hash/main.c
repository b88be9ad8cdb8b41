/*
 * scrm-hash: privacy-safe identifiers for partners. Hashed customer
 * lists by a platform's own rules (--spec), keyed hashes (--algo
 * hmac-sha256), masked staff lists (--mask), the blinding steps of a
 * private set intersection (--psi-blind, --psi-reblind) and CLK Bloom
 * filters for fuzzy matching (--clk). Only what is asked leaves: the
 * identifiers, the record id and fields explicitly kept.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cn_names.h"
#include "error.h"
#include "hash.h"
#include "options.h"
#include "reader.h"
#include "run.h"
#include "unicode.h"
#include "writer.h"
#include "banned.h"

enum {
	OPT_SPEC = 256, OPT_ALGO, OPT_KEY_FILE, OPT_REGION, OPT_ID_FIELD, OPT_KEEP, OPT_MASK,
	OPT_EXCEL_SAFE, OPT_PSI_BLIND, OPT_PSI_REBLIND, OPT_FIELD, OPT_CLK, OPT_GEN_KEY
};

static const struct scrm_opt hash_options[] = {
	{ "spec", 's', required_argument, "name",
	  "google, meta, tencent, oceanengine, uid2 or sha256 (default): the partner's rules",
	  "Normalise and digest each identifier by the rules of a partner platform and name "
	  "the output columns as its upload template does (see SPECS). The default, sha256, "
	  "writes email_hash, phone_hash and id_card_hash with the digest of --algo.",
	  OPT_SPEC },
	{ "algo", 'a', required_argument, "name",
	  "sha256 (hex, default), sha256-b64, md5 or hmac-sha256 (needs a key)",
	  "The digest: sha256 (lowercase hex), sha256-b64 (standard Base64 of the 32 raw "
	  "bytes), md5 (lowercase hex; only where a partner demands it) or hmac-sha256 "
	  "(HMAC-SHA256 with the key of --key-file or SCRM_HASH_KEY over \"type:value\", "
	  "e.g. phone:+8613800138000, so a phone and an e-mail never collide). Only the "
	  "sha256 spec takes every algorithm; google takes sha256 and sha256-b64; the other "
	  "platforms fix their own.",
	  OPT_ALGO },
	{ "key-file", 'k', required_argument, "file",
	  "the secret key (at least 32 bytes) for hmac-sha256, --psi-* and --clk",
	  "Read the secret key from file: its bytes, less one trailing newline. Keys shorter "
	  "than 32 bytes are refused. Without --key-file the key comes from the SCRM_HASH_KEY "
	  "environment variable; it is never taken from the command line, where other users "
	  "can read it. The key is held in locked memory and wiped when the run ends.",
	  OPT_KEY_FILE },
	{ "region", 0, required_argument, "CC",
	  "country of phone numbers written without a country code (default CN)",
	  "ISO 3166 alpha-2 country of phone numbers written without their country code "
	  "(default CN), read as scrm-clean reads them. A number written with its country "
	  "code keeps it: with --region US, 1 (650) 555-1212 is +1 650 555 1212.",
	  OPT_REGION },
	{ "id-field", 0, required_argument, "field",
	  "the record id written with the identifiers (default uid)",
	  "The field written first in every output row, so the partner's answer can be "
	  "joined back (default uid; Meta's column is EXTERN_ID). It must not be a personal "
	  "field.",
	  OPT_ID_FIELD },
	{ "keep", 0, required_argument, "fields",
	  "comma-separated non-personal fields to copy to the output",
	  "Copy these fields (comma-separated, dotted paths allowed) to the output as they "
	  "are. Personal fields (name, phone, email, id_card, address, birthdate, device "
	  "ids...) are refused: only identifiers in hashed form leave.",
	  OPT_KEEP },
	{ "mask", 0, no_argument, NULL,
	  "write masked display values (138****5678, 张*, a***@qq.com) instead of hashes",
	  "Write masked display values for staff-facing lists instead of hashes: name 张*, "
	  "phone 138****5678, email a***@qq.com, id_card 370***********123X, address with "
	  "only its first character.",
	  OPT_MASK },
	{ "excel-safe", 0, no_argument, NULL,
	  "prefix cells starting with = + - @ with a quote (formula injection)",
	  "Guard against formula injection when the file is opened in a spreadsheet: a "
	  "cell starting with =, +, -, @, a tab or a carriage return gets a leading "
	  "apostrophe. It changes such values (a Base64 digest may start with +): use it for "
	  "files people open, not for upload APIs.",
	  OPT_EXCEL_SAFE },
	{ "psi-blind", 0, no_argument, NULL,
	  "PSI: write k*H(id) for each record's identifier (see PRIVATE SET INTERSECTION)",
	  "Private set intersection, first step: map each record's normalised identifier "
	  "(--field) to the ristretto255 group and multiply it by the party's secret scalar "
	  "(derived from the key). Writes the id field and psi (64 hex digits).",
	  OPT_PSI_BLIND },
	{ "psi-reblind", 0, no_argument, NULL,
	  "PSI: multiply the other party's blinded psi values by this party's key",
	  "Private set intersection, second step, applied to the other party's --psi-blind "
	  "file: multiply each psi by this party's scalar. The record is written otherwise "
	  "unchanged; scrm-match --intersect then compares the two double-blinded files.",
	  OPT_PSI_REBLIND },
	{ "field", 0, required_argument, "name",
	  "the identifier --psi-blind uses: phone (default), email, id_card or any field",
	  "The identifier --psi-blind blinds: phone (E.164, as --region reads it), email "
	  "(trimmed, lower case), id_card (upper case) or any other field (trimmed). Both "
	  "parties must use the same one.",
	  OPT_FIELD },
	{ "clk", 0, required_argument, "schema",
	  "write CLK Bloom-filter encodings by a clkhash v3 schema (needs a key)",
	  "Write a cryptographic long-term key per record: a Bloom filter of the n-grams of "
	  "the schema's features, keyed with the secret of --key-file, bit for bit as "
	  "clkhash encodes it (see CLK). Output: the id field and clk (standard Base64).",
	  OPT_CLK },
	{ "gen-key", 0, required_argument, "file",
	  "write a new random key (64 hex digits) to file, mode 0600, and exit",
	  "Write a new random 256-bit key, as 64 hex digits and a newline, to file (created "
	  "with mode 0600; an existing file is not overwritten) and exit.",
	  OPT_GEN_KEY },
	{ NULL, 0, 0, NULL, NULL, NULL, 0 }
};

enum mode { M_SPEC, M_MASK, M_PSI_BLIND, M_PSI_REBLIND, M_CLK };

struct hash_opts {
	int spec;
	int algo;		/* -1: the spec's own */
	const char *key_file;
	const char *region;
	const char *id_field;
	char **keep;
	size_t nkeep;
	int mask, excel_safe, psi_blind, psi_reblind;
	const char *field;
	const char *clk;
};

static const char *const spec_names[] = { "sha256", "google", "meta", "tencent",
					  "oceanengine", "uid2" };

/* Fields that never leave unhashed. */
static const char *const personal[] = {
	"name", "given_name", "family_name", "phone", "phones", "landline", "email", "emails",
	"id_card", "address", "addresses", "birthdate", "member_id", "openid", "device_id",
	"serial", "anon_id", "lat", "lon", "building", "unit", "room", "community", "contacts",
	"text", "idfa", "imei", "oaid", "mac", "records", "rids",
};

static int is_personal(const char *f)
{
	const char *dot = strchr(f, '.');
	size_t n = dot ? (size_t)(dot - f) : strlen(f);
	for (size_t i = 0; i < ARRAY_SIZE(personal); i++)
		if (strlen(personal[i]) == n && strncmp(personal[i], f, n) == 0)
			return 1;
	return 0;
}

static void gen_key(const char *path)
{
	unsigned char k[32];
	char hex[66];
	int fd;
	randombytes_buf(k, sizeof(k));
	hsh_hex(k, sizeof(k), hex);
	sodium_memzero(k, sizeof(k));
	hex[64] = '\n';
	hex[65] = '\0';
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		sodium_memzero(hex, sizeof(hex));
		scrm_die(errno == EEXIST ? SCRM_EXIT_USAGE : SCRM_EXIT_IO,
			 "%s: cannot create the key file: %s", path,
			 errno == EEXIST ? "it exists (not overwritten)" : strerror(errno));
	}
	if (write(fd, hex, 65) != 65 || fsync(fd) != 0 || close(fd) != 0) {
		sodium_memzero(hex, sizeof(hex));
		unlink(path);
		scrm_die(SCRM_EXIT_IO, "%s: cannot write the key file", path);
	}
	sodium_memzero(hex, sizeof(hex));
	scrm_exit(SCRM_EXIT_OK);
}

static void on_option(int id, const char *arg, void *ud)
{
	struct hash_opts *o = ud;
	size_t i;
	switch (id) {
	case OPT_SPEC:
		for (i = 0; i < ARRAY_SIZE(spec_names); i++)
			if (strcmp(arg, spec_names[i]) == 0)
				break;
		if (i == ARRAY_SIZE(spec_names))
			scrm_usage_error("--spec: expected google, meta, tencent, oceanengine, "
					 "uid2 or sha256, got '%s'", arg);
		o->spec = (int)i;
		break;
	case OPT_ALGO:
		if (strcmp(arg, "sha256") == 0)
			o->algo = HSH_SHA256_HEX;
		else if (strcmp(arg, "sha256-b64") == 0)
			o->algo = HSH_SHA256_B64;
		else if (strcmp(arg, "md5") == 0)
			o->algo = HSH_MD5_HEX;
		else if (strcmp(arg, "hmac-sha256") == 0)
			o->algo = HSH_HMAC_HEX;
		else
			scrm_usage_error("--algo: expected sha256, sha256-b64, md5 or hmac-sha256, "
					 "got '%s'", arg);
		break;
	case OPT_KEY_FILE:
		o->key_file = arg;
		break;
	case OPT_REGION:
		if (strlen(arg) != 2 || arg[0] < 'A' || arg[0] > 'Z' || arg[1] < 'A' || arg[1] > 'Z')
			scrm_usage_error("--region: expected an ISO 3166 alpha-2 code such as CN "
					 "or US, got '%s'", arg);
		o->region = arg;
		break;
	case OPT_ID_FIELD:
		if (!*arg || is_personal(arg))
			scrm_usage_error("--id-field: '%s' is empty or a personal field", arg);
		o->id_field = arg;
		break;
	case OPT_KEEP: {
		const char *p = arg;
		while (*p) {
			const char *c = strchr(p, ',');
			size_t n = c ? (size_t)(c - p) : strlen(p);
			char *f = xmalloc(n + 1);
			memcpy(f, p, n);
			f[n] = '\0';
			if (!n || is_personal(f)) {
				scrm_usage_error("--keep: '%s' is %s", f,
						 n ? "a personal field: it only leaves hashed"
						   : "an empty name");
			}
			o->keep = xrealloc(o->keep, (o->nkeep + 1) * sizeof(*o->keep));
			o->keep[o->nkeep++] = f;
			p += n + (c ? 1 : 0);
		}
		break;
	}
	case OPT_MASK:
		o->mask = 1;
		break;
	case OPT_EXCEL_SAFE:
		o->excel_safe = 1;
		break;
	case OPT_PSI_BLIND:
		o->psi_blind = 1;
		break;
	case OPT_PSI_REBLIND:
		o->psi_reblind = 1;
		break;
	case OPT_FIELD:
		if (!*arg)
			scrm_usage_error("--field: the name must not be empty");
		o->field = arg;
		break;
	case OPT_CLK:
		o->clk = arg;
		break;
	case OPT_GEN_KEY:
		gen_key(arg);
		break;
	}
}

static const struct scrm_tool tool = {
	"scrm-hash",
	"Privacy-safe identifiers for partners: hashed exports by platform rules, keyed "
	"hashes, masked lists, PSI blinding and CLK Bloom-filter encodings.",
	"[file ...]",
	hash_options,
	on_option,
};

/* ---- the columns of each spec ---- */

struct column {
	const char *name;	/* output column */
	enum hsh_kind kind;
	const char *fields;	/* input fields, '|'-separated: the first present is used */
	int algo;		/* digest; -1: the run's --algo; -2: not hashed */
	const char *type;	/* hmac domain-separation prefix */
};

#define RUN_ALGO (-1)
#define PLAIN (-2)

static const struct column cols_sha256[] = {
	{ "email_hash", K_EMAIL, "email", RUN_ALGO, "email:" },
	{ "phone_hash", K_PHONE, "phone", RUN_ALGO, "phone:" },
	{ "id_card_hash", K_IDCARD, "id_card", RUN_ALGO, "id_card:" },
	{ NULL, 0, NULL, 0, NULL }
};
static const struct column cols_google[] = {
	{ "Email", K_EMAIL, "email", RUN_ALGO, NULL },
	{ "Phone", K_PHONE, "phone", RUN_ALGO, NULL },
	{ "First Name", K_GIVEN, "given_name", RUN_ALGO, NULL },
	{ "Last Name", K_FAMILY, "family_name", RUN_ALGO, NULL },
	{ "Country", K_COUNTRY, "country", PLAIN, NULL },
	{ "Zip", K_ZIP, "zip|postal_code", PLAIN, NULL },
	{ NULL, 0, NULL, 0, NULL }
};
static const struct column cols_meta[] = {
	{ "EMAIL", K_EMAIL, "email", HSH_SHA256_HEX, NULL },
	{ "PHONE", K_PHONE, "phone", HSH_SHA256_HEX, NULL },
	{ "FN", K_GIVEN, "given_name", HSH_SHA256_HEX, NULL },
	{ "LN", K_FAMILY, "family_name", HSH_SHA256_HEX, NULL },
	{ "ZIP", K_ZIP, "zip|postal_code", HSH_SHA256_HEX, NULL },
	{ "CT", K_CITY, "city", HSH_SHA256_HEX, NULL },
	{ "ST", K_STATE, "state|province", HSH_SHA256_HEX, NULL },
	{ "COUNTRY", K_COUNTRY, "country", HSH_SHA256_HEX, NULL },
	{ "DOB", K_DOB, "birthdate", HSH_SHA256_HEX, NULL },
	{ "GEN", K_GENDER, "gender", HSH_SHA256_HEX, NULL },
	{ NULL, 0, NULL, 0, NULL }
};
static const struct column cols_tencent[] = {
	{ "HASH_MOBILE_PHONE", K_PHONE11, "phone", HSH_MD5_HEX, NULL },
	{ "SHA256_MOBILE_PHONE", K_PHONE11, "phone", HSH_SHA256_HEX, NULL },
	{ "HASH_IMEI", K_IMEI, "imei", HSH_MD5_HEX, NULL },
	{ "HASH_IDFA", K_IDFA, "idfa", HSH_MD5_HEX, NULL },
	{ "HASH_OAID", K_OAID, "oaid", HSH_MD5_HEX, NULL },
	{ "HASH_MAC", K_MAC, "mac", HSH_MD5_HEX, NULL },
	{ NULL, 0, NULL, 0, NULL }
};
static const struct column cols_ocean[] = {
	{ "MOBILE_HASH_SHA256", K_PHONE11, "phone", HSH_SHA256_HEX, NULL },
	{ NULL, 0, NULL, 0, NULL }
};
static const struct column cols_uid2[] = {
	{ "email_hash", K_EMAIL, "email", HSH_SHA256_B64, NULL },
	{ "phone_hash", K_PHONE, "phone", HSH_SHA256_B64, NULL },
	{ NULL, 0, NULL, 0, NULL }
};
static const struct column *const spec_cols[] = {
	cols_sha256, cols_google, cols_meta, cols_tencent, cols_ocean, cols_uid2,
};

/* ---- state ---- */

struct hasher {
	struct hash_opts o;
	enum mode mode;
	const struct column *cols;
	size_t ncols;
	const char *id_col;	/* output name of the id */
	unsigned char *key;	/* sodium_malloc'd */
	size_t keylen;
	unsigned char scalar[PSI_BYTES];
	struct clk_schema clk;
	int clk_loaded;
	/* counts */
	uint64_t *per_col;
	uint64_t identifiers, records_out;
};

struct worker {
	struct hasher *h;
	strbuf norm, msg, tmp;
	uint64_t *per_col;
	uint64_t identifiers;
	const char **vals;
	size_t *lens;
	uint8_t *bf;
};

static struct hasher hasher;

static void *worker_init(void *shared)
{
	struct hasher *h = shared;
	struct worker *w = xcalloc(1, sizeof(*w));
	w->h = h;
	sb_init(&w->norm);
	sb_init(&w->msg);
	sb_init(&w->tmp);
	w->per_col = xcalloc(h->ncols + 1, sizeof(uint64_t));
	if (h->clk_loaded) {
		w->vals = xcalloc(h->clk.nf, sizeof(*w->vals));
		w->lens = xcalloc(h->clk.nf, sizeof(*w->lens));
		w->bf = xmalloc(clk_bytes(&h->clk));
	}
	return w;
}

static void worker_finish(void *shared, void *worker)
{
	struct hasher *h = shared;
	struct worker *w = worker;
	for (size_t i = 0; i < h->ncols; i++)
		h->per_col[i] += w->per_col[i];
	h->identifiers += w->identifiers;
	sodium_memzero(w->norm.buf, w->norm.cap);
	sodium_memzero(w->msg.buf, w->msg.cap);
	sb_release(&w->norm);
	sb_release(&w->msg);
	sb_release(&w->tmp);
	free(w->per_col);
	free(w->vals);
	free(w->lens);
	free(w->bf);
	free(w);
}

/* The text of a string or number member at path; 0 when absent or empty. */
static int field_text(const sv *rec, const char *path, const char **s, size_t *n)
{
	const sv *v = rec->type == SV_OBJ ? sv_path(rec, path) : NULL;
	if (!v)
		return 0;
	if (v->type == SV_STR) {
		*s = v->u.s;
		*n = v->len;
	} else if (v->type == SV_NUM && v->u.num.text) {
		*s = v->u.num.text;
		*n = v->len;
	} else {
		return 0;
	}
	return *n > 0;
}

/* The first of the '|'-separated fields that the record has. */
static int first_field(const sv *rec, const char *fields, const char **s, size_t *n)
{
	char name[64];
	const char *p = fields;
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t k = bar ? (size_t)(bar - p) : strlen(p);
		snprintf(name, sizeof(name), "%.*s", (int)k, p);
		if (field_text(rec, name, s, n))
			return 1;
		p += k + (bar ? 1 : 0);
	}
	return 0;
}

/* given_name / family_name, or a split of a Chinese full name. */
static int name_part(const sv *rec, enum hsh_kind kind, const char **s, size_t *n)
{
	const char *full;
	size_t fl, sl;
	int32_t cp;
	if (field_text(rec, kind == K_GIVEN ? "given_name" : "family_name", s, n))
		return 1;
	if (!field_text(rec, "name", &full, &fl) || utf8_decode(full, fl, &cp) == 0 ||
	    !u_is_han(cp) || utf8_length(full, fl) < 2)
		return 0;
	sl = cn_surname_len(full, fl);
	if (!sl || sl >= fl)
		return 0;
	if (kind == K_FAMILY) {
		*s = full;
		*n = sl;
	} else {
		*s = full + sl;
		*n = fl - sl;
	}
	return 1;
}

static sv cell(arena *a, const struct hasher *h, const char *s, size_t n)
{
	if (h->o.excel_safe && n && strchr("=+-@\t\r", s[0])) {
		char *p = arena_alloc(a, n + 2);
		p[0] = '\'';
		memcpy(p + 1, s, n);
		p[n + 1] = '\0';
		return sv_str_ref(p, n + 1);
	}
	return sv_str(a, s, n);
}

static sv safe_value(arena *a, const struct hasher *h, const sv *v)
{
	if (v->type == SV_STR)
		return cell(a, h, v->u.s, v->len);
	return *v;
}

static void put_id(arena *a, const struct hasher *h, const sv *rec, sv *out)
{
	const sv *id = rec->type == SV_OBJ ? sv_path(rec, h->o.id_field) : NULL;
	sv_append(a, out, h->id_col, id ? safe_value(a, h, id) : sv_null());
}

static void put_keep(arena *a, const struct hasher *h, const sv *rec, sv *out)
{
	for (size_t i = 0; i < h->o.nkeep; i++) {
		const sv *v = rec->type == SV_OBJ ? sv_path(rec, h->o.keep[i]) : NULL;
		sv_append(a, out, h->o.keep[i], v ? safe_value(a, h, v) : sv_null());
	}
}

/*
 * Rejects hold the record id only: a rejects file must not become a copy
 * of the personal data (--rejects is kept, but it need not be guarded).
 */
static void reject(scrm_run *run, const struct hasher *h, const sv *rec, const char *reason)
{
	arena *a = scrm_arena(run);
	const sv *id = rec->type == SV_OBJ ? sv_path(rec, h->o.id_field) : NULL;
	sv r = sv_obj();
	sv_append(a, &r, h->o.id_field, id ? *id : sv_null());
	sv_append(a, &r, "_redacted", sv_bool(1));
	scrm_reject(run, &r, reason);
}

static void spec_record(scrm_run *run, const sv *rec, struct worker *w, arena *a, sv *out)
{
	const struct hasher *h = w->h;
	size_t found = 0;
	char d[HSH_OUT_MAX];
	for (size_t i = 0; i < h->ncols; i++) {
		const struct column *c = &h->cols[i];
		const char *s;
		size_t n;
		int ok;
		if (c->kind == K_GIVEN || c->kind == K_FAMILY)
			ok = name_part(rec, c->kind, &s, &n);
		else
			ok = first_field(rec, c->fields, &s, &n);
		if (ok)
			ok = hsh_normalize((enum hsh_spec)h->o.spec, c->kind, s, n, h->o.region,
					   &w->norm);
		if (!ok) {
			sv_append(a, out, c->name, sv_null());
			continue;
		}
		if (c->algo == PLAIN) {	/* not an identifier: counted, but not enough alone */
			sv_append(a, out, c->name, cell(a, h, w->norm.buf, w->norm.len));
			w->per_col[i]++;
			continue;
		}
		{
			int algo = c->algo == RUN_ALGO ? h->o.algo : c->algo;
			const char *m = w->norm.buf;
			size_t ml = w->norm.len, dl;
			if (algo == HSH_HMAC_HEX && c->type) {
				sb_reset(&w->msg);
				sb_adds(&w->msg, c->type);
				sb_add(&w->msg, w->norm.buf, w->norm.len);
				m = w->msg.buf;
				ml = w->msg.len;
			}
			dl = hsh_digest((enum hsh_algo)algo, h->key, h->keylen, m, ml, d);
			sv_append(a, out, c->name, cell(a, h, d, dl));
		}
		w->per_col[i]++;
		found++;
	}
	if (!found) {
		reject(run, h, rec, "no identifier this spec can use");
		return;
	}
	w->identifiers += found;
	put_keep(a, h, rec, out);
	scrm_emit(run, out);
}

static void mask_record(scrm_run *run, const sv *rec, struct worker *w, arena *a, sv *out)
{
	static const struct {
		const char *field;
		enum hsh_mask m;
	} masked[] = {
		{ "name", MASK_NAME }, { "phone", MASK_PHONE }, { "email", MASK_EMAIL },
		{ "id_card", MASK_IDCARD }, { "address", MASK_OTHER },
	};
	const struct hasher *h = w->h;
	for (size_t i = 0; i < ARRAY_SIZE(masked); i++) {
		const char *s;
		size_t n;
		if (!field_text(rec, masked[i].field, &s, &n)) {
			const char *g, *f;
			size_t gl, fl;
			/* a name given in two parts: the given name's initial, then the family name's */
			if (masked[i].m == MASK_NAME && field_text(rec, "given_name", &g, &gl) &&
			    field_text(rec, "family_name", &f, &fl)) {
				hsh_mask(MASK_NAME, g, gl, &w->tmp);
				hsh_mask(MASK_NAME, f, fl, &w->norm);
				sb_addc(&w->tmp, ' ');
				sb_add(&w->tmp, w->norm.buf, w->norm.len);
				sv_append(a, out, masked[i].field, cell(a, h, w->tmp.buf, w->tmp.len));
				w->identifiers++;
				continue;
			}
			sv_append(a, out, masked[i].field, sv_null());
			continue;
		}
		hsh_mask(masked[i].m, s, n, &w->norm);
		sv_append(a, out, masked[i].field, cell(a, h, w->norm.buf, w->norm.len));
		w->identifiers++;
	}
	put_keep(a, h, rec, out);
	scrm_emit(run, out);
}

static void psi_blind_record(scrm_run *run, const sv *rec, struct worker *w, arena *a, sv *out)
{
	const struct hasher *h = w->h;
	const char *s, *f = h->o.field;
	size_t n;
	unsigned char pt[PSI_BYTES], bl[PSI_BYTES];
	char hex[2 * PSI_BYTES + 1];
	int ok = field_text(rec, f, &s, &n);
	if (ok) {
		if (strcmp(f, "phone") == 0)
			ok = hsh_normalize(SPEC_SHA256, K_PHONE, s, n, h->o.region, &w->norm);
		else if (strcmp(f, "email") == 0)
			ok = hsh_normalize(SPEC_SHA256, K_EMAIL, s, n, h->o.region, &w->norm);
		else if (strcmp(f, "id_card") == 0)
			ok = hsh_normalize(SPEC_SHA256, K_IDCARD, s, n, h->o.region, &w->norm);
		else
			ok = hsh_normalize(SPEC_SHA256, K_OAID, s, n, h->o.region, &w->norm);
	}
	if (!ok) {
		reject(run, h, rec, "no usable identifier for --psi-blind");
		return;
	}
	psi_hash_to_group(w->norm.buf, w->norm.len, pt);
	if (psi_mul(h->scalar, pt, bl) != 0) {
		reject(run, h, rec, "identifier maps to the identity element");
		return;
	}
	hsh_hex(bl, PSI_BYTES, hex);
	sv_append(a, out, "psi", sv_str(a, hex, 2 * PSI_BYTES));
	w->identifiers++;
	put_keep(a, h, rec, out);
	scrm_emit(run, out);
}

static void psi_reblind_record(scrm_run *run, sv *rec, struct worker *w, arena *a)
{
	const struct hasher *h = w->h;
	const sv *v = rec->type == SV_OBJ ? sv_get(rec, "psi") : NULL;
	unsigned char in[PSI_BYTES], bl[PSI_BYTES];
	char hex[2 * PSI_BYTES + 1];
	if (!v || v->type != SV_STR || hsh_unhex(v->u.s, v->len, in, PSI_BYTES) != 0 ||
	    psi_mul(h->scalar, in, bl) != 0) {
		reject(run, h, rec, "psi is missing or not a blinded value");
		return;
	}
	hsh_hex(bl, PSI_BYTES, hex);
	sv_set(a, rec, "psi", sv_str(a, hex, 2 * PSI_BYTES));
	w->identifiers++;
	scrm_emit(run, rec);
}

static void clk_record(scrm_run *run, const sv *rec, struct worker *w, arena *a, sv *out)
{
	const struct hasher *h = w->h;
	size_t nb = clk_bytes(&h->clk), present = 0;
	char *b64;
	for (size_t i = 0; i < h->clk.nf; i++) {
		const char *fn = h->clk.f[i].name;
		int got = 0;
		if (!h->clk.f[i].ignored)
			got = strcmp(fn, "given_name") == 0 ?
				      name_part(rec, K_GIVEN, &w->vals[i], &w->lens[i]) :
			      strcmp(fn, "family_name") == 0 ?
				      name_part(rec, K_FAMILY, &w->vals[i], &w->lens[i]) :
				      field_text(rec, fn, &w->vals[i], &w->lens[i]);
		if (got) {
			present++;
		} else {
			w->vals[i] = NULL;
			w->lens[i] = 0;
		}
	}
	if (!present) {
		reject(run, h, rec, "none of the schema's features");
		return;
	}
	if (clk_encode(&h->clk, w->vals, w->lens, w->bf) != 0) {
		reject(run, h, rec, "CLK encoding failed");
		return;
	}
	b64 = arena_alloc(a, sodium_base64_ENCODED_LEN(nb, sodium_base64_VARIANT_ORIGINAL));
	sodium_bin2base64(b64, sodium_base64_ENCODED_LEN(nb, sodium_base64_VARIANT_ORIGINAL),
			  w->bf, nb, sodium_base64_VARIANT_ORIGINAL);
	sv_append(a, out, "clk", sv_str_ref(b64, strlen(b64)));
	w->identifiers++;
	put_keep(a, h, rec, out);
	scrm_emit(run, out);
}

static void hash_record(scrm_run *run, sv *rec, void *worker)
{
	struct worker *w = worker;
	const struct hasher *h = w->h;
	arena *a = scrm_arena(run);
	sv out = sv_obj();
	if (h->mode == M_PSI_REBLIND) {
		psi_reblind_record(run, rec, w, a);
		return;
	}
	put_id(a, h, rec, &out);
	switch (h->mode) {
	case M_SPEC:
		spec_record(run, rec, w, a, &out);
		break;
	case M_MASK:
		mask_record(run, rec, w, a, &out);
		break;
	case M_PSI_BLIND:
		psi_blind_record(run, rec, w, a, &out);
		break;
	case M_CLK:
		clk_record(run, rec, w, a, &out);
		break;
	case M_PSI_REBLIND:
		break;
	}
}

static void hash_stats(strbuf *json, void *ud)
{
	const struct hasher *h = ud;
	static const char *const modes[] = { "spec", "mask", "psi-blind", "psi-reblind", "clk" };
	sb_addf(json, ",\"mode\":\"%s\"", modes[h->mode]);
	if (h->mode == M_SPEC)
		sb_addf(json, ",\"spec\":\"%s\"", spec_names[h->o.spec]);
	sb_addf(json, ",\"identifiers\":%llu", (unsigned long long)h->identifiers);
	if (h->mode == M_SPEC) {
		sb_adds(json, ",\"columns\":{");
		for (size_t i = 0; i < h->ncols; i++) {
			if (i)
				sb_addc(json, ',');
			json_write_string(json, h->cols[i].name, strlen(h->cols[i].name));
			sb_addf(json, ":%llu", (unsigned long long)h->per_col[i]);
		}
		sb_addc(json, '}');
	}
}

/* ---- keys ---- */

static void load_key(struct hasher *h)
{
	const char *env = getenv("SCRM_HASH_KEY");
	size_t cap = 4096, n = 0;
	h->key = sodium_malloc(cap);
	if (!h->key)
		scrm_die(SCRM_EXIT_IO, "cannot allocate locked memory for the key");
	if (h->o.key_file) {
		FILE *f = fopen(h->o.key_file, "rb");
		if (!f)
			scrm_die(SCRM_EXIT_IO, "%s: cannot open the key file: %s", h->o.key_file,
				 strerror(errno));
		n = fread(h->key, 1, cap, f);
		if (ferror(f)) {
			fclose(f);
			scrm_die(SCRM_EXIT_IO, "%s: cannot read the key file", h->o.key_file);
		}
		if (n == cap) {
			fclose(f);
			scrm_usage_error("%s: the key file is larger than %zu bytes", h->o.key_file,
					 cap - 1);
		}
		fclose(f);
	} else if (env) {
		n = strlen(env);
		if (n >= cap)
			scrm_usage_error("SCRM_HASH_KEY is longer than %zu bytes", cap - 1);
		memcpy(h->key, env, n);
	} else {
		scrm_usage_error("this needs a key: --key-file FILE or the SCRM_HASH_KEY "
				 "environment variable (scrm-hash --gen-key FILE makes one)");
	}
	if (n && h->key[n - 1] == '\n')
		n--;
	if (n && h->key[n - 1] == '\r')
		n--;
	if (n < 32)
		scrm_usage_error("the key is %zu bytes long; at least 32 are needed", n);
	h->keylen = n;
}

static void wipe_all(void *arg)
{
	struct hasher *h = arg;
	if (h->key) {
		sodium_free(h->key);	/* zeroes it */
		h->key = NULL;
	}
	sodium_memzero(h->scalar, sizeof(h->scalar));
	if (h->clk_loaded)
		clk_schema_free(&h->clk);
	h->clk_loaded = 0;
	for (size_t i = 0; i < h->o.nkeep; i++)
		free(h->o.keep[i]);
	free(h->o.keep);
	h->o.keep = NULL;
	free(h->per_col);
	h->per_col = NULL;
}

static void load_clk(struct hasher *h)
{
	FILE *f = fopen(h->o.clk, "rb");
	strbuf text;
	char buf[8192], err[256];
	size_t n;
	if (!f)
		scrm_die(SCRM_EXIT_IO, "%s: cannot open the schema: %s", h->o.clk, strerror(errno));
	sb_init(&text);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&text, buf, n);
	fclose(f);
	if (clk_schema_parse(&h->clk, text.buf ? text.buf : "", text.len, err, sizeof(err)) != 0) {
		sb_release(&text);
		clk_schema_free(&h->clk);
		scrm_die(SCRM_EXIT_USAGE, "%s: %s", h->o.clk, err);
	}
	sb_release(&text);
	h->clk_loaded = 1;
	clk_schema_keys(&h->clk, h->key, h->keylen);
}

static const struct scrm_record_ops ops = { worker_init, hash_record, worker_finish, NULL };

int main(int argc, char **argv)
{
	struct scrm_common opt;
	struct scrm_run_opts ro = { 0 };
	struct hasher *h = &hasher;
	static const char *columns[64];
	size_t nc = 0;
	int modes, need_key;
	scrm_run *run;

	scrm_set_progname(argv[0]);
	scrm_install_signal_handlers();
	if (hsh_init() != 0)
		scrm_die(SCRM_EXIT_IO, "libsodium cannot start");
	h->o.spec = SPEC_SHA256;
	h->o.algo = -1;
	h->o.region = "CN";
	h->o.id_field = "uid";
	h->o.field = "phone";
	scrm_atexit(wipe_all, h);
	scrm_parse_options(&tool, argc, argv, &opt, &h->o);

	modes = h->o.mask + h->o.psi_blind + h->o.psi_reblind + (h->o.clk != NULL);
	if (modes > 1)
		scrm_usage_error("--mask, --psi-blind, --psi-reblind and --clk are different "
				 "outputs: choose one");
	h->mode = h->o.mask ? M_MASK : h->o.psi_blind ? M_PSI_BLIND :
		  h->o.psi_reblind ? M_PSI_REBLIND : h->o.clk ? M_CLK : M_SPEC;
	if (h->mode != M_SPEC && (h->o.spec != SPEC_SHA256 || h->o.algo >= 0))
		scrm_usage_error("--spec and --algo go with hashed exports, not with --mask, "
				 "--psi-* or --clk");
	if (h->mode == M_SPEC) {
		if (h->o.algo < 0)
			h->o.algo = HSH_SHA256_HEX;
		else if (h->o.spec == SPEC_GOOGLE && h->o.algo != HSH_SHA256_HEX &&
			 h->o.algo != HSH_SHA256_B64)
			scrm_usage_error("--spec google takes --algo sha256 or sha256-b64");
		else if (h->o.spec != SPEC_SHA256 && h->o.spec != SPEC_GOOGLE &&
			 h->o.algo != HSH_SHA256_HEX)
			scrm_usage_error("--spec %s fixes its own digests: drop --algo",
					 spec_names[h->o.spec]);
		h->cols = spec_cols[h->o.spec];
		while (h->cols[h->ncols].name)
			h->ncols++;
	}
	h->per_col = xcalloc(h->ncols + 1, sizeof(uint64_t));
	need_key = h->mode == M_PSI_BLIND || h->mode == M_PSI_REBLIND || h->mode == M_CLK ||
		   (h->mode == M_SPEC && h->o.algo == HSH_HMAC_HEX);
	if (h->o.key_file && !need_key)
		scrm_usage_error("--key-file goes with --algo hmac-sha256, --psi-blind, "
				 "--psi-reblind and --clk");
	if (need_key)
		load_key(h);
	if (h->mode == M_PSI_BLIND || h->mode == M_PSI_REBLIND)
		psi_scalar(h->key, h->keylen, h->scalar);
	if (h->mode == M_CLK)
		load_clk(h);

	h->id_col = h->mode == M_SPEC && h->o.spec == SPEC_META ? "EXTERN_ID" : h->o.id_field;
	if (h->mode != M_PSI_REBLIND) {
		columns[nc++] = h->id_col;
		if (h->mode == M_SPEC) {
			for (size_t i = 0; i < h->ncols; i++)
				columns[nc++] = h->cols[i].name;
		} else if (h->mode == M_MASK) {
			static const char *const m[] = { "name", "phone", "email", "id_card",
							 "address" };
			for (size_t i = 0; i < ARRAY_SIZE(m); i++)
				columns[nc++] = m[i];
		} else {
			columns[nc++] = h->mode == M_CLK ? "clk" : "psi";
		}
		for (size_t i = 0; i < h->o.nkeep && nc + 1 < ARRAY_SIZE(columns); i++)
			columns[nc++] = h->o.keep[i];
		columns[nc] = NULL;
		ro.columns = columns;
	}
	ro.typed = 1;
	ro.stats_extra = hash_stats;
	ro.stats_ud = h;
	run = scrm_run_open(&tool, &opt, &ro);
	scrm_run_stream(run, &ops, h);
	scrm_run_finish(run);
}
