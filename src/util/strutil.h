/* strutil.h - small string helpers: trimming, strict number parsing, octal unescaping, edit distance; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_UTIL_STRUTIL_H
#define BERTH_UTIL_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Trims leading and trailing whitespace in place; returns the new start. */
char *str_trim(char *s);
bool str_has_prefix(const char *s, const char *prefix);
bool str_has_suffix(const char *s, const char *suffix);

/* Strict parsers: the whole string (after trimming nothing) must be a number in range.
 * Return 0, or -EINVAL (not a number) / -ERANGE (out of range). */
int str_to_i64(const char *s, int64_t *out);
int str_to_u64(const char *s, uint64_t *out);
int str_to_int(const char *s, int *out);
int str_to_uint(const char *s, unsigned *out);

/* Undoes the \ooo escapes of fstab and mountinfo paths (\040 a blank, \011 a tab,
 * \012 a newline, \134 a backslash), in place; other backslashes stay. */
void str_unescape_octal(char *s);

/* Levenshtein distance, for "did you mean" hints. */
size_t str_edit_distance(const char *a, const char *b);

/* malloc'd printf; NULL on allocation failure. */
__attribute__((format(printf, 1, 2))) char *str_printf(const char *fmt, ...);

/* NULL-terminated string vectors. strv_append copies s; returns 0 or -ENOMEM. */
int strv_append(char ***v, const char *s);
size_t strv_len(char *const *v);
void strv_free(char **v);

#endif
