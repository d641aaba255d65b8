/* SPDX-License-Identifier: MIT */
/*
 * Red-black trees, optionally augmented (lib/rbtree.c).
 *
 * The tree is intrusive, as in Linux: a struct rb_node lives inside the
 * user's structure and rb_entry() gets back to it. The library never
 * compares keys: the user walks down from root->rb_node to find where a new
 * node goes, links it with rb_link_node() and then calls rb_insert_color()
 * (or rb_insert_augmented()) to rebalance.
 *
 * Invariants (rb_validate() re-derives them):
 *   - the root is black; a red node has no red child;
 *   - every path from a node down to a NULL link crosses the same number
 *     of black nodes, so the height is at most 2 * log2(n + 1);
 *   - n->rb_parent is the node whose rb_left or rb_right is n (NULL at the
 *     root).
 *
 * Augmented trees keep, in every node, a value computed from the node and
 * its two subtrees (e.g. the largest free range below it). The user gives
 * an update callback that recomputes one node's value from its children's
 * values; the library calls it for every node whose subtree changes (both
 * ends of a rotation, the path from a changed node up to the root). If the
 * user changes a linked node's own contribution (its key range), it calls
 * rb_augment_propagate() on that node.
 */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include <linux/kernel.h>
#include <linux/types.h>

#define RB_RED		0u
#define RB_BLACK	1u

struct rb_node {
	struct rb_node *rb_parent;	/* NULL for the root */
	struct rb_node *rb_left;	/* smaller keys */
	struct rb_node *rb_right;	/* larger keys */
	unsigned int rb_color;		/* RB_RED or RB_BLACK */
};

struct rb_root {
	struct rb_node *rb_node;	/* NULL when the tree is empty */
};

#define RB_ROOT		((struct rb_root){ NULL })

#define rb_entry(ptr, type, member)	container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member) \
	({ __typeof__(ptr) __p = (ptr); __p ? rb_entry(__p, type, member) : NULL; })

static inline bool RB_EMPTY_ROOT(const struct rb_root *root)
{
	return root->rb_node == NULL;
}

/*
 * Recompute node's augmented value from its own data and its children's
 * values (either child may be NULL).
 */
struct rb_augment_callbacks {
	void (*update)(struct rb_node *node);
};

/* Attach a new node at *link (a NULL child link of parent, or the root). */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->rb_parent = parent;
	node->rb_left = node->rb_right = NULL;
	node->rb_color = RB_RED;
	*link = node;
}

/* Rebalance after rb_link_node(). */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* Unlink node and rebalance. */
void rb_erase(struct rb_node *node, struct rb_root *root);

/*
 * The same for augmented trees. A new node's own value must be set before
 * rb_insert_augmented (the library recomputes it with cb->update anyway).
 */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *cb);
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *cb);
/* node's own contribution changed: recompute it and every ancestor. */
void rb_augment_propagate(struct rb_node *node,
			  const struct rb_augment_callbacks *cb);

/* In-order iteration; NULL past either end. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/*
 * Check the red-black and parent-link invariants above. Returns the black
 * height (>= 0) or -1 after the first violation found; *nodes (may be NULL)
 * gets the number of nodes. Recursion depth is the tree height.
 */
int rb_validate(const struct rb_root *root, unsigned long *nodes);

#endif /* _LINUX_RBTREE_H */
