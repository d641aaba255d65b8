// SPDX-License-Identifier: MIT
/*
 * Boot arguments of the slab allocator, read before kmem_cache_init().
 *
 *   slab_debug[=<bool>]          red zones, poison and caller tracking on
 *                                every cache (Linux's slab_debug)
 *   slab_debug.caches=<names>    with slab_debug: only these caches
 *   failslab=<0-100>             fail this percentage of object allocations
 *                                once the boot is complete (the per-CPU
 *                                arrays go off meanwhile, so that every
 *                                allocation reaches the injection point;
 *                                the cache of caches is exempt)
 */
#include <linux/bootparam.h>
#include <linux/slab.h>

BOOT_PARAM_BOOL("slab_debug", slab_debug_all,
		"red zones, poison and caller tracking on every slab cache");
BOOT_PARAM_LIST("slab_debug.caches", slab_debug_caches, sizeof(slab_debug_caches),
		"with slab_debug: debug only these caches (comma list of names)");
BOOT_PARAM_UINT("failslab", failslab_boot, 0, 100,
		"fault injection: percentage of object allocations that fail, from the end of boot");
