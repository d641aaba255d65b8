// SPDX-License-Identifier: MIT
/*
 * Boot arguments of the page frame allocator. They set the allocator's
 * knobs before memblock_free_all() hands it memory.
 *
 *   page_poison=<bool>        poison freed frames, check on allocation
 *                             (Linux's name); bad frees are detected anyway
 *   page_alloc.grouping=<bool> grouping by mobility (default on)
 *   fail_page_alloc=<0-100>   fail this percentage of allocations
 */
#include <linux/bootparam.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/printk.h>

#include "internal.h"

BOOT_PARAM_BOOL("page_poison", page_alloc_debug,
		"poison free frames and check the poison when they are handed out");
BOOT_PARAM_UINT("fail_page_alloc", fail_page_alloc_boot, 0, 100,
		"fault injection: percentage of page allocations that fail, from the end of boot");

/* The knob is the inverse of the bootarg: Linux's "disabled" flag. */
static int set_grouping(const char *val)
{
	bool on;

	if (!bootparam_parse_bool(val, &on)) {
		page_group_by_mobility_disabled = !on;
		return 0;
	}
	pr_warn("bootargs: page_alloc.grouping=%s rejected: expected on or off, keeping %s\n",
		val, page_group_by_mobility_disabled ? "off" : "on");
	return -EINVAL;
}
BOOT_PARAM_CALL("page_alloc.grouping", set_grouping,
		"group pageblocks by mobility (on, default) or not (off)");
