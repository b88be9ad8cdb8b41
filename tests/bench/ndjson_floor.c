/*
 * The bare jansson floor for `make bench`: NDJSON in, each line parsed into
 * a jansson tree and dumped back, nothing else. What the per-record stages
 * over profiles (scrm-tag, scrm-score, scrm-segment) are compared with.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long rows = 0, bad = 0;
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	while ((n = getline(&line, &cap, in)) > 0) {
		json_error_t err;
		json_t *v = json_loadb(line, (size_t)n, 0, &err);
		char *out;
		if (!v) {
			bad++;
			continue;
		}
		out = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (out) {
			fputs(out, stdout);
			putchar('\n');
			free(out);
		}
		json_decref(v);
		rows++;
	}
	free(line);
	fprintf(stderr, "ndjson_floor: %ld records, %ld unreadable\n", rows, bad);
	return 0;
}
