/* SPDX-License-Identifier: MIT */
/*
 * A fresh board for the boot-memory host tests (memblock, the DT memory
 * scans): allocator state forgotten and [phys, phys + size) of "RAM"
 * backed by a host buffer as the linear map.
 */
#ifndef _TESTS_HOST_LINEAR_MAP_H
#define _TESTS_HOST_LINEAR_MAP_H

#include <stddef.h>

#include <linux/types.h>

/* Reset memblock, the page allocator and the log; map the buffer (0x77-filled). */
void linear_map_setup(phys_addr_t phys, size_t size);
/* Reset the allocators again and free the buffer. */
void linear_map_teardown(void);

#endif /* _TESTS_HOST_LINEAR_MAP_H */
