// SPDX-License-Identifier: MIT
/*
 * Host tests of lib/rbtree.c: random inserts and erases checked after every
 * step against a sorted reference array (order, iteration both ways), the
 * red-black invariants (rb_validate) and two augmented values recomputed
 * from scratch (subtree size and subtree maximum of a per-node weight).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/prng.h>
#include <linux/rbtree.h>

struct item {
	struct rb_node rb;
	unsigned long key;
	unsigned long weight;		/* the node's own contribution */
	unsigned long max_weight;	/* max weight in the subtree */
	unsigned long count;		/* nodes in the subtree */
};

#define ITEM(n)	rb_entry(n, struct item, rb)

static void item_update(struct rb_node *n)
{
	struct item *it = ITEM(n);
	unsigned long m = it->weight, c = 1;

	if (n->rb_left) {
		m = ITEM(n->rb_left)->max_weight > m ? ITEM(n->rb_left)->max_weight : m;
		c += ITEM(n->rb_left)->count;
	}
	if (n->rb_right) {
		m = ITEM(n->rb_right)->max_weight > m ? ITEM(n->rb_right)->max_weight : m;
		c += ITEM(n->rb_right)->count;
	}
	it->max_weight = m;
	it->count = c;
}

static const struct rb_augment_callbacks item_cb = { .update = item_update };

static void insert(struct rb_root *root, struct item *it, bool augmented)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < ITEM(parent)->key ? &parent->rb_left : &parent->rb_right;
	}
	it->max_weight = it->weight;
	it->count = 1;
	rb_link_node(&it->rb, parent, link);
	if (augmented)
		rb_insert_augmented(&it->rb, root, &item_cb);
	else
		rb_insert_color(&it->rb, root);
}

/* Recompute both augmented values of the subtree; fail on a stale one. */
static void check_aug(const struct rb_node *n, unsigned long *max, unsigned long *cnt)
{
	unsigned long lm = 0, lc = 0, rm = 0, rc = 0, m;

	if (!n) {
		*max = 0;
		*cnt = 0;
		return;
	}
	check_aug(n->rb_left, &lm, &lc);
	check_aug(n->rb_right, &rm, &rc);
	m = ITEM(n)->weight;
	m = lm > m ? lm : m;
	m = rm > m ? rm : m;
	assert_int_equal(ITEM(n)->max_weight, m);
	assert_int_equal(ITEM(n)->count, lc + rc + 1);
	*max = m;
	*cnt = lc + rc + 1;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* The tree holds exactly keys[0..n) (sorted here), in order both ways. */
static void check_tree(struct rb_root *root, unsigned long *keys, unsigned long n,
		       bool augmented)
{
	unsigned long nodes, i, m, c;
	struct rb_node *p;
	int bh;

	bh = rb_validate(root, &nodes);
	assert_true(bh >= 0);
	assert_int_equal(nodes, n);
	qsort(keys, n, sizeof(*keys), cmp_ulong);
	for (i = 0, p = rb_first(root); p; p = rb_next(p), i++)
		assert_int_equal(ITEM(p)->key, keys[i]);
	assert_int_equal(i, n);
	for (i = n, p = rb_last(root); p; p = rb_prev(p))
		assert_int_equal(ITEM(p)->key, keys[--i]);
	assert_int_equal(i, 0);
	if (augmented) {
		check_aug(root->rb_node, &m, &c);
		assert_int_equal(c, n);
	}
}

static void test_empty(void **state)
{
	struct rb_root root = RB_ROOT;
	unsigned long n = 7;

	(void)state;
	assert_true(RB_EMPTY_ROOT(&root));
	assert_null(rb_first(&root));
	assert_null(rb_last(&root));
	assert_int_equal(rb_validate(&root, &n), 0);
	assert_int_equal(n, 0);
}

/* Ascending inserts are the classic worst case for an unbalanced tree. */
static void test_sequential_height(void **state)
{
	enum { N = 4096 };
	struct item *items = calloc(N, sizeof(*items));
	struct rb_root root = RB_ROOT;
	unsigned long i, n;
	int bh;

	(void)state;
	for (i = 0; i < N; i++) {
		items[i].key = i;
		insert(&root, &items[i], false);
	}
	bh = rb_validate(&root, &n);
	assert_int_equal(n, N);
	/* black height <= log2(n + 1): 12 for 4096 nodes */
	assert_true(bh > 0 && bh <= 13);
	for (i = 0; i < N; i += 2)
		rb_erase(&items[i].rb, &root);
	assert_true(rb_validate(&root, &n) >= 0);
	assert_int_equal(n, N / 2);
	assert_int_equal(ITEM(rb_first(&root))->key, 1);
	free(items);
}

static void random_ops(bool augmented, u64 seed)
{
	enum { N = 600, OPS = 6000 };
	struct item *items = calloc(N, sizeof(*items));
	bool *in = calloc(N, sizeof(*in));
	unsigned long *keys = calloc(N, sizeof(*keys));
	struct rb_root root = RB_ROOT;
	struct prng rng;
	unsigned long nr = 0, op, i, k;

	prng_seed(&rng, seed);
	for (i = 0; i < N; i++) {
		/* duplicate keys on purpose: the tree must keep them all */
		items[i].key = prng_below(&rng, N / 2);
		items[i].weight = prng_below(&rng, 100000);
	}
	for (op = 0; op < OPS; op++) {
		i = prng_below(&rng, N);
		if (!in[i]) {
			insert(&root, &items[i], augmented);
			in[i] = true;
			nr++;
		} else if (augmented && prng_below(&rng, 4) == 0) {
			/* change a linked node's own value, then propagate */
			items[i].weight = prng_below(&rng, 100000);
			rb_augment_propagate(&items[i].rb, &item_cb);
		} else {
			if (augmented)
				rb_erase_augmented(&items[i].rb, &root, &item_cb);
			else
				rb_erase(&items[i].rb, &root);
			in[i] = false;
			nr--;
		}
		if (op % 7 == 0 || op < 200) {
			for (i = 0, k = 0; i < N; i++)
				if (in[i])
					keys[k++] = items[i].key;
			check_tree(&root, keys, nr, augmented);
		}
	}
	/* drain completely */
	for (i = 0; i < N; i++) {
		if (!in[i])
			continue;
		if (augmented)
			rb_erase_augmented(&items[i].rb, &root, &item_cb);
		else
			rb_erase(&items[i].rb, &root);
	}
	assert_true(RB_EMPTY_ROOT(&root));
	free(items);
	free(in);
	free(keys);
}

static void test_random_plain(void **state)
{
	(void)state;
	random_ops(false, 1);
	random_ops(false, 0xdeadbeef);
}

static void test_random_augmented(void **state)
{
	(void)state;
	random_ops(true, 2);
	random_ops(true, 0x5eed);
	random_ops(true, 77);
}

/* rb_validate notices a broken tree: a red-red pair, a wrong parent link. */
static void test_validate_detects(void **state)
{
	struct item a = { .key = 1 }, b = { .key = 2 }, c = { .key = 3 };
	struct rb_root root = RB_ROOT;

	(void)state;
	insert(&root, &a, false);
	insert(&root, &b, false);
	insert(&root, &c, false);
	assert_true(rb_validate(&root, NULL) > 0);
	assert_ptr_equal(root.rb_node, &b.rb);
	a.rb.rb_color = RB_RED;
	c.rb.rb_color = RB_RED;
	b.rb.rb_color = RB_RED;		/* red root */
	assert_int_equal(rb_validate(&root, NULL), -1);
	b.rb.rb_color = RB_BLACK;
	c.rb.rb_color = RB_BLACK;	/* unequal black heights */
	assert_int_equal(rb_validate(&root, NULL), -1);
	c.rb.rb_color = RB_RED;
	c.rb.rb_parent = &a.rb;		/* wrong parent */
	assert_int_equal(rb_validate(&root, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_sequential_height),
		cmocka_unit_test(test_random_plain),
		cmocka_unit_test(test_random_augmented),
		cmocka_unit_test(test_validate_detects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
