/* SPDX-License-Identifier: MIT */
/*
 * The host tests' printk: every message (level prefix stripped) is appended
 * to an in-memory log that tests search; HOST_LOG=1 in the environment also
 * echoes it to stderr.
 */
#ifndef _HOST_LOG_H
#define _HOST_LOG_H

#include <stdbool.h>

void host_log_reset(void);
const char *host_log(void);
bool host_log_contains(const char *needle);
/* Number of messages logged at KERN_ERR or more severe since the last reset. */
unsigned int host_log_errors(void);
/* Number of messages logged at KERN_WARNING since the last reset. */
unsigned int host_log_warnings(void);

#endif /* _HOST_LOG_H */
