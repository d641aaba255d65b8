/* SPDX-License-Identifier: MIT */
/*
 * Boot arguments (/chosen/bootargs, QEMU's -append).
 *
 * The command line is a list of words separated by blanks (space, tab, CR,
 * LF, VT, FF). A word is "key=value" or a bare "key". Double quotes group
 * blanks into a word and are removed: init="my prog" and "init=my prog"
 * both give init the value 'my prog'. There is no escape character. In keys,
 * '-' and '_' are interchangeable (fail-page-alloc == fail_page_alloc).
 *
 * Every parameter is declared next to the variable it sets, with one of the
 * BOOT_PARAM_* macros below. The macro places a struct kernel_param in the
 * linker section "bootparams"; parse_kernel_bootargs() walks that section
 * between __start_bootparams and __stop_bootparams. The kernel linker script
 * must KEEP(*(bootparams)) and define both symbols around it; on the host,
 * GNU ld defines them itself because the section name is a C identifier
 * (which also keeps ASan from padding the descriptors with redzones).
 *
 * Rules shared by all types:
 *   - a rejected value leaves the variable untouched (its default, or the
 *     value of an earlier valid duplicate) and is reported with pr_err,
 *     naming the key, the value, the accepted range and the value kept;
 *   - for a duplicated key the last valid occurrence wins;
 *   - only BOOL parameters may appear without a value; "key" and "key="
 *     are rejected for every other type;
 *   - unknown keys are reported with pr_warn and ignored.
 *
 * Types:
 *   BOOL    bool; bare "key" or 1/0, y/n, yes/no, on/off, true/false
 *           (any case)
 *   UINT    u32 in [min, max]; decimal (leading zeros do not mean octal)
 *           or 0x-prefixed hex; no sign
 *   SIZE    as UINT, plus an optional K, M or G suffix (powers of 1024)
 *   STRING  copied into a char array of 'size' bytes; 1..size-1 characters
 *   LIST    as STRING, but must be comma-separated names made of
 *           [A-Za-z0-9_.-], with no empty item (use bootparam_list_has())
 *   CALL    int fn(const char *val): val is never NULL or empty; fn returns
 *           0 to accept or a negative errno to reject, and prints its own
 *           message when it rejects
 */
#ifndef _LINUX_BOOTPARAM_H
#define _LINUX_BOOTPARAM_H

#include <linux/compiler.h>
#include <linux/types.h>

/*
 * Longest command line parsed; the rest is reported and ignored (a word
 * cut by the limit is dropped).
 */
#define BOOTPARAM_CMDLINE_MAX	4096
/* Longest word (after quote removal) accepted, in characters. */
#define BOOTPARAM_WORD_MAX	255

enum bootparam_type {
	BOOTPARAM_BOOL,
	BOOTPARAM_UINT,
	BOOTPARAM_SIZE,
	BOOTPARAM_STRING,
	BOOTPARAM_LIST,
	BOOTPARAM_CALL,
};

/*
 * One known key. Descriptors are read-only; only the variable behind 'arg'
 * changes. sizeof() is a multiple of sizeof(void *), so descriptors placed
 * in the section by separate definitions pack like an array.
 */
struct kernel_param {
	const char *name;	/* key as written on the command line */
	const char *help;	/* one line, for bootparams_print() */
	union {
		bool *b;			/* BOOL */
		u32 *u;				/* UINT, SIZE */
		char *s;			/* STRING, LIST */
		int (*set)(const char *val);	/* CALL */
	} arg;
	u32 min;		/* UINT, SIZE: smallest accepted value */
	u32 max;		/* UINT, SIZE: largest accepted value */
	u32 size;		/* STRING, LIST: bytes in arg.s, NUL included */
	u32 type;		/* enum bootparam_type */
};

/*
 * Initializers for a struct kernel_param, for tables passed to
 * parse_bootargs() directly (tests). Declarations in kernel code use the
 * BOOT_PARAM_* macros further down instead.
 */
#define KERNEL_PARAM_BOOL(_name, _var, _help) \
	{ .name = (_name), .help = (_help), .type = BOOTPARAM_BOOL, \
	  .arg.b = &(_var) }
#define KERNEL_PARAM_UINT(_name, _var, _min, _max, _help) \
	{ .name = (_name), .help = (_help), .type = BOOTPARAM_UINT, \
	  .arg.u = &(_var), .min = (_min), .max = (_max) }
#define KERNEL_PARAM_SIZE(_name, _var, _min, _max, _help) \
	{ .name = (_name), .help = (_help), .type = BOOTPARAM_SIZE, \
	  .arg.u = &(_var), .min = (_min), .max = (_max) }
#define KERNEL_PARAM_STRING(_name, _buf, _size, _help) \
	{ .name = (_name), .help = (_help), .type = BOOTPARAM_STRING, \
	  .arg.s = (_buf), .size = (_size) }
#define KERNEL_PARAM_LIST(_name, _buf, _size, _help) \
	{ .name = (_name), .help = (_help), .type = BOOTPARAM_LIST, \
	  .arg.s = (_buf), .size = (_size) }
#define KERNEL_PARAM_CALL(_name, _fn, _help) \
	{ .name = (_name), .help = (_help), .type = BOOTPARAM_CALL, \
	  .arg.set = (_fn) }

/* Places one descriptor, named after the variable it sets, in the section. */
#define __BOOT_PARAM(_id, ...) \
	static const struct kernel_param __bootparam_##_id \
	__used __section("bootparams") __aligned(sizeof(void *)) = __VA_ARGS__

/*
 * Declarations, at file scope next to the variable:
 *
 *	static u32 tick_hz = 100;
 *	BOOT_PARAM_UINT("hz", tick_hz, 10, 1000, "timer interrupts per second");
 *
 * The variable must have exactly the type named above (u32, bool, char[]);
 * its initial value is the default.
 */
#define BOOT_PARAM_BOOL(_name, _var, _help) \
	__BOOT_PARAM(_var, KERNEL_PARAM_BOOL(_name, _var, _help))

#define BOOT_PARAM_UINT(_name, _var, _min, _max, _help) \
	_Static_assert((_min) <= (_max), "BOOT_PARAM_UINT " _name ": min > max"); \
	__BOOT_PARAM(_var, KERNEL_PARAM_UINT(_name, _var, _min, _max, _help))

#define BOOT_PARAM_SIZE(_name, _var, _min, _max, _help) \
	_Static_assert((_min) <= (_max), "BOOT_PARAM_SIZE " _name ": min > max"); \
	__BOOT_PARAM(_var, KERNEL_PARAM_SIZE(_name, _var, _min, _max, _help))

/* _buf must be a char array; _size (normally sizeof(_buf)) may not exceed it. */
#define BOOT_PARAM_STRING(_name, _buf, _size, _help) \
	_Static_assert((_size) >= 2 && (_size) <= sizeof(_buf), \
		       "BOOT_PARAM_STRING " _name ": bad size"); \
	__BOOT_PARAM(_buf, KERNEL_PARAM_STRING(_name, _buf, _size, _help))

#define BOOT_PARAM_LIST(_name, _buf, _size, _help) \
	_Static_assert((_size) >= 2 && (_size) <= sizeof(_buf), \
		       "BOOT_PARAM_LIST " _name ": bad size"); \
	__BOOT_PARAM(_buf, KERNEL_PARAM_LIST(_name, _buf, _size, _help))

#define BOOT_PARAM_CALL(_name, _fn, _help) \
	__BOOT_PARAM(_fn, KERNEL_PARAM_CALL(_name, _fn, _help))

int parse_bootargs(const char *cmdline, const struct kernel_param *start,
		   const struct kernel_param *end);
int parse_kernel_bootargs(const char *cmdline);
void bootparams_print(void);
/* A BOOL spelling (1/0, y/n, yes/no, on/off, true/false, any case): 0, or -EINVAL. */
int bootparam_parse_bool(const char *s, bool *out);
bool bootparam_list_has(const char *list, const char *name);

#endif /* _LINUX_BOOTPARAM_H */
