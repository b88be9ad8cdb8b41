#ifndef SCRM_BANNED_H
#define SCRM_BANNED_H
/*
 * Functions that are easy to misuse: unbounded copies and formats.
 * Included last by every .c file of the project, so a use of one of them
 * fails to compile. Use sb_* (strbuf.h), snprintf or memcpy with a length.
 */
#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)
#undef strtok
#define strtok(x, y) BANNED(strtok)

#endif
