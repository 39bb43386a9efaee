/* test-shmount.c - matching a shmounts host path against mountinfo lines: escaped blanks, trailing slashes, the shared tag; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "shmount.h"
#include "unit.h"

static void mountinfo_lines(void)
{
	const char *shared = "100 29 0:50 / /run/lxc/shmounts rw,nosuid,nodev shared:42 - tmpfs tmpfs rw,size=100k\n";
	const char *private = "101 29 0:51 / /run/lxc/shmounts rw,nosuid,nodev - tmpfs tmpfs rw,size=100k\n";
	const char *blank = "102 29 0:52 / /srv/my\\040mounts rw shared:7 master:3 - tmpfs tmpfs rw\n";
	/* "shared:" after " - " is a super option, not the propagation tag */
	const char *late = "103 29 0:53 / /mnt/x rw - tmpfs shared:1 rw\n";

	CHECK_INT(shmount_mountinfo_shared(shared, "/run/lxc/shmounts"), 1);
	CHECK_INT(shmount_mountinfo_shared(shared, "/run/lxc/shmounts/"), 1);
	CHECK_INT(shmount_mountinfo_shared(shared, "/run/lxc/shmounts//"), 1);
	CHECK_INT(shmount_mountinfo_shared(shared, "/run/lxc"), -1);
	CHECK_INT(shmount_mountinfo_shared(shared, "/run/lxc/shmount"), -1);
	CHECK_INT(shmount_mountinfo_shared(shared, "/run/lxc/shmounts2"), -1);
	CHECK_INT(shmount_mountinfo_shared(private, "/run/lxc/shmounts"), 0);
	CHECK_INT(shmount_mountinfo_shared(blank, "/srv/my mounts"), 1);
	CHECK_INT(shmount_mountinfo_shared(blank, "/srv/my mounts/"), 1);
	CHECK_INT(shmount_mountinfo_shared(blank, "/srv/my\\040mounts"), -1);
	CHECK_INT(shmount_mountinfo_shared(late, "/mnt/x"), 0);
	CHECK_INT(shmount_mountinfo_shared("102 29 0:1 / / rw shared:1 - ext4 /dev/sda1 rw\n", "/"), 1);
	CHECK_INT(shmount_mountinfo_shared("garbage\n", "/"), -1);
}

UNIT_MAIN_BEGIN
RUN(mountinfo_lines);
UNIT_MAIN_END
