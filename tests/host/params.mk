HOST_TESTS += params
host_params_SRCS := kernel/params.c tests/host/test_params.c
