kernel-y += lib/prng.o
kernel-y += lib/rbtree.o
