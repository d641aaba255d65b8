kernel-y += lib/prng.o
