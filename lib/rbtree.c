// SPDX-License-Identifier: MIT
/*
 * Red-black trees with optional augmentation: see <linux/rbtree.h>.
 *
 * The algorithms are the textbook ones (Cormen et al., "Introduction to
 * Algorithms", ch. 13) with NULL for the leaves, so the delete fixup keeps
 * the parent of the node being fixed beside it (the node may be NULL).
 *
 * Augmentation: every structural change is followed by the recomputation
 * of each node whose set of descendants changed. A rotation changes only
 * its two nodes' sets (the upper one takes over the lower one's set, so
 * nothing above them changes); linking or unlinking a node changes the sets
 * of all its ancestors, which rb_augment_propagate() walks. Both steps are
 * O(log n), so an augmented insert or erase stays O(log n).
 */
#include <linux/rbtree.h>

static inline bool is_red(const struct rb_node *n)
{
	return n && n->rb_color == RB_RED;
}

static inline bool is_black(const struct rb_node *n)
{
	return !is_red(n);
}

static inline void update(struct rb_node *n, const struct rb_augment_callbacks *cb)
{
	if (cb)
		cb->update(n);
}

/* Make parent's link that pointed at old point at new (the root if no parent). */
static void replace_child(struct rb_root *root, struct rb_node *parent,
			  struct rb_node *old, struct rb_node *new)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *     x                y
 *    / \              / \
 *   a   y     ->     x   c
 *      / \          / \
 *     b   c        a   b
 */
static void rotate_left(struct rb_root *root, struct rb_node *x,
			const struct rb_augment_callbacks *cb)
{
	struct rb_node *y = x->rb_right;

	x->rb_right = y->rb_left;
	if (y->rb_left)
		y->rb_left->rb_parent = x;
	y->rb_parent = x->rb_parent;
	replace_child(root, x->rb_parent, x, y);
	y->rb_left = x;
	x->rb_parent = y;
	update(x, cb);
	update(y, cb);
}

/* The mirror image of rotate_left. */
static void rotate_right(struct rb_root *root, struct rb_node *x,
			 const struct rb_augment_callbacks *cb)
{
	struct rb_node *y = x->rb_left;

	x->rb_left = y->rb_right;
	if (y->rb_right)
		y->rb_right->rb_parent = x;
	y->rb_parent = x->rb_parent;
	replace_child(root, x->rb_parent, x, y);
	y->rb_right = x;
	x->rb_parent = y;
	update(x, cb);
	update(y, cb);
}

void rb_augment_propagate(struct rb_node *node, const struct rb_augment_callbacks *cb)
{
	for (; node; node = node->rb_parent)
		cb->update(node);
}

/*
 * The new node is red; the only invariant it can break is "no red child of
 * a red node". Recolour while the uncle is red (moving the problem two
 * levels up), else one or two rotations end it.
 */
static void insert_fixup(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *cb)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = node->rb_parent) && is_red(parent)) {
		gparent = parent->rb_parent;	/* a red node is never the root */
		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (is_red(uncle)) {
				parent->rb_color = RB_BLACK;
				uncle->rb_color = RB_BLACK;
				gparent->rb_color = RB_RED;
				node = gparent;
				continue;
			}
			if (node == parent->rb_right) {
				rotate_left(root, parent, cb);
				node = parent;
				parent = node->rb_parent;
			}
			parent->rb_color = RB_BLACK;
			gparent->rb_color = RB_RED;
			rotate_right(root, gparent, cb);
		} else {
			uncle = gparent->rb_left;
			if (is_red(uncle)) {
				parent->rb_color = RB_BLACK;
				uncle->rb_color = RB_BLACK;
				gparent->rb_color = RB_RED;
				node = gparent;
				continue;
			}
			if (node == parent->rb_left) {
				rotate_right(root, parent, cb);
				node = parent;
				parent = node->rb_parent;
			}
			parent->rb_color = RB_BLACK;
			gparent->rb_color = RB_RED;
			rotate_left(root, gparent, cb);
		}
	}
	root->rb_node->rb_color = RB_BLACK;
}

void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *cb)
{
	if (cb)
		rb_augment_propagate(node, cb);
	insert_fixup(node, root, cb);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	insert_fixup(node, root, NULL);
}

/*
 * A black node was removed from below parent, on the side where node (maybe
 * NULL) now is: that side is one black short. Push the deficit up while the
 * sibling's family is all black, else rotate it away.
 */
static void erase_fixup(struct rb_node *node, struct rb_node *parent,
			struct rb_root *root, const struct rb_augment_callbacks *cb)
{
	struct rb_node *sib;

	while (node != root->rb_node && is_black(node)) {
		/*
		 * node may be NULL, but then its sibling is not (the sibling's
		 * side has black height >= 1), so this test is exact.
		 */
		if (node == parent->rb_left) {
			sib = parent->rb_right;
			if (is_red(sib)) {
				sib->rb_color = RB_BLACK;
				parent->rb_color = RB_RED;
				rotate_left(root, parent, cb);
				sib = parent->rb_right;
			}
			if (is_black(sib->rb_left) && is_black(sib->rb_right)) {
				sib->rb_color = RB_RED;
				node = parent;
				parent = node->rb_parent;
				continue;
			}
			if (is_black(sib->rb_right)) {
				sib->rb_left->rb_color = RB_BLACK;
				sib->rb_color = RB_RED;
				rotate_right(root, sib, cb);
				sib = parent->rb_right;
			}
			sib->rb_color = parent->rb_color;
			parent->rb_color = RB_BLACK;
			sib->rb_right->rb_color = RB_BLACK;
			rotate_left(root, parent, cb);
		} else {
			sib = parent->rb_left;
			if (is_red(sib)) {
				sib->rb_color = RB_BLACK;
				parent->rb_color = RB_RED;
				rotate_right(root, parent, cb);
				sib = parent->rb_left;
			}
			if (is_black(sib->rb_left) && is_black(sib->rb_right)) {
				sib->rb_color = RB_RED;
				node = parent;
				parent = node->rb_parent;
				continue;
			}
			if (is_black(sib->rb_left)) {
				sib->rb_right->rb_color = RB_BLACK;
				sib->rb_color = RB_RED;
				rotate_left(root, sib, cb);
				sib = parent->rb_left;
			}
			sib->rb_color = parent->rb_color;
			parent->rb_color = RB_BLACK;
			sib->rb_left->rb_color = RB_BLACK;
			rotate_right(root, parent, cb);
		}
		node = root->rb_node;
		break;
	}
	if (node)
		node->rb_color = RB_BLACK;
}

void rb_erase_augmented(struct rb_node *z, struct rb_root *root,
			const struct rb_augment_callbacks *cb)
{
	struct rb_node *child, *parent, *changed;
	unsigned int removed_color = z->rb_color;

	if (!z->rb_left || !z->rb_right) {
		/* at most one child: it takes z's place */
		child = z->rb_left ? z->rb_left : z->rb_right;
		parent = z->rb_parent;
		if (child)
			child->rb_parent = parent;
		replace_child(root, parent, z, child);
		changed = parent;
	} else {
		/* z's successor y (no left child) leaves its spot and takes z's */
		struct rb_node *y = z->rb_right;

		while (y->rb_left)
			y = y->rb_left;
		removed_color = y->rb_color;
		child = y->rb_right;
		if (y->rb_parent == z) {
			parent = y;
		} else {
			parent = y->rb_parent;
			parent->rb_left = child;
			if (child)
				child->rb_parent = parent;
			y->rb_right = z->rb_right;
			y->rb_right->rb_parent = y;
		}
		y->rb_left = z->rb_left;
		y->rb_left->rb_parent = y;
		y->rb_parent = z->rb_parent;
		y->rb_color = z->rb_color;
		replace_child(root, z->rb_parent, z, y);
		/* every node from y's old parent up through y to the root */
		changed = parent;
	}
	if (cb)
		rb_augment_propagate(changed, cb);
	if (removed_color == RB_BLACK)
		erase_fixup(child, parent, root, cb);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	rb_erase_augmented(node, root, NULL);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	const struct rb_node *n;

	if (node->rb_right) {
		n = node->rb_right;
		while (n->rb_left)
			n = n->rb_left;
		return (struct rb_node *)n;
	}
	/* up until we leave a left subtree */
	while ((n = node->rb_parent) && node == n->rb_right)
		node = n;
	return (struct rb_node *)n;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	const struct rb_node *n;

	if (node->rb_left) {
		n = node->rb_left;
		while (n->rb_right)
			n = n->rb_right;
		return (struct rb_node *)n;
	}
	while ((n = node->rb_parent) && node == n->rb_left)
		node = n;
	return (struct rb_node *)n;
}

/* Black height of the subtree at n, or -1. */
static int validate(const struct rb_node *n, const struct rb_node *parent,
		    unsigned long *count)
{
	int lh, rh;

	if (!n)
		return 0;
	if (n->rb_parent != parent)
		return -1;
	if (n->rb_color != RB_RED && n->rb_color != RB_BLACK)
		return -1;
	if (is_red(n) && (is_red(n->rb_left) || is_red(n->rb_right)))
		return -1;
	(*count)++;
	lh = validate(n->rb_left, n, count);
	rh = validate(n->rb_right, n, count);
	if (lh < 0 || rh < 0 || lh != rh)
		return -1;
	return lh + (n->rb_color == RB_BLACK);
}

int rb_validate(const struct rb_root *root, unsigned long *nodes)
{
	unsigned long count = 0;
	int h;

	if (is_red(root->rb_node))
		return -1;
	h = validate(root->rb_node, NULL, &count);
	if (nodes)
		*nodes = count;
	return h;
}
