/* validate.c - one checker per config value type; accepts all that LXC 5.0 loads, refuses what it refuses, warns on the rest; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/capability.h>

#include "conf/validate.h"
#include "util/strutil.h"

__attribute__((format(printf, 4, 5))) static int fail(int ret, char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return ret;
}

#define REJECT(...) fail(-EINVAL, err, errlen, __VA_ARGS__)
#define WARN_ONLY(...) fail(CONF_VALID_WARN, err, errlen, __VA_ARGS__)

/*
 * LXC reads numbers with strtoul(..., 0): C syntax, so "010" is 8 and "0x10" is 16,
 * and a leading '+' is fine. Configs in the wild depend on it; read them the same way.
 */
int conf_parse_u64(const char *v, uint64_t *out)
{
	unsigned long long u;
	char *end;

	if (!v || !*v || isspace((unsigned char)*v) || *v == '-')
		return -EINVAL;
	errno = 0;
	u = strtoull(v, &end, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (end == v || *end)
		return -EINVAL;
	*out = u;
	return 0;
}

int conf_parse_uint(const char *v, unsigned *out)
{
	uint64_t u;
	int ret = conf_parse_u64(v, &u);

	if (ret < 0)
		return ret;
	if (u > UINT32_MAX)
		return -ERANGE;
	*out = (unsigned)u;
	return 0;
}

int conf_parse_int(const char *v, int *out)
{
	long long i;
	char *end;

	if (!v || !*v || isspace((unsigned char)*v))
		return -EINVAL;
	errno = 0;
	i = strtoll(v, &end, 0);
	if (errno == ERANGE || i < INT32_MIN || i > INT32_MAX)
		return -ERANGE;
	if (end == v || *end)
		return -EINVAL;
	*out = (int)i;
	return 0;
}

static int number_reason(int ret, char *err, size_t errlen, const char *v)
{
	if (ret == -ERANGE)
		return REJECT("'%s' is out of range", v);
	return REJECT("'%s' is not a number", v);
}

/* Calls fn on each token of v split at any of seps; stops at the first failure. */
static int each_token(const char *v, const char *seps, int (*fn)(const char *tok, char *err, size_t errlen),
		      char *err, size_t errlen)
{
	char tok[256];
	int worst = 0;

	while (*v) {
		size_t n;
		int ret;

		v += strspn(v, seps);
		n = strcspn(v, seps);
		if (!n)
			break;
		if (n >= sizeof(tok))
			return REJECT("'%.*s...' is too long", 32, v);
		memcpy(tok, v, n);
		tok[n] = '\0';
		ret = fn(tok, err, errlen);
		if (ret < 0)
			return ret;
		if (ret > 0)
			worst = ret;
		v += n;
	}
	return worst;
}

static bool one_of(const char *v, const char *const *words, bool nocase)
{
	for (; *words; words++)
		if (nocase ? !strcasecmp(v, *words) : !strcmp(v, *words))
			return true;
	return false;
}

/* ---- numbers and booleans ---- */

int conf_valid_bool(const char *v, char *err, size_t errlen)
{
	unsigned u;

	if (conf_parse_uint(v, &u) < 0 || u > 1)
		return REJECT("expected 0 or 1, not '%s'", v);
	return 0;
}

int conf_valid_bool_uint(const char *v, char *err, size_t errlen)
{
	unsigned u;
	int ret = conf_parse_uint(v, &u);

	if (ret < 0)
		return REJECT("expected 0 or 1, not '%s'", v);
	if (u > 1)
		return WARN_ONLY("expected 0 or 1, '%s' is taken as 1", v);
	return 0;
}

int conf_valid_bool_lax(const char *v, char *err, size_t errlen)
{
	unsigned u;
	int ret = conf_parse_uint(v, &u);

	if ((ret == 0 && u > 1) || v[0] == '-')
		return REJECT("expected 0 or 1, not '%s'", v);
	if (ret < 0)
		return WARN_ONLY("expected 0 or 1, '%s' is taken as 0", v);
	return 0;
}

int conf_valid_uint(const char *v, char *err, size_t errlen)
{
	unsigned u;
	int ret = conf_parse_uint(v, &u);

	if (ret < 0)
		return number_reason(ret, err, errlen, v);
	return 0;
}

int conf_valid_int(const char *v, char *err, size_t errlen)
{
	int i;
	int ret = conf_parse_int(v, &i);

	if (ret < 0)
		return number_reason(ret, err, errlen, v);
	return 0;
}

int conf_valid_id(const char *v, char *err, size_t errlen)
{
	uint64_t u;
	int ret;

	if (v[0] == '-')
		return REJECT("'%s' is not a valid id", v);
	ret = conf_parse_u64(v, &u);
	if (ret < 0 || u > UINT32_MAX)
		return WARN_ONLY("'%s' is not a numeric id; LXC reads it as 0", v);
	return 0;
}

int conf_valid_hook_version(const char *v, char *err, size_t errlen)
{
	unsigned u;

	if (conf_parse_uint(v, &u) < 0)
		return WARN_ONLY("expected 0 or 1, '%s' is taken as 0", v);
	if (u > 1)
		return REJECT("expected 0 or 1, not '%s'", v);
	return 0;
}

int conf_valid_autodev(const char *v, char *err, size_t errlen)
{
	return conf_valid_bool(v, err, errlen);
}

int conf_valid_tmpfs_size(const char *v, char *err, size_t errlen)
{
	int i;

	if (conf_parse_int(v, &i) < 0)
		return WARN_ONLY("'%s' is not a number of bytes; LXC ignores it", v);
	return 0;
}

static int one_gid(const char *tok, char *err, size_t errlen)
{
	unsigned u;
	int ret = conf_parse_uint(tok, &u);

	if (ret < 0)
		return number_reason(ret, err, errlen, tok);
	return 0;
}

int conf_valid_gid_list(const char *v, char *err, size_t errlen)
{
	const char *p;

	/* "1, 2" is fine, "1 2" is not: only blanks right after a comma are skipped. */
	for (p = v; *p; p++)
		if (isspace((unsigned char)*p) && (p == v || p[-1] != ','))
			return REJECT("'%s': separate group ids with commas", v);
	return each_token(v, ", \t", one_gid, err, errlen);
}

/* ---- signals, log levels, sizes, names ---- */

static const struct {
	const char *name;
	int num;
} signals[] = {
	{ "HUP", 1 },     { "INT", 2 },      { "QUIT", 3 },    { "ILL", 4 },     { "TRAP", 5 },
	{ "ABRT", 6 },    { "IOT", 6 },      { "BUS", 7 },     { "FPE", 8 },     { "KILL", 9 },
	{ "USR1", 10 },   { "SEGV", 11 },    { "USR2", 12 },   { "PIPE", 13 },   { "ALRM", 14 },
	{ "TERM", 15 },   { "STKFLT", 16 },  { "CHLD", 17 },   { "CLD", 17 },    { "CONT", 18 },
	{ "STOP", 19 },   { "TSTP", 20 },    { "TTIN", 21 },   { "TTOU", 22 },   { "URG", 23 },
	{ "XCPU", 24 },   { "XFSZ", 25 },    { "VTALRM", 26 }, { "PROF", 27 },   { "WINCH", 28 },
	{ "IO", 29 },     { "POLL", 29 },    { "PWR", 30 },    { "SYS", 31 },
};

/* The kernel's real-time signals; glibc reserves the first two, so SIGRTMIN is 34. */
#define RT_MIN 34
#define RT_MAX 64

int conf_signal_parse(const char *v)
{
	const char *name = v;
	int base, sign;
	unsigned off;

	if (isdigit((unsigned char)v[0])) {
		int n;

		if (conf_parse_int(v, &n) < 0 || n < 0)
			return -EINVAL;
		return n;
	}
	if (!strncasecmp(name, "SIG", 3))
		name += 3;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (!strcasecmp(name, signals[i].name))
			return signals[i].num;
	if (!strncasecmp(name, "RTMIN", 5)) {
		base = RT_MIN;
		sign = 1;
	} else if (!strncasecmp(name, "RTMAX", 5)) {
		base = RT_MAX;
		sign = -1;
	} else {
		return -EINVAL;
	}
	name += 5;
	if (!*name)
		return base;
	if (*name != (sign > 0 ? '+' : '-') || !isdigit((unsigned char)name[1]) || conf_parse_uint(name + 1, &off) < 0)
		return -EINVAL;
	if (off > RT_MAX - RT_MIN)
		return -EINVAL;
	return base + sign * (int)off;
}

int conf_valid_signal(const char *v, char *err, size_t errlen)
{
	int sig = conf_signal_parse(v);

	if (sig < 0)
		return REJECT("unknown signal '%s' (use a number or a name like SIGKILL, SIGRTMIN+3)", v);
	if (sig > RT_MAX)
		return WARN_ONLY("%d is not a signal number (1-%d)", sig, RT_MAX);
	return 0;
}

int conf_valid_loglevel(const char *v, char *err, size_t errlen)
{
	static const char *const names[] = { "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING",
					     "ERROR", "CRIT", "ALERT", "FATAL", NULL };

	if (isdigit((unsigned char)v[0]) && !v[1] && v[0] <= '8')
		return 0;
	if (one_of(v, names, true))
		return 0;
	return REJECT("unknown log level '%s' (TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, CRIT, ALERT, FATAL or 0-8)", v);
}

int conf_valid_syslog_facility(const char *v, char *err, size_t errlen)
{
	static const char *const names[] = { "daemon", "local0", "local1", "local2", "local3",
					     "local4", "local5", "local6", "local7", NULL };

	if (one_of(v, names, true))
		return 0;
	return REJECT("unknown syslog facility '%s' (daemon or local0 to local7)", v);
}

/* The number at the start of v in C syntax; *unit is what follows it, blanks skipped. */
static int size_number(const char *v, uint64_t *n, const char **unit)
{
	char *end;
	unsigned long long u;

	if (!*v || isspace((unsigned char)*v) || *v == '-')
		return -EINVAL;
	errno = 0;
	u = strtoull(v, &end, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (end == v)
		return -EINVAL;
	while (*end == ' ' || *end == '\t')
		end++;
	*n = u;
	*unit = end;
	return 0;
}

int conf_size_parse(const char *v, uint64_t *out)
{
	const char *unit;
	uint64_t n, mult;

	if (!strcmp(v, "auto")) {
		*out = 1 << 17;
		return 0;
	}
	if (size_number(v, &n, &unit) < 0)
		return -EINVAL;
	if (!*unit || !strcasecmp(unit, "B"))
		mult = 1;
	else if (!strcasecmp(unit, "kB") || !strcasecmp(unit, "k"))
		mult = 1ULL << 10;
	else if (!strcasecmp(unit, "MB") || !strcasecmp(unit, "M"))
		mult = 1ULL << 20;
	else if (!strcasecmp(unit, "GB") || !strcasecmp(unit, "G"))
		mult = 1ULL << 30;
	else
		return -EINVAL;
	if (n > INT64_MAX / mult)
		return -ERANGE;
	*out = n * mult;
	return 0;
}

int conf_valid_size(const char *v, char *err, size_t errlen)
{
	uint64_t n;
	const char *unit = "";

	if (conf_size_parse(v, &n) < 0)
		return REJECT("'%s' is not a size (auto, or a number with B, kB, MB or GB)", v);
	if (strcmp(v, "auto"))
		size_number(v, &n, &unit);
	/* LXC ignores a one-letter unit ("1M" is one byte to it); we read it as meant, and say so. */
	if (unit[0] && !unit[1] && strchr("kKmMgG", unit[0]))
		return WARN_ONLY("'%s': LXC ignores a one-letter unit; write %cB", v,
				 unit[0] == 'k' || unit[0] == 'K' ? 'k' : toupper((unsigned char)unit[0]));
	return 0;
}

int conf_valid_hostname(const char *v, char *err, size_t errlen)
{
	if (strlen(v) > 64)
		return REJECT("the host name is longer than 64 characters");
	return 0;
}

int conf_valid_arch(const char *v, char *err, size_t errlen)
{
	static const char *const arches[] = {
		/* 32 bit */
		"arm", "armel", "armhf", "armv7l", "athlon", "i386", "i486", "i586", "i686", "linux32",
		"mips", "mipsel", "ppc", "powerpc", "x86",
		/* 64 bit */
		"aarch64", "amd64", "arm64", "linux64", "mips64", "mips64el", "ppc64", "ppc64el",
		"ppc64le", "powerpc64", "riscv64", "s390x", "x86_64", NULL,
	};

	if (one_of(v, arches, false))
		return 0;
	return REJECT("unknown architecture '%s' (e.g. x86_64, amd64, i686, arm64, armhf)", v);
}

int conf_valid_time_offset(const char *v, char *err, size_t errlen)
{
	static const char *const units[] = { "h", "m", "s", "ms", "us", "ns", NULL };
	char num[32];
	const char *p = v;
	size_t len;
	int64_t n;

	if (*p == '-' || *p == '+')
		p++;
	len = strspn(p, "0123456789");
	if (!len || (size_t)(p - v) + len >= sizeof(num))
		return REJECT("'%s' is not a time offset (a number with h, m, s, ms, us or ns)", v);
	memcpy(num, v, (size_t)(p - v) + len);
	num[(size_t)(p - v) + len] = '\0';
	if (str_to_i64(num[0] == '+' ? num + 1 : num, &n) < 0)
		return REJECT("'%s' is out of range", v);
	p += len;
	if (*p == ' ')
		p++;
	if (!one_of(p, units, false))
		return REJECT("'%s' needs a unit: h, m, s, ms, us or ns", v);
	return 0;
}

int conf_valid_cgroup_dir(const char *v, char *err, size_t errlen)
{
	const char *p;

	if (v[0] == '/')
		return REJECT("'%s' must be relative to the cgroup root", v);
	for (p = v; p; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (!strncmp(p, "..", 2) && (p[2] == '/' || !p[2]))
			return REJECT("'%s' must not contain '..'", v);
	}
	return 0;
}

int conf_valid_cgroup_leaf(const char *v, char *err, size_t errlen)
{
	if (strchr(v, '/') || !strcmp(v, ".") || !strcmp(v, ".."))
		return REJECT("'%s' must be a single cgroup name (no '/', not '.' or '..')", v);
	return 0;
}

int conf_valid_path(const char *v, char *err, size_t errlen)
{
	if (strlen(v) >= 4096)
		return REJECT("the path is longer than 4095 characters");
	return 0;
}

/* ---- network ---- */

int conf_valid_net_type(const char *v, char *err, size_t errlen)
{
	static const char *const types[] = { "veth", "macvlan", "ipvlan", "vlan", "phys", "empty", "none", NULL };

	if (one_of(v, types, false))
		return 0;
	return REJECT("unknown network type '%s' (veth, macvlan, ipvlan, vlan, phys, empty or none)", v);
}

int conf_valid_net_flags(const char *v, char *err, size_t errlen)
{
	if (!strcmp(v, "up"))
		return 0;
	return WARN_ONLY("the only flag is 'up'; LXC takes '%s' as up", v);
}

int conf_valid_ifname(const char *v, char *err, size_t errlen)
{
	if (strlen(v) > 15)
		return WARN_ONLY("'%s' is longer than 15 characters; LXC cuts it to '%.15s'", v, v);
	for (const char *p = v; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p))
			return WARN_ONLY("'%s' is not a valid interface name", v);
	return 0;
}

int conf_valid_hwaddr(const char *v, char *err, size_t errlen)
{
	/* six pairs of hex digits or 'x' placeholders, separated by ':' */
	if (strlen(v) != 17)
		goto bad;
	for (int i = 0; i < 17; i++) {
		if (i % 3 == 2) {
			if (v[i] != ':')
				goto bad;
		} else if (!isxdigit((unsigned char)v[i]) && v[i] != 'x' && v[i] != 'X') {
			goto bad;
		}
	}
	return 0;
bad:
	return WARN_ONLY("'%s' is not a MAC address (like 00:16:3e:xx:xx:xx)", v);
}

int conf_valid_mtu(const char *v, char *err, size_t errlen)
{
	unsigned u;

	if (conf_parse_uint(v, &u) < 0)
		return WARN_ONLY("'%s' is not a number; the interface will fail to start", v);
	if (u < 68)
		return WARN_ONLY("MTU %u is below the minimum of 68", u);
	return 0;
}

/* "ADDR[/PREFIX]" into addr (family af) and *prefix (-1 if none). */
static int split_cidr(const char *v, int af, int *prefix, const char *what, char *err, size_t errlen)
{
	char addr[INET6_ADDRSTRLEN + 8];
	unsigned char buf[sizeof(struct in6_addr)];
	const char *slash = strchr(v, '/');
	size_t n = slash ? (size_t)(slash - v) : strlen(v);

	*prefix = -1;
	if (n >= sizeof(addr))
		return REJECT("'%s' is not an %s address", v, what);
	memcpy(addr, v, n);
	addr[n] = '\0';
	if (inet_pton(af, addr, buf) != 1)
		return REJECT("'%s' is not an %s address", addr, what);
	if (slash) {
		unsigned u;

		if (conf_parse_uint(slash + 1, &u) < 0)
			return REJECT("'%s' has a bad prefix length", v);
		*prefix = (int)(u > INT32_MAX ? INT32_MAX : u);
	}
	return 0;
}

int conf_valid_ipv4_cidr(const char *v, char *err, size_t errlen)
{
	char copy[128];
	char *bcast;
	int prefix, ret;

	if (strlen(v) >= sizeof(copy))
		return REJECT("'%.32s...' is not an IPv4 address", v);
	strcpy(copy, v);
	bcast = strchr(copy, ' ');
	if (bcast) {
		struct in_addr b;

		*bcast++ = '\0';
		if (inet_pton(AF_INET, bcast, &b) != 1)
			return REJECT("'%s' is not an IPv4 broadcast address", bcast);
	}
	ret = split_cidr(copy, AF_INET, &prefix, "IPv4", err, errlen);
	if (ret < 0)
		return ret;
	if (prefix > 32)
		return REJECT("'%s': an IPv4 prefix length is 0-32", v);
	return 0;
}

int conf_valid_ipv6_cidr(const char *v, char *err, size_t errlen)
{
	int prefix, ret = split_cidr(v, AF_INET6, &prefix, "IPv6", err, errlen);

	if (ret < 0)
		return ret;
	if (prefix > 128)
		return WARN_ONLY("'%s': an IPv6 prefix length is 0-128", v);
	return 0;
}

static int gateway(const char *v, int af, const char *what, char *err, size_t errlen)
{
	unsigned char buf[sizeof(struct in6_addr)];

	if (!strcmp(v, "auto") || !strcmp(v, "dev"))
		return 0;
	if (inet_pton(af, v, buf) != 1)
		return REJECT("'%s' is not an %s gateway ('auto', 'dev' or an address)", v, what);
	return 0;
}

int conf_valid_ipv4_gateway(const char *v, char *err, size_t errlen)
{
	return gateway(v, AF_INET, "IPv4", err, errlen);
}

int conf_valid_ipv6_gateway(const char *v, char *err, size_t errlen)
{
	return gateway(v, AF_INET6, "IPv6", err, errlen);
}

static int route(const char *v, int af, int max, const char *what, char *err, size_t errlen)
{
	int prefix, ret = split_cidr(v, af, &prefix, what, err, errlen);

	if (ret < 0)
		return ret;
	if (prefix < 0)
		return REJECT("'%s' needs a prefix length (ADDRESS/PREFIX)", v);
	if (prefix > max)
		return REJECT("'%s': an %s prefix length is 0-%d", v, what, max);
	return 0;
}

int conf_valid_ipv4_route(const char *v, char *err, size_t errlen)
{
	return route(v, AF_INET, 32, "IPv4", err, errlen);
}

int conf_valid_ipv6_route(const char *v, char *err, size_t errlen)
{
	return route(v, AF_INET6, 128, "IPv6", err, errlen);
}

#define ENUM_CHECKER(fn, what, ...)                                                   \
	int fn(const char *v, char *err, size_t errlen)                               \
	{                                                                             \
		static const char *const words[] = { __VA_ARGS__, NULL };             \
		if (one_of(v, words, false))                                          \
			return 0;                                                     \
		return REJECT("unknown %s '%s'", what, v);                            \
	}

ENUM_CHECKER(conf_valid_veth_mode, "veth mode (bridge or router)", "bridge", "router")
ENUM_CHECKER(conf_valid_macvlan_mode, "macvlan mode (private, vepa, bridge or passthru)", "private", "vepa", "bridge", "passthru")
ENUM_CHECKER(conf_valid_ipvlan_mode, "ipvlan mode (l2, l3 or l3s)", "l2", "l3", "l3s")
ENUM_CHECKER(conf_valid_ipvlan_isolation, "ipvlan isolation (bridge, private or vepa)", "bridge", "private", "vepa")

int conf_valid_vlan_id(const char *v, char *err, size_t errlen)
{
	unsigned u;
	int ret = conf_parse_uint(v, &u);

	if (ret < 0)
		return number_reason(ret, err, errlen, v);
	if (u > 65535)
		return REJECT("VLAN id %u is out of range (0-4094)", u);
	if (u > 4094)
		return WARN_ONLY("VLAN id %u is out of range (0-4094)", u);
	return 0;
}

int conf_valid_veth_vlan_tagged_id(const char *v, char *err, size_t errlen)
{
	unsigned u;

	if (conf_parse_uint(v, &u) < 0 || u > 4094)
		return REJECT("'%s' is not a VLAN id (0-4094)", v);
	return 0;
}

int conf_valid_veth_vlan_id(const char *v, char *err, size_t errlen)
{
	if (!strcmp(v, "none"))
		return 0;
	return conf_valid_veth_vlan_tagged_id(v, err, errlen);
}

/* ---- id maps, mounts, namespaces, capabilities, limits ---- */

int conf_valid_idmap(const char *v, char *err, size_t errlen)
{
	char type, extra;
	char a[32], b[32], c[32];
	uint64_t nsid, hostid, range;

	if (sscanf(v, "%c %31s %31s %31s %c", &type, a, b, c, &extra) != 4 || (type != 'u' && type != 'g'))
		return REJECT("'%s' is not an id map (u|g NSID HOSTID RANGE)", v);
	if (conf_parse_u64(a, &nsid) < 0 || conf_parse_u64(b, &hostid) < 0 || conf_parse_u64(c, &range) < 0)
		return REJECT("'%s': the ids and the range are unsigned numbers", v);
	if (nsid > UINT32_MAX || hostid > UINT32_MAX || range > (1ULL << 32))
		return WARN_ONLY("'%s': ids are 32-bit; the kernel will refuse this map", v);
	return 0;
}

static int mount_auto_token(const char *tok, char *err, size_t errlen)
{
	static const char *const fixed[] = {
		"proc", "proc:mixed", "proc:rw", "sys", "sys:ro", "sys:rw", "sys:mixed",
		/* LXC 5.0 also takes these few cgroup2 spellings; keep loading them. */
		"cgroup2", "cgroup2:ro", "cgroup2:force", "cgroup2:ro:force", NULL,
	};
	const char *rest;

	if (one_of(tok, fixed, false))
		return 0;
	if (!strncmp(tok, "shmounts:", 9)) {
		for (rest = tok; *rest; rest++)
			if (isspace((unsigned char)*rest))
				return REJECT("bad lxc.mount.auto entry '%s'", tok);
		return 0;
	}
	if (!strncmp(tok, "cgroup-full", 11))
		rest = tok + 11;
	else if (!strncmp(tok, "cgroup", 6))
		rest = tok + 6;
	else
		return REJECT("unknown lxc.mount.auto entry '%s' (proc, sys, cgroup, cgroup-full, shmounts)", tok);
	if (!*rest)
		return 0;
	if (!strncmp(rest, ":mixed", 6))
		rest += 6;
	else if (!strncmp(rest, ":ro", 3) || !strncmp(rest, ":rw", 3))
		rest += 3;
	if (!*rest || !strcmp(rest, ":force"))
		return 0;
	return REJECT("unknown lxc.mount.auto entry '%s'", tok);
}

int conf_valid_mount_auto(const char *v, char *err, size_t errlen)
{
	return each_token(v, " \t", mount_auto_token, err, errlen);
}

static int namespace_token(const char *tok, char *err, size_t errlen)
{
	static const char *const names[] = { "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts", NULL };

	if (one_of(tok, names, true))
		return 0;
	return REJECT("unknown namespace '%s' (cgroup, ipc, mnt, net, pid, time, user, uts)", tok);
}

int conf_valid_namespaces(const char *v, char *err, size_t errlen)
{
	return each_token(v, " \t", namespace_token, err, errlen);
}

int conf_cap_parse(const char *name)
{
	char full[64];
	cap_value_t cap;
	int last = CAP_LAST_CAP;

	if (isdigit((unsigned char)name[0])) {
		unsigned u;

		if ((int)cap_max_bits() - 1 > last)
			last = (int)cap_max_bits() - 1;
		if (conf_parse_uint(name, &u) < 0 || u > (unsigned)last)
			return -EINVAL;
		return (int)u;
	}
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return -EINVAL;
	if (strncasecmp(name, "cap_", 4))
		snprintf(full, sizeof(full), "cap_%s", name);
	else
		snprintf(full, sizeof(full), "%s", name);
	if (cap_from_name(full, &cap) < 0 || isdigit((unsigned char)full[4]))
		return -EINVAL;
	return cap;
}

static int cap_token(const char *tok, char *err, size_t errlen)
{
	if (conf_cap_parse(tok) < 0)
		return REJECT("unknown capability '%s' (e.g. sys_admin, net_raw, or a number)", tok);
	return 0;
}

int conf_valid_caps(const char *v, char *err, size_t errlen)
{
	return each_token(v, " \t", cap_token, err, errlen);
}

static int cap_keep_token(const char *tok, char *err, size_t errlen)
{
	if (!strcmp(tok, "none"))
		return 0;
	return cap_token(tok, err, errlen);
}

int conf_valid_cap_keep(const char *v, char *err, size_t errlen)
{
	return each_token(v, " \t", cap_keep_token, err, errlen);
}

/* One side of a limit: "", unlimited, or a decimal number (LXC reads -1 as unlimited
 * and wraps other negative numbers, which *negative reports). */
static bool rlimit_value(const char *s, size_t n, bool *negative)
{
	char buf[32];
	uint64_t u;
	int64_t i;

	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return true; /* "1024:" and ":1024" are taken by LXC */
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!strcmp(buf, "unlimited"))
		return true;
	if (buf[0] == '-') {
		if (str_to_i64(buf, &i) < 0)
			return false;
		if (i != -1)
			*negative = true;
		return true;
	}
	s = buf[0] == '+' ? buf + 1 : buf;
	return isdigit((unsigned char)*s) && str_to_u64(s, &u) == 0;
}

int conf_valid_prlimit(const char *v, char *err, size_t errlen)
{
	const char *colon = strchr(v, ':');
	bool negative = false;
	bool ok;

	if (!colon)
		ok = rlimit_value(v, strlen(v), &negative);
	else
		ok = !strchr(colon + 1, ':') && rlimit_value(v, (size_t)(colon - v), &negative) &&
		     rlimit_value(colon + 1, strlen(colon + 1), &negative);
	if (!ok)
		return REJECT("'%s' is not a limit (unlimited, N, or SOFT:HARD)", v);
	if (negative)
		return WARN_ONLY("'%s': a negative limit other than -1 wraps to a huge number", v);
	return 0;
}

int conf_valid_rootfs_options(const char *v, char *err, size_t errlen)
{
	const char *p = v;

	/* Mount options are the kernel's business; only idmap= is ours to read. */
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n >= 6 && !strncmp(p, "idmap=", 6)) {
			const char *val = p + 6;
			size_t vn = n - 6;

			if (!(vn == 9 && !strncmp(val, "container", 9)) && !(vn && val[0] == '/'))
				return REJECT("bad idmap= option '%.*s' (idmap=container or idmap=/path/to/userns)",
					      (int)n, p);
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int conf_valid_seccomp_proxy(const char *v, char *err, size_t errlen)
{
	if (strncmp(v, "unix:", 5) || !v[5] || !strcmp(v + 5, "@"))
		return REJECT("'%s' is not a proxy address (unix:PATH or unix:@NAME)", v);
	if (strlen(v + 5) >= 108)
		return REJECT("the proxy socket path is longer than 107 characters");
	return 0;
}

int conf_valid_environment(const char *v, char *err, size_t errlen)
{
	(void)v;
	(void)err;
	(void)errlen;
	return 0;
}

int conf_valid_clear_only(const char *v, char *err, size_t errlen)
{
	return REJECT("this key only clears (give it no value), not '%s'", v);
}
