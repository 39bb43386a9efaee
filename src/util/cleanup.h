/* cleanup.h - scope-bound cleanup attributes (__do_free, __do_close, ...); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_UTIL_CLEANUP_H
#define BERTH_UTIL_CLEANUP_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <dirent.h>

static inline void berth_free_ptr(void *p) { free(*(void **)p); }
static inline void berth_close_fd(int *fd)
{
	if (*fd >= 0) {
		int saved = errno; /* close() must not clobber the errno a caller reports */
		close(*fd);
		errno = saved;
	}
}
static inline void berth_fclose_ptr(FILE **f)
{
	if (*f) {
		int saved = errno;
		fclose(*f);
		errno = saved;
	}
}
static inline void berth_closedir_ptr(DIR **d)
{
	if (*d) {
		int saved = errno;
		closedir(*d);
		errno = saved;
	}
}
static inline void berth_free_strv(char ***v)
{
	if (*v) {
		for (char **p = *v; *p; p++)
			free(*p);
		free(*v);
	}
}

#define __do_free __attribute__((__cleanup__(berth_free_ptr)))
#define __do_close __attribute__((__cleanup__(berth_close_fd)))
#define __do_fclose __attribute__((__cleanup__(berth_fclose_ptr)))
#define __do_closedir __attribute__((__cleanup__(berth_closedir_ptr)))
#define __do_free_strv __attribute__((__cleanup__(berth_free_strv)))

/* Hand ownership out of a cleanup-scoped variable. */
#define move_ptr(p)                          \
	({                                   \
		typeof(p) __moved = (p);     \
		(p) = NULL;                  \
		__moved;                     \
	})
#define move_fd(fd)                          \
	({                                   \
		int __moved = (fd);          \
		(fd) = -EBADF;               \
		__moved;                     \
	})

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BERTH_EXPORT __attribute__((visibility("default")))

#endif
