/*
 * Inodes (Linux's fs/inode.c): allocation from a slab cache, the reference count and the last
 * iput, link counts, timestamps, owners and the permission check.
 */
#include "fs/fs.h"
#include "runtime/cred.h"
#include "runtime/math64.h"
#include "runtime/time.h"
#include "vm/slab.h"

#include <errno.h>
#include <string.h>

#define CAP_DAC_READ_SEARCH 2

unsigned long nr_inodes;
static struct kmem_cache *inode_cachep;

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode;

	if (!inode_cachep) {
		inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 8, NULL);
		if (!inode_cachep)
			return NULL;
	}
	inode = kmem_cache_alloc(inode_cachep, GFP_KERNEL);
	if (!inode)
		return NULL;
	memset(inode, 0, sizeof(*inode));
	inode->i_sb = sb;
	inode->i_count = 1;
	inode->i_nlink = 1;
	inode->i_ino = sb->s_next_ino++;
	list_add_tail(&inode->i_sb_list, &sb->s_inodes);
	nr_inodes++;
	return inode;
}

/* The last reference: an inode of tmpfs has no name left then (a named one is held by its
 * pinned dentry), so it goes with whatever its file system hung on it. */
void iput(struct inode *inode)
{
	if (!inode || --inode->i_count)
		return;
	if (inode->i_sb->s_op && inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	list_del(&inode->i_sb_list);
	kmem_cache_free(inode_cachep, inode);
	nr_inodes--;
}

/*
 * CLOCK_REALTIME now. runtime/time.h offers the monotonic clock and the conversion of a
 * realtime value to it, which subtracts the boot's realtime base: the base is recovered from
 * the largest value (it never exceeds it).
 */
struct timespec64 current_time(struct inode *inode)
{
	uint64_t base = UINT64_MAX - realtime_to_monotonic_ns(UINT64_MAX);
	uint64_t ns = ktime_get_ns() + base;
	uint32_t rem;
	struct timespec64 t;

	t.tv_sec = (long long)div_u64_rem(ns, 1000000000u, &rem);
	t.tv_nsec = (long)rem;

	(void)inode; /* tmpfs's granularity is 1 ns */
	return t;
}

void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

void drop_nlink(struct inode *inode)
{
	if (inode->i_nlink)
		inode->i_nlink--;
}

void clear_nlink(struct inode *inode)
{
	inode->i_nlink = 0;
}

void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	const struct cred *cred = current_cred();

	inode->i_uid = cred->fsuid;
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	} else {
		inode->i_gid = cred->fsgid;
	}
	inode->i_mode = mode;
}

/* The owner's, group's or others' bits, as Linux's acl_permission_check (no ACLs). */
static int acl_permission_check(const struct inode *inode, int mask)
{
	const struct cred *cred = current_cred();
	unsigned int mode = inode->i_mode;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (cred->fsuid == inode->i_uid)
		mode >>= 6;
	else if (cred->fsgid == inode->i_gid)
		mode >>= 3;
	return (mask & ~mode) ? -EACCES : 0;
}

/* Linux's generic_permission: the mode bits, then the capabilities that override them
 * (CAP_DAC_OVERRIDE: anything but executing a file without any x bit; CAP_DAC_READ_SEARCH:
 * reading, and searching directories). */
int inode_permission(struct inode *inode, int mask)
{
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (!acl_permission_check(inode, mask))
		return 0;
	if (S_ISDIR(inode->i_mode)) {
		if (!(mask & MAY_WRITE) && capable(CAP_DAC_READ_SEARCH))
			return 0;
		if (capable(CAP_DAC_OVERRIDE))
			return 0;
		return -EACCES;
	}
	if (mask == MAY_READ && capable(CAP_DAC_READ_SEARCH))
		return 0;
	if (capable(CAP_DAC_OVERRIDE) && (!(mask & MAY_EXEC) || (inode->i_mode & 0111)))
		return 0;
	return -EACCES;
}
