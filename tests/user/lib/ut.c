// SPDX-License-Identifier: MIT
/*
 * The test runtime shared by both variants: string helpers, the formatted
 * writer, case running and the check failure path. Nothing here depends on
 * which kernel runs the program; abi_kernel.c and abi_linux.c hold what does.
 */
#include "ut.h"

int ut_argc;
char **ut_argv;
char **ut_envp;
unsigned long *ut_auxv;

static const char *ut_prog = "?";
static const char *ut_case_name = "?";

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

/* The line buffer of one ut_dprintf call; longer output is cut. */
#define UT_LINE_MAX	256

struct ut_buf {
	char s[UT_LINE_MAX];
	unsigned int len;
};

static void ut_putc(struct ut_buf *b, char c)
{
	if (b->len < sizeof(b->s))
		b->s[b->len++] = c;
}

static void ut_putnum(struct ut_buf *b, unsigned long v, unsigned int base, int neg,
		      int width, char pad)
{
	char tmp[12];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	while (width-- > n)
		ut_putc(b, pad);
	while (n)
		ut_putc(b, tmp[--n]);
}

static void ut_vformat(struct ut_buf *b, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0;
		char pad = ' ';

		if (*fmt != '%') {
			ut_putc(b, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == 'l')
			fmt++;
		switch (*fmt) {
		case 'd': {
			long v = va_arg(ap, long);

			ut_putnum(b, v < 0 ? -(unsigned long)v : (unsigned long)v, 10, v < 0,
				  width, pad);
			break;
		}
		case 'u':
			ut_putnum(b, va_arg(ap, unsigned long), 10, 0, width, pad);
			break;
		case 'x':
			ut_putnum(b, va_arg(ap, unsigned long), 16, 0, width, pad);
			break;
		case 'p':
			ut_putc(b, '0');
			ut_putc(b, 'x');
			ut_putnum(b, (unsigned long)va_arg(ap, void *), 16, 0, 8, '0');
			break;
		case 'c':
			ut_putc(b, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			for (s = s ? s : "(null)"; *s; s++)
				ut_putc(b, *s);
			break;
		}
		case '%':
			ut_putc(b, '%');
			break;
		default:
			return;
		}
	}
}

long ut_dprintf(int fd, const char *fmt, ...)
{
	struct ut_buf b = { .len = 0 };
	va_list ap;

	va_start(ap, fmt);
	ut_vformat(&b, fmt, ap);
	va_end(ap);
	return sys_write(fd, b.s, b.len);
}

void ut_fail(const char *file, int line, const char *expr)
{
	ut_printf("not ok %s.%s: %s:%d: %s\n", ut_prog, ut_case_name, file, line, expr);
	sys_exit_group(1);
}

void ut_fail_eq(const char *file, int line, const char *a, const char *b, long va, long vb)
{
	ut_printf("not ok %s.%s: %s:%d: %s == %s (%ld vs %ld, 0x%lx vs 0x%lx)\n", ut_prog,
		  ut_case_name, file, line, a, b, va, vb, (unsigned long)va, (unsigned long)vb);
	sys_exit_group(1);
}

void ut_fail_err(const char *file, int line, const char *expr, long err)
{
	ut_printf("not ok %s.%s: %s:%d: %s failed with %ld\n", ut_prog, ut_case_name, file,
		  line, expr, err);
	sys_exit_group(1);
}

const char *ut_getenv(const char *name)
{
	size_t n = strlen(name);
	char **e;

	for (e = ut_envp; e && *e; e++)
		if (!memcmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

/* Whether "<prog>.<case>" is an item of the comma-separated list. */
static int ut_listed(const char *list, const char *prog, const char *name)
{
	size_t lp = strlen(prog), ln = strlen(name);

	while (list && *list) {
		const char *end = list;

		while (*end && *end != ',')
			end++;
		if ((size_t)(end - list) == lp + 1 + ln && !memcmp(list, prog, lp) &&
		    list[lp] == '.' && !memcmp(list + lp + 1, name, ln))
			return 1;
		list = *end ? end + 1 : end;
	}
	return 0;
}

int ut_run(const struct ut_case *cases, int n)
{
	const char *skip = ut_abi_honours_env ? ut_getenv("UTEST_SKIP") : NULL;
	const char *only = ut_abi_honours_env ? ut_getenv("UTEST_ONLY") : NULL;
	int i, passed = 0, skipped = 0;

	if (only && !*only)
		only = NULL;
	for (i = 0; i < n; i++) {
		ut_case_name = cases[i].name;
		if (ut_listed(skip, ut_prog, cases[i].name)) {
			ut_printf("skip %s.%s: listed in UTEST_SKIP\n", ut_prog, cases[i].name);
			skipped++;
			continue;
		}
		if (only && !ut_listed(only, ut_prog, cases[i].name)) {
			skipped++;
			continue;
		}
		cases[i].fn();
		ut_printf("ok %s.%s\n", ut_prog, cases[i].name);
		passed++;
	}
	ut_case_name = "(end)";
	ut_printf("%s: %d passed, %d skipped (%s runtime)\n", ut_prog, passed, skipped,
		  ut_abi_name);
	CHECK(passed > 0);
	return 0;
}

int ut_run_child(void (*fn)(void *), void *arg)
{
	long pid = sys_fork();
	int status = -1;

	CHECK_OK(pid);
	if (pid == 0) {
		fn(arg);
		sys_exit_group(0);
	}
	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), pid);
	return status;
}

void *ut_map(unsigned long len, int prot)
{
	long r = sys_mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK_OK(r);
	return (void *)r;
}

int main(void);
__attribute__((noreturn)) void ut_start(unsigned long *sp);

/*
 * Called by crt0 with the initial stack pointer, laid out as Linux's
 * create_elf_tables() leaves it: argc, argv[0..argc-1], NULL, envp..., NULL,
 * then (type, value) auxv pairs ending with AT_NULL.
 */
void ut_start(unsigned long *sp)
{
	const char *p;
	char **e;

	ut_argc = (int)sp[0];
	ut_argv = (char **)(sp + 1);
	ut_envp = ut_argv + ut_argc + 1;
	for (e = ut_envp; *e; e++)
		;
	ut_auxv = (unsigned long *)(e + 1);
	if (ut_argc > 0 && ut_argv[0]) {
		ut_prog = ut_argv[0];
		for (p = ut_argv[0]; *p; p++)
			if (*p == '/')
				ut_prog = p + 1;
	}
	sys_exit_group(main());
}
