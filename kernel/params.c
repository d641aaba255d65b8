// SPDX-License-Identifier: MIT
/*
 * Boot-argument parser: splits the command line into words, looks each key
 * up in a table of struct kernel_param and converts the value according to
 * the descriptor's type. The syntax and the per-type rules are in
 * <linux/bootparam.h>.
 *
 * Nothing here allocates: each word is copied (quotes removed) into a
 * fixed buffer on the stack, so a hostile or corrupt command line can at
 * worst produce messages. The C library is not used for parsing either,
 * so the firmware and the host tests convert numbers identically.
 */
#define pr_fmt(fmt) "bootargs: " fmt

#include <linux/bootparam.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>

/* Longest part of a word quoted in a message; longer ones end in "...". */
#define SHOW_MAX	64

/* Descriptors from all BOOT_PARAM_* declarations (see the linker script). */
extern const struct kernel_param __start_bootparams[];
extern const struct kernel_param __stop_bootparams[];

/* The section is walked as an array: no padding between descriptors. */
BUILD_BUG_ON(sizeof(struct kernel_param) % sizeof(void *));

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* Length of s, counting at most max characters. */
static size_t bounded_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* Characters of s to quote in a message, and the marker for the cut. */
static int show_len(const char *s)
{
	return (int)bounded_len(s, SHOW_MAX);
}

static const char *show_more(const char *s)
{
	return bounded_len(s, SHOW_MAX + 1) > SHOW_MAX ? "..." : "";
}

/* Case-insensitive equality of two NUL-terminated strings. */
static bool str_ieq(const char *a, const char *b)
{
	while (*a && to_lower(*a) == to_lower(*b)) {
		a++;
		b++;
	}
	return to_lower(*a) == to_lower(*b);
}

/*
 * Are the first len characters of s exactly the string name? s must have no
 * NUL among them (so a shorter name mismatches at its NUL). With loose, '-'
 * and '_' match each other (parameter keys, as in Linux).
 */
static bool span_equal(const char *s, size_t len, const char *name, bool loose)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char a = s[i], b = name[i];

		if (loose) {
			a = a == '-' ? '_' : a;
			b = b == '-' ? '_' : b;
		}
		if (a != b)
			return false;
	}
	return name[len] == '\0';
}

/*
 * Parse an unsigned 32-bit number: decimal, or hex after 0x/0X. With
 * allow_suffix, one trailing K, M or G (either case) multiplies by 2^10,
 * 2^20 or 2^30. Returns 0 and sets *out, -ERANGE if the value does not fit
 * in 32 bits, or -EINVAL for anything else (empty, sign, stray character).
 * *out is only written on success.
 */
static int parse_u32(const char *s, bool allow_suffix, u32 *out)
{
	unsigned int base = 10, digits = 0, shift = 0;
	u64 v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++, digits++) {
		char c = to_lower(*s);
		unsigned int d;

		if (is_digit(c))
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			break;
		v = v * base + d;
		if (v > UINT32_MAX)
			return -ERANGE;
	}
	if (!digits)
		return -EINVAL;
	if (allow_suffix && *s) {
		switch (to_lower(*s)) {
		case 'k':
			shift = 10;
			break;
		case 'm':
			shift = 20;
			break;
		case 'g':
			shift = 30;
			break;
		default:
			return -EINVAL;
		}
		s++;
	}
	if (*s)
		return -EINVAL;
	if ((v << shift) > UINT32_MAX)
		return -ERANGE;
	*out = (u32)(v << shift);
	return 0;
}

int bootparam_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "y", "yes", "on", "true" };
	static const char *const no[] = { "0", "n", "no", "off", "false" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (str_ieq(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (str_ieq(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * Is s a valid LIST value: one or more non-empty, comma-separated names of
 * [A-Za-z0-9_.-]?
 */
static bool list_valid(const char *s)
{
	size_t item = 0;

	for (;; s++) {
		char c = to_lower(*s);

		if (c == ',' || c == '\0') {
			if (!item)
				return false;
			if (c == '\0')
				return true;
			item = 0;
		} else if ((c >= 'a' && c <= 'z') || is_digit(c) ||
			   c == '_' || c == '.' || c == '-') {
			item++;
		} else {
			return false;
		}
	}
}

/* Copy a NUL-terminated string of len characters, NUL included. */
static void copy_str(char *dst, const char *src, size_t len)
{
	size_t i;

	for (i = 0; i <= len; i++)
		dst[i] = src[i];
}

/*
 * Report that word (a key, possibly followed by "=value") was rejected by
 * parameter p: what p accepts and which value it keeps.
 */
static void param_reject(const struct kernel_param *p, const char *word)
{
	int n = show_len(word);
	const char *more = show_more(word);

	switch (p->type) {
	case BOOTPARAM_BOOL:
		pr_warn("%.*s%s rejected: expected 1/0, y/n, yes/no, on/off or true/false, keeping %s\n",
		       n, word, more, *p->arg.b ? "y" : "n");
		break;
	case BOOTPARAM_UINT:
		pr_warn("%.*s%s rejected: expected %u..%u, keeping %u\n",
		       n, word, more, (unsigned int)p->min,
		       (unsigned int)p->max, (unsigned int)*p->arg.u);
		break;
	case BOOTPARAM_SIZE:
		pr_warn("%.*s%s rejected: expected %u..%u (K/M/G suffix allowed), keeping %u\n",
		       n, word, more, (unsigned int)p->min,
		       (unsigned int)p->max, (unsigned int)*p->arg.u);
		break;
	case BOOTPARAM_STRING:
		pr_warn("%.*s%s rejected: expected 1..%u characters, keeping \"%.*s%s\"\n",
		       n, word, more, (unsigned int)p->size - 1,
		       show_len(p->arg.s), p->arg.s, show_more(p->arg.s));
		break;
	case BOOTPARAM_LIST:
		pr_warn("%.*s%s rejected: expected comma-separated names of [A-Za-z0-9_.-], 1..%u characters, keeping \"%.*s%s\"\n",
		       n, word, more, (unsigned int)p->size - 1,
		       show_len(p->arg.s), p->arg.s, show_more(p->arg.s));
		break;
	case BOOTPARAM_CALL:
		pr_warn("%.*s%s rejected: expected a value\n", n, word, more);
		break;
	}
}

/*
 * Apply one value to parameter p. val is NULL for a bare key. word is the
 * whole word, for messages. Returns 0 if the value was stored, -EINVAL if
 * it was rejected (and reported); the variable then keeps its value.
 */
static int param_set(const struct kernel_param *p, const char *word,
		     const char *val)
{
	size_t len;
	bool b;
	u32 u;

	if (p->type == BOOTPARAM_BOOL && !val) {
		*p->arg.b = true;
		return 0;
	}
	if (!val || !*val)
		goto reject;

	switch (p->type) {
	case BOOTPARAM_BOOL:
		if (bootparam_parse_bool(val, &b))
			goto reject;
		*p->arg.b = b;
		return 0;
	case BOOTPARAM_UINT:
	case BOOTPARAM_SIZE:
		if (parse_u32(val, p->type == BOOTPARAM_SIZE, &u) ||
		    u < p->min || u > p->max)
			goto reject;
		*p->arg.u = u;
		return 0;
	case BOOTPARAM_STRING:
	case BOOTPARAM_LIST:
		len = bounded_len(val, p->size);
		if (len >= p->size)
			goto reject;
		if (p->type == BOOTPARAM_LIST && !list_valid(val))
			goto reject;
		copy_str(p->arg.s, val, len);
		return 0;
	case BOOTPARAM_CALL:
		/* The hook reports its own rejection. */
		return p->arg.set(val) ? -EINVAL : 0;
	}
	pr_err("%s: bad descriptor type %u\n", p->name, (unsigned int)p->type);
	return -EINVAL;
reject:
	param_reject(p, word);
	return -EINVAL;
}

/*
 * Copy the next word starting at *pos (not blank, before limit) into buf,
 * removing double quotes; blanks inside quotes belong to the word. At most
 * bufsize - 1 characters are stored, always NUL-terminated. On return *pos
 * points just past the word. Returns the full length of the word after
 * quote removal (possibly >= bufsize), or -EINVAL if a quote is left open.
 */
static long next_word(const char **pos, const char *limit, char *buf,
		      size_t bufsize)
{
	const char *p = *pos;
	bool quoted = false;
	size_t len = 0;

	for (; p < limit && (quoted || !is_blank(*p)); p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (len < bufsize - 1)
			buf[len] = *p;
		len++;
	}
	buf[min(len, bufsize - 1)] = '\0';
	*pos = p;
	return quoted ? -EINVAL : (long)len;
}

/* Find the parameter named by the first len characters of key, or NULL. */
static const struct kernel_param *param_find(const char *key, size_t len,
					     const struct kernel_param *start,
					     const struct kernel_param *end)
{
	const struct kernel_param *p;

	for (p = start; p < end; p++)
		if (span_equal(key, len, p->name, true))
			return p;
	return NULL;
}

/*
 * Parse a whole command line against the table [start, end). cmdline may
 * be NULL or empty. Each word is applied in order, so the last valid
 * occurrence of a key wins. Returns the number of words not applied:
 * unknown keys (warned), bad values, over-long or badly quoted words
 * (errors), plus one if the line was longer than BOOTPARAM_CMDLINE_MAX
 * (the cut-off tail is ignored).
 */
int parse_bootargs(const char *cmdline, const struct kernel_param *start,
		   const struct kernel_param *end)
{
	char word[BOOTPARAM_WORD_MAX + 1];
	const char *pos, *limit;
	bool truncated;
	int rejected = 0;
	size_t len;

	if (!cmdline)
		return 0;
	len = bounded_len(cmdline, BOOTPARAM_CMDLINE_MAX + 1);
	truncated = len > BOOTPARAM_CMDLINE_MAX;
	if (truncated) {
		pr_warn("command line longer than %u characters, the rest is ignored\n",
		       BOOTPARAM_CMDLINE_MAX);
		rejected++;
		len = BOOTPARAM_CMDLINE_MAX;
	}
	pos = cmdline;
	limit = cmdline + len;

	for (;;) {
		const struct kernel_param *p;
		const char *eq;
		long wlen;

		while (pos < limit && is_blank(*pos))
			pos++;
		if (pos == limit)
			break;
		wlen = next_word(&pos, limit, word, sizeof(word));
		if (truncated && pos == limit)
			break;	/* cut in the middle by the limit */
		if (wlen < 0) {
			pr_warn("'%.*s%s' has an unterminated quote, ignored\n",
			       show_len(word), word, show_more(word));
			rejected++;
			continue;
		}
		if (wlen > BOOTPARAM_WORD_MAX) {
			pr_warn("'%.*s...' is %ld characters long, more than %u, ignored\n",
			       show_len(word), word, wlen, BOOTPARAM_WORD_MAX);
			rejected++;
			continue;
		}
		if (wlen == 0)
			continue;	/* a lone "" */

		for (eq = word; *eq && *eq != '='; eq++)
			;
		p = param_find(word, eq - word, start, end);
		if (!p) {
			pr_warn("unknown parameter '%.*s%s' ignored\n",
				show_len(word), word, show_more(word));
			rejected++;
			continue;
		}
		if (param_set(p, word, *eq ? eq + 1 : NULL))
			rejected++;
	}
	return rejected;
}

/*
 * Parse cmdline against every parameter declared with BOOT_PARAM_*.
 * Same conventions as parse_bootargs().
 */
int parse_kernel_bootargs(const char *cmdline)
{
	return parse_bootargs(cmdline, __start_bootparams, __stop_bootparams);
}

/* Print every declared parameter's current value at KERN_DEBUG, one a line. */
void bootparams_print(void)
{
	const struct kernel_param *p;

	for (p = __start_bootparams; p < __stop_bootparams; p++) {
		switch (p->type) {
		case BOOTPARAM_BOOL:
			pr_debug("%s=%s (%s)\n", p->name,
				 *p->arg.b ? "y" : "n", p->help);
			break;
		case BOOTPARAM_UINT:
		case BOOTPARAM_SIZE:
			pr_debug("%s=%u (%s)\n", p->name,
				 (unsigned int)*p->arg.u, p->help);
			break;
		case BOOTPARAM_STRING:
		case BOOTPARAM_LIST:
			pr_debug("%s=\"%s\" (%s)\n", p->name, p->arg.s,
				 p->help);
			break;
		case BOOTPARAM_CALL:
			pr_debug("%s=<set by hook> (%s)\n", p->name, p->help);
			break;
		}
	}
}

/*
 * Is name one of the items of the comma-separated list, or is one of the
 * items "all"? Comparison is exact. A NULL or empty list, or a NULL or
 * empty name, contains nothing.
 */
bool bootparam_list_has(const char *list, const char *name)
{
	const char *item;

	if (!list || !name || !*name)
		return false;
	for (item = list; *item; ) {
		size_t len = 0;

		while (item[len] && item[len] != ',')
			len++;
		if (span_equal(item, len, name, false) ||
		    span_equal(item, len, "all", false))
			return true;
		item += len;
		if (*item == ',')
			item++;
	}
	return false;
}
