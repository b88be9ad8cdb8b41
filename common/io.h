#ifndef SCRM_IO_H
#define SCRM_IO_H
/*
 * Byte streams under the record readers and writers: files or stdin, gzip
 * detected by its magic bytes and inflated as the data arrives (so a live
 * feed through a pipe is never held back waiting for a full buffer);
 * output to stdout or to a file written atomically (temporary file in the
 * same directory, renamed on success, removed on failure), optionally
 * gzip-compressed.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SCRM_MAX_LINE (64u << 20)	/* longest line or record accepted */

typedef struct input input;

/* Opens path ("-" or NULL: stdin). Exits 3 if it cannot be opened. */
input *in_open(const char *path);
void in_close(input *in);

enum in_status {
	IN_EOF = 0,
	IN_LINE = 1,
	IN_TOO_LONG = 2,	/* line longer than SCRM_MAX_LINE: skipped */
};

/*
 * Next physical line without its '\n' (a '\r' before it is removed too,
 * and a UTF-8 BOM at the start of the stream is skipped). The line stays
 * valid until the next call. Read errors exit 3, corrupt gzip exits 1.
 */
enum in_status in_getline(input *in, const char **line, size_t *len);
/* The first bytes of the (decompressed) stream without consuming them. */
size_t in_peek(input *in, const char **data);

/*
 * Input encoding: auto (UTF-8, or GB18030 when a file's first 64 KiB are
 * not UTF-8 but are GB18030), utf-8 (never converted) or gb18030 (always).
 * GB18030 covers GBK and GB2312; lines are converted to UTF-8 as read.
 */
enum in_encoding { IN_ENC_AUTO = 0, IN_ENC_UTF8, IN_ENC_GB18030 };
void in_set_encoding(enum in_encoding e);
int in_is_converted(const input *in);	/* 1 if read as GB18030 */

const char *in_name(const input *in);	/* as given; "-" for stdin */
long in_lineno(const input *in);	/* number of the last line returned */
uint64_t in_raw_bytes(const input *in);	/* bytes read from the file so far */
int64_t in_raw_size(const input *in);	/* file size, or -1 when unknown */
int in_is_gzip(const input *in);

typedef struct output output;

/*
 * Opens an output: NULL or "-" is stdout; a file is written through a
 * temporary file and renamed by out_close(o, 1). gzip < 0 means "when
 * the name ends in .gz". level is the zlib level (0: default, 1).
 */
output *out_open(const char *path, int gzip, int level);
void out_write(output *o, const void *data, size_t n);
static inline void out_puts(output *o, const char *s)
{
	out_write(o, s, strlen(s));
}
void out_putc(output *o, char c);
/* Pushes buffered bytes to the file (a gzip sync point when compressing). */
void out_flush(output *o);
/* Finishes the stream; commit = 0 discards a file output. Exits 3 on error. */
void out_close(output *o, int commit);
const char *out_name(const output *o);

/*
 * What to do when the reader of stdout goes away (EPIPE): run the exit
 * hooks and exit quietly with this status (default 0).
 */
void out_set_epipe_status(int status);

#endif
