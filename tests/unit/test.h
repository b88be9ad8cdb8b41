#ifndef SCRM_TEST_H
#define SCRM_TEST_H
/*
 * A tiny unit-test harness. Each CHECK is one test case; a failure prints
 * where and why. test_done() prints "# N passed, N failed" (read by
 * tests/run.sh) and returns the exit status for main().
 */
#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		if (cond) {                                                  \
			test_passed++;                                       \
		} else {                                                     \
			test_failed++;                                       \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);          \
			printf(__VA_ARGS__);                                 \
			printf("\n");                                        \
		}                                                            \
	} while (0)

#define CHECK_STR(got, want, ctx)                                            \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		CHECK((g_ && w_ && strcmp(g_, w_) == 0) || (!g_ && !w_),     \
		      "%s: got \"%s\", want \"%s\"", (ctx),                  \
		      g_ ? g_ : "(null)", w_ ? w_ : "(null)");               \
	} while (0)

#define CHECK_INT(got, want, ctx)                                            \
	do {                                                                 \
		long long g_ = (long long)(got), w_ = (long long)(want);     \
		CHECK(g_ == w_, "%s: got %lld, want %lld", (ctx), g_, w_);   \
	} while (0)

static inline int test_done(void)
{
	printf("# %d passed, %d failed\n", test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
