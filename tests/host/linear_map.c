// SPDX-License-Identifier: MIT
#include <stdlib.h>
#include <string.h>

#include <linux/memblock.h>
#include <asm/page.h>

#include "../../mm/internal.h"
#include "host_log.h"
#include "linear_map.h"

static void *arena;

void linear_map_setup(phys_addr_t phys, size_t size)
{
	host_log_reset();
	memblock_reset();
	page_alloc_reset();
	arena = aligned_alloc(PAGE_SIZE, size);
	if (!arena)
		abort();
	memset(arena, 0x77, size);
	phys_ram_base = phys;
	va_pa_offset = (unsigned long)arena - (unsigned long)phys;
}

void linear_map_teardown(void)
{
	page_alloc_reset();
	memblock_reset();
	free(arena);
	arena = NULL;
}
