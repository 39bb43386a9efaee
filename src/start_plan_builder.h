/* start_plan_builder.h - what the parts of the start plan's builder share: the settings read so far, and the readers and compilers of each part; private to start_plan*.c; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_START_PLAN_BUILDER_H
#define BERTH_START_PLAN_BUILDER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "start_plan.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* A (key, value, origin) kept while reading, compiled at the end. */
struct kv_list {
	struct plan_kv *v;
	size_t n;
};

struct builder {
	struct start_plan *p;
	char *err;
	size_t errlen;

	char *init_cmd, *init_cmd_origin;
	struct kv_list mounts;   /* key "entry" or "fstab-line" (value = entry), origin */
	char *fstab, *fstab_origin;
	unsigned auto_bits;
	char *auto_origin;
	uint64_t cap_drop, cap_keep;
	bool cap_drop_set, cap_keep_set;
	char *cap_keep_origin;
	struct kv_list env;
	struct kv_list sysctl, proc, prlimit, cgroup;
	char *cgroup_dir_origin;  /* the last lxc.cgroup.dir* key set */
	int clone_set, keep_set;
	bool clone_given;
	char *clone_origin;
	struct kv_list net_types; /* key "N", value type */
	struct kv_list time_offsets;
	char *rootfs_options, *rootfs_options_origin;
	char *rootfs_origin;
	uint64_t autodev_size;
	char *notices;           /* security keys set that are not applied yet */
	char *notices_other;     /* other keys set that are not applied yet */
	char *idmap_origin;
};

/* start_plan.c: the builder's lists and errors */
void plan_kv_list_free(struct kv_list *l);
void plan_kv_remove_at(struct kv_list *l, size_t i);
int plan_kv_add(struct kv_list *l, const char *key, const char *value, const char *origin, bool replace);
/* Fills b->err with "ORIGIN: REASON" and returns -EINVAL. */
__attribute__((format(printf, 3, 4))) int plan_fail(struct builder *b, const char *origin, const char *fmt, ...);
int plan_replace_str(char **dst, const char *v);

/* start_plan_values.c: "10s", "-2h", "100ms" -> seconds and nanoseconds; -EINVAL if not one */
int plan_parse_time_offset(const char *v, int64_t *sec, int64_t *nsec);

/* start_plan_read.c: one config item into the settings (the last value of a key wins) */
int plan_read_item(struct builder *b, const struct plan_item *it);

/* start_plan_mounts.c: the ops of the file systems, /dev and the ttys */
int plan_set_strs(struct plan_op *op, const char *source, const char *target, const char *fstype, const char *data);
int plan_add_mount(struct start_plan *p, const char *origin, const char *source, const char *target, const char *fstype,
		   unsigned long flags, const char *data, unsigned opt);
int plan_add_simple(struct start_plan *p, enum plan_op_kind kind, const char *origin, const char *source,
		    const char *target, unsigned mode, dev_t dev, int value);
int plan_compile_auto(struct builder *b);
int plan_compile_entry(struct builder *b, const char *line, const char *origin);
int plan_compile_fstab(struct builder *b);
int plan_compile_autodev_mount(struct builder *b);
int plan_compile_dev(struct builder *b);
int plan_compile_console(struct builder *b);

#endif
