/* json.h - the JSON writer (declared in <lxc/berth.h>, where the tools see it); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_UTIL_JSON_H
#define BERTH_UTIL_JSON_H

#include <lxc/berth.h>

#endif
