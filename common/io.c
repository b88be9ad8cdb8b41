#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "error.h"
#include "unicode.h"
#include "util.h"
#include "banned.h"

#define RAW_CHUNK (256 * 1024)

struct input {
	const char *name;
	int fd;
	int eof;		/* no more raw bytes */
	int gz;			/* 1: inflating */
	int gz_member_done;	/* between gzip members */
	z_stream z;
	unsigned char *raw;	/* compressed bytes (gzip only) */
	size_t raw_len;
	char *buf;		/* decompressed bytes */
	size_t start, end, cap;
	size_t scan;		/* where to look for the next '\n' */
	long lineno;
	uint64_t raw_bytes;
	int64_t raw_size;
	int started;
	int skipping;		/* discarding the rest of a too-long line */
	int mapped;		/* buf is the whole file, mapped read-only */
	size_t released;	/* mapped bytes before this were given back */
	/* GB18030 (GBK) input converted to UTF-8 line by line */
	int enc_known;		/* the encoding is decided */
	iconv_t cd;		/* (iconv_t)-1: none */
	char *conv;
	size_t conv_cap;
};

static enum in_encoding input_encoding = IN_ENC_AUTO;

void in_set_encoding(enum in_encoding e)
{
	input_encoding = e;
}

static void read_fail(const input *in)
{
	scrm_die(SCRM_EXIT_IO, "cannot read '%s': %s", in->name, strerror(errno));
}

static void gz_fail(const input *in, const char *what)
{
	scrm_die(SCRM_EXIT_DATA, "%s: %s", in->name, what);
}

/*
 * A plain (not gzip) regular file is mapped rather than read: lines come
 * straight from the page cache, with no copy and no buffer to grow.
 */
static int map_file(input *in)
{
	void *p = mmap(NULL, (size_t)in->raw_size, PROT_READ, MAP_PRIVATE, in->fd, 0);
	const unsigned char *u = p;
	if (p == MAP_FAILED)
		return 0;
	if (in->raw_size >= 2 && u[0] == 0x1f && u[1] == 0x8b) {
		munmap(p, (size_t)in->raw_size);
		return 0;
	}
	madvise(p, (size_t)in->raw_size, MADV_SEQUENTIAL);
	in->buf = p;
	in->cap = in->end = (size_t)in->raw_size;
	in->eof = in->started = in->mapped = 1;
	return 1;
}

input *in_open(const char *path)
{
	input *in;
	struct stat st;
	int fd = 0;

	/* open first: a failure exits before anything is allocated */
	if (path && strcmp(path, "-") != 0) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			scrm_die(SCRM_EXIT_IO, "cannot open '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		scrm_die(SCRM_EXIT_IO, "cannot read '%s': Is a directory", path ? path : "-");
	in = xcalloc(1, sizeof(*in));
	in->fd = fd;
	in->name = fd ? path : "-";
	in->raw_size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : -1;
	if (in->raw_size > 0 && map_file(in))
		return in;
	in->cap = RAW_CHUNK * 2;
	in->buf = xmalloc(in->cap);
	return in;
}

void in_close(input *in)
{
	if (!in)
		return;
	if (in->fd > 0)
		close(in->fd);
	if (in->gz)
		inflateEnd(&in->z);
	if (in->enc_known && in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	free(in->conv);
	free(in->raw);
	if (in->mapped)
		munmap(in->buf, in->cap);
	else
		free(in->buf);
	free(in);
}

/* One read() of at most n bytes; 0 at end of file. Retries EINTR. */
static size_t read_some(input *in, void *dst, size_t n)
{
	ssize_t r;
	do
		r = read(in->fd, dst, n);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		read_fail(in);
	in->raw_bytes += (uint64_t)r;
	return (size_t)r;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* Inflates what raw input there is into buf[end..cap); reads more if needed. */
static size_t gz_fill(input *in)
{
	size_t produced = 0;
	while (produced == 0) {
		int ret;
		if (in->z.avail_in == 0) {
			size_t n;
			if (in->eof)
				break;
			n = read_some(in, in->raw, RAW_CHUNK);
			if (n == 0) {
				in->eof = 1;
				if (!in->gz_member_done)
					gz_fail(in, "truncated gzip input");
				break;
			}
			in->z.next_in = in->raw;
			in->z.avail_in = (uInt)n;
		}
		if (in->gz_member_done) {
			/* another member follows, or padding */
			if (in->z.avail_in >= 2 && in->z.next_in[0] == 0x1f &&
			    in->z.next_in[1] == 0x8b) {
				inflateReset(&in->z);
				in->gz_member_done = 0;
			} else if (all_zero(in->z.next_in, in->z.avail_in)) {
				in->z.avail_in = 0;
				continue;
			} else {
				gz_fail(in, "trailing garbage after gzip data");
			}
		}
		in->z.next_out = (unsigned char *)in->buf + in->end;
		in->z.avail_out = (uInt)(in->cap - in->end);
		ret = inflate(&in->z, Z_NO_FLUSH);
		produced = (size_t)((char *)in->z.next_out - (in->buf + in->end));
		in->end += produced;
		if (ret == Z_STREAM_END) {
			in->gz_member_done = 1;
		} else if (ret == Z_BUF_ERROR && in->z.avail_in == 0) {
			continue;
		} else if (ret != Z_OK) {
			gz_fail(in, in->z.msg ? "corrupt gzip data" : "corrupt gzip data");
		}
	}
	return produced;
}

/* Appends more decompressed bytes to buf; 0 at end of stream. */
static size_t fill(input *in)
{
	size_t n;
	if (in->mapped)
		return 0;
	if (in->start > 0 && (in->start == in->end || in->cap - in->end < RAW_CHUNK)) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->scan -= in->start;
		in->start = 0;
	}
	if (in->cap - in->end < RAW_CHUNK) {
		in->cap *= 2;
		in->buf = xrealloc(in->buf, in->cap);
	}
	if (!in->started) {
		/* sniff the gzip magic on the first bytes, whatever the source */
		unsigned char head[4];
		size_t got = 0;
		in->started = 1;
		while (got < 2) {
			size_t r = read_some(in, head + got, 2 - got);
			if (r == 0)
				break;
			got += r;
		}
		if (got == 2 && head[0] == 0x1f && head[1] == 0x8b) {
			in->gz = 1;
			in->raw = xmalloc(RAW_CHUNK);
			memcpy(in->raw, head, 2);
			memset(&in->z, 0, sizeof(in->z));
			if (inflateInit2(&in->z, 15 + 32) != Z_OK)
				scrm_die(SCRM_EXIT_IO, "cannot initialise zlib");
			in->z.next_in = in->raw;
			in->z.avail_in = 2;
		} else {
			memcpy(in->buf + in->end, head, got);
			in->end += got;
			if (got < 2)
				in->eof = 1;
			return got;
		}
	}
	if (in->gz)
		return gz_fill(in);
	if (in->eof)
		return 0;
	n = read_some(in, in->buf + in->end, in->cap - in->end);
	if (n == 0)
		in->eof = 1;
	in->end += n;
	return n;
}

/* 1 once buf holds a non-blank byte and the end of its line. */
static int have_first_line(const input *in)
{
	const char *p = in->buf + in->start, *end = in->buf + in->end;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p < end && memchr(p, '\n', (size_t)(end - p)) != NULL;
}

size_t in_peek(input *in, const char **data)
{
	/* the first non-blank line (or 4 KiB) is enough to detect the format */
	while (in->end - in->start < 4096 && !have_first_line(in) && fill(in) > 0)
		;
	*data = in->buf + in->start;
	return in->end - in->start;
}

static void skip_bom(input *in)
{
	if (in->lineno == 0 && in->end - in->start >= 3 &&
	    memcmp(in->buf + in->start, "\xef\xbb\xbf", 3) == 0) {
		in->start += 3;
		if (in->scan < in->start)
			in->scan = in->start;
	}
}

/*
 * Gives back the pages of a mapped file already read, so memory stays flat
 * however large the file (nothing refers to lines before the current one).
 */
static void release_read_pages(input *in)
{
	const size_t step = 16u << 20;
	if (in->start - in->released < step + (1u << 20))
		return;
	madvise(in->buf + in->released, step, MADV_DONTNEED);
	in->released += step;
}

static enum in_status raw_getline(input *in, const char **line, size_t *len)
{
	if (in->mapped)
		release_read_pages(in);
	for (;;) {
		char *nl;
		if (in->scan < in->start)
			in->scan = in->start;
		if (in->lineno == 0 && in->end - in->start < 3 && !in->eof) {
			fill(in);
			continue;
		}
		skip_bom(in);
		nl = memchr(in->buf + in->scan, '\n', in->end - in->scan);
		if (nl || (in->eof && in->end > in->start)) {
			size_t n = nl ? (size_t)(nl - (in->buf + in->start)) : in->end - in->start;
			char *p = in->buf + in->start;
			in->start += n + (nl ? 1 : 0);
			in->scan = in->start;
			if (in->skipping) {
				in->skipping = 0;
				continue;
			}
			in->lineno++;
			if (n > SCRM_MAX_LINE)
				return IN_TOO_LONG;
			if (n > 0 && p[n - 1] == '\r')
				n--;
			*line = p;
			*len = n;
			return IN_LINE;
		}
		if (in->eof)
			return IN_EOF;
		in->scan = in->end;
		if (in->end - in->start > SCRM_MAX_LINE) {
			/* drop what we have and the rest of this line */
			int was_skipping = in->skipping;
			in->start = in->scan = in->end;
			if (!was_skipping) {
				in->skipping = 1;
				in->lineno++;
				return IN_TOO_LONG;
			}
		}
		if (fill(in) == 0 && !in->eof && in->gz)
			continue;
	}
}

/*
 * Converts s[0..n) from GB18030 into in->conv; -1 on a byte sequence it
 * is not (*out_len then counts the bytes of s converted before it).
 */
static int from_gb18030(input *in, const char *s, size_t n, size_t *out_len)
{
	char *src = (char *)s, *dst;
	size_t left = n, room;
	if (in->conv_cap < 2 * n + 16) {
		in->conv_cap = 2 * n + 16;
		in->conv = xrealloc(in->conv, in->conv_cap);
	}
	dst = in->conv;
	room = in->conv_cap;
	iconv(in->cd, NULL, NULL, NULL, NULL);
	if (iconv(in->cd, &src, &left, &dst, &room) == (size_t)-1) {
		*out_len = n - left;
		return -1;
	}
	*out_len = (size_t)(dst - in->conv);
	return 0;
}

/*
 * Decides once per input whether it is GB18030 (GBK, GB2312): with
 * --encoding=auto, when the bytes at hand (a mapped file's first 64 KiB,
 * a stream's first line at least), up to their last line end, are
 * not UTF-8 but GB18030, at least up to the first bytes that are neither
 * (one broken row must not turn a GBK file into rejects). Chinese exports
 * from Excel and older systems often are GB18030.
 */
static void decide_encoding(input *in)
{
	const char *p;
	size_t n, upto, out;
	in->enc_known = 1;
	in->cd = (iconv_t)-1;
	if (input_encoding == IN_ENC_UTF8)
		return;
	/* what a file holds already, or a pipe's first line: a live feed is not held back */
	while (in->end - in->start < 65536 && !in->eof && !have_first_line(in) && fill(in) > 0)
		;
	p = in->buf + in->start;
	n = in->end - in->start;
	if (n > 65536)
		n = 65536;	/* a mapped file is all there: its start is enough */
	upto = n;
	if (!in->eof || n < in->end - in->start)
		while (upto && p[upto - 1] != '\n')
			upto--;
	if (upto == 0) {
		/* one long line so far: leave out a character cut at the end */
		upto = n;
		while (upto && n - upto < 3 && ((unsigned char)p[upto - 1] & 0xc0) == 0x80)
			upto--;
		if (upto && (unsigned char)p[upto - 1] >= 0xc0)
			upto--;
	}
	if (input_encoding == IN_ENC_AUTO && utf8_invalid_at(p, upto) < 0)
		return;
	in->cd = iconv_open("UTF-8", "GB18030");
	if (in->cd == (iconv_t)-1)
		scrm_die(SCRM_EXIT_IO, "%s: cannot convert from GB18030 (iconv)", in->name);
	if (input_encoding == IN_ENC_AUTO && from_gb18030(in, p, upto, &out) < 0 &&
	    utf8_invalid_at(p, out) < 0) {
		iconv_close(in->cd);
		in->cd = (iconv_t)-1;	/* neither: the reader rejects the bad lines */
	}
}

enum in_status in_getline(input *in, const char **line, size_t *len)
{
	enum in_status st;
	if (!in->enc_known)
		decide_encoding(in);
	st = raw_getline(in, line, len);
	if (st == IN_LINE && in->cd != (iconv_t)-1) {
		size_t n;
		/*
		 * every line, even one that looks like UTF-8 (谁 is CB AD, also a
		 * UTF-8 pair); a line that is not GB18030 goes on as it is, to be
		 * rejected as invalid UTF-8
		 */
		if (from_gb18030(in, *line, *len, &n) == 0) {
			*line = in->conv;
			*len = n;
		}
	}
	return st;
}

int in_is_converted(const input *in)
{
	return in->enc_known && in->cd != (iconv_t)-1;
}

const char *in_name(const input *in)
{
	return in->name;
}

long in_lineno(const input *in)
{
	return in->lineno;
}

uint64_t in_raw_bytes(const input *in)
{
	return in->mapped ? in->start : in->raw_bytes;
}

int64_t in_raw_size(const input *in)
{
	return in->raw_size;
}

int in_is_gzip(const input *in)
{
	return in->gz;
}

/* ---- output ---- */

struct output {
	char *name;		/* final name, or "standard output" */
	char *tmp;		/* temporary file, NULL for stdout */
	int fd;
	int gz;
	z_stream z;
	char *buf;
	size_t len, cap;
	unsigned char *zbuf;
	int closed;
};

static int epipe_status;

void out_set_epipe_status(int status)
{
	epipe_status = status;
}

static void discard_tmp(void *arg)
{
	output *o = arg;
	if (o->tmp && !o->closed) {
		unlink(o->tmp);
		scrm_signal_unlink_remove(o->tmp);
	}
}

static void write_all(output *o, const void *data, size_t n)
{
	const char *p = data;
	while (n > 0) {
		ssize_t w = write(o->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			if (errno == EPIPE && !o->tmp) {
				o->closed = 1;
				scrm_exit(epipe_status);
			}
			scrm_die(SCRM_EXIT_IO, "write error on '%s': %s", o->name,
				 strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
}

static void deflate_out(output *o, const void *data, size_t n, int flush)
{
	o->z.next_in = (unsigned char *)(uintptr_t)data;
	o->z.avail_in = (uInt)n;
	do {
		o->z.next_out = o->zbuf;
		o->z.avail_out = RAW_CHUNK;
		deflate(&o->z, flush);
		write_all(o, o->zbuf, RAW_CHUNK - o->z.avail_out);
	} while (o->z.avail_out == 0);
}

static void push(output *o, int flush)
{
	if (o->gz)
		deflate_out(o, o->buf, o->len, flush);
	else if (o->len)
		write_all(o, o->buf, o->len);
	o->len = 0;
}

output *out_open(const char *path, int gzip, int level)
{
	output *o = xcalloc(1, sizeof(*o));
	if (!path || strcmp(path, "-") == 0) {
		o->name = xstrdup("standard output");
		o->fd = 1;
		if (gzip < 0)
			gzip = 0;
	} else {
		const char *slash = strrchr(path, '/');
		strbuf t = STRBUF_INIT;
		o->name = xstrdup(path);
		if (slash)
			sb_add(&t, path, (size_t)(slash - path + 1));
		sb_addf(&t, ".%s.XXXXXX", slash ? slash + 1 : path);
		o->tmp = sb_detach(&t);
		o->fd = mkstemp(o->tmp);
		if (o->fd < 0)
			scrm_die(SCRM_EXIT_IO, "cannot create '%s': %s", path, strerror(errno));
		scrm_signal_unlink_add(o->tmp);
		scrm_atexit(discard_tmp, o);
		if (gzip < 0)
			gzip = has_suffix(path, ".gz");
	}
	o->cap = 64 * 1024;
	o->buf = xmalloc(o->cap);
	if (gzip) {
		o->gz = 1;
		o->zbuf = xmalloc(RAW_CHUNK);
		if (deflateInit2(&o->z, level > 0 ? level : 1, Z_DEFLATED, 15 + 16, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK)
			scrm_die(SCRM_EXIT_IO, "cannot initialise zlib");
	}
	return o;
}

void out_write(output *o, const void *data, size_t n)
{
	if (o->len + n > o->cap) {
		push(o, Z_NO_FLUSH);
		if (n > o->cap) {
			if (o->gz)
				deflate_out(o, data, n, Z_NO_FLUSH);
			else
				write_all(o, data, n);
			return;
		}
	}
	memcpy(o->buf + o->len, data, n);
	o->len += n;
}

void out_putc(output *o, char c)
{
	if (o->len == o->cap)
		push(o, Z_NO_FLUSH);
	o->buf[o->len++] = c;
}

void out_flush(output *o)
{
	push(o, o->gz ? Z_SYNC_FLUSH : Z_NO_FLUSH);
}

const char *out_name(const output *o)
{
	return o->name;
}

void out_close(output *o, int commit)
{
	if (!o)
		return;
	if (commit) {
		push(o, o->gz ? Z_FINISH : Z_NO_FLUSH);
	}
	if (o->gz)
		deflateEnd(&o->z);
	if (o->tmp) {
		if (commit) {
			mode_t mask = umask(0);
			umask(mask);
			if (fchmod(o->fd, 0666 & ~mask) != 0 || close(o->fd) != 0)
				scrm_die(SCRM_EXIT_IO, "write error on '%s': %s", o->name,
					 strerror(errno));
			if (rename(o->tmp, o->name) != 0)
				scrm_die(SCRM_EXIT_IO, "cannot rename to '%s': %s", o->name,
					 strerror(errno));
		} else {
			close(o->fd);
			unlink(o->tmp);
		}
		scrm_signal_unlink_remove(o->tmp);
	} else if (commit) {
		/* stdout: an error on close (NFS, /dev/full) is still an error */
		if (close(o->fd) != 0 && errno != EINTR) {
			if (errno == EPIPE)
				scrm_exit(epipe_status);
			scrm_die(SCRM_EXIT_IO, "write error on '%s': %s", o->name,
				 strerror(errno));
		}
	}
	o->closed = 1;
	if (o->tmp)
		scrm_atexit_remove(discard_tmp, o);
	free(o->buf);
	free(o->zbuf);
	free(o->name);
	free(o->tmp);
	free(o);
}
