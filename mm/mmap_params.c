// SPDX-License-Identifier: MIT
/*
 * vm.max_map_count (Linux's sysctl, here a boot argument):
 *
 *   vm.max_map_count=<n>   most regions an address space may hold, a
 *                          decimal integer in [0, INT_MAX] (Linux's range);
 *                          default DEFAULT_MAX_MAP_COUNT (65530)
 *
 * A bad value is rejected with a message naming it, and the value kept.
 */
#include <linux/bootparam.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/sched/mm.h>

#include "vma.h"

#define MAX_MAP_COUNT_LIMIT	0x7fffffffUL	/* INT_MAX */

int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;

int vm_max_map_count_param(const char *val)
{
	unsigned long n = 0;
	const char *p;

	for (p = val; *p; p++) {
		if (*p < '0' || *p > '9' ||
		    n > (MAX_MAP_COUNT_LIMIT - (unsigned long)(*p - '0')) / 10)
			goto bad;
		n = n * 10 + (unsigned long)(*p - '0');
	}
	if (p == val)
		goto bad;
	sysctl_max_map_count = (int)n;
	return 0;
bad:
	pr_err("vm.max_map_count: '%s' is not a count in [0, %lu]; keeping %d\n",
	       val, MAX_MAP_COUNT_LIMIT, sysctl_max_map_count);
	return -EINVAL;
}

BOOT_PARAM_CALL("vm.max_map_count", vm_max_map_count_param,
		"most memory regions per address space (default 65530)");
