HOST_TESTS += rbtree
host_rbtree_SRCS := lib/rbtree.c lib/prng.c tests/host/test_rbtree.c
