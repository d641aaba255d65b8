/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/printk.h>

#include "host_log.h"

_Thread_local unsigned long host_sie = 1;

static char log_buf[1 << 16];
static size_t log_len;
static unsigned int log_errors;
static unsigned int log_warnings;

void host_log_reset(void)
{
	log_len = 0;
	log_buf[0] = '\0';
	log_errors = 0;
	log_warnings = 0;
}

const char *host_log(void)
{
	return log_buf;
}

bool host_log_contains(const char *needle)
{
	return strstr(log_buf, needle) != NULL;
}

unsigned int host_log_errors(void)
{
	return log_errors;
}

unsigned int host_log_warnings(void)
{
	return log_warnings;
}

unsigned int printk_error_count(void)
{
	return log_errors;
}

int vprintk(const char *fmt, va_list ap)
{
	char line[1024];
	int level = LOGLEVEL_DEFAULT;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	if (level <= 3)
		log_errors++;
	else if (level == 4)
		log_warnings++;
	n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n < 0)
		return n;
	if (getenv("HOST_LOG"))
		fputs(line, stderr);
	if (log_len + strlen(line) + 1 < sizeof(log_buf)) {
		memcpy(log_buf + log_len, line, strlen(line) + 1);
		log_len += strlen(line);
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

#include <linux/bug.h>

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("host panic: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}
