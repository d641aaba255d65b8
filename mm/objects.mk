kernel-y += mm/memblock.o
