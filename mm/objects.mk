kernel-y += mm/memblock.o mm/sparse.o mm/page_alloc.o mm/page_alloc_pcp.o
kernel-y += mm/page_alloc_init.o mm/page_alloc_debug.o mm/page_alloc_check.o mm/fail_page_alloc.o
kernel-y += mm/page_report.o mm/page_alloc_params.o
kernel-y += mm/slab.o mm/slab_cache.o mm/kmalloc.o mm/slab_debug.o mm/slab_check.o mm/slab_report.o mm/slab_params.o
kernel-y += mm/vmap_area.o mm/vmalloc.o mm/vmalloc_report.o
kernel-y += mm/vmstat.o
kernel-y += mm/vmstat_report.o mm/meminfo.o
