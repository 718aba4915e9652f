/*
 * Credentials and resource limits as Linux 6.1 has them for a process that starts as root (the
 * first process of a container, uniarm's application) and then drops to uid 1000: the get*id
 * and set*id calls with their EPERM/EINVAL rules; Linux's default RLIMIT_MEMLOCK (8 MiB); root's
 * CAP_IPC_LOCK (mlock past RLIMIT_MEMLOCK, even with a limit of 0) and CAP_SYS_RESOURCE (raise a
 * hard limit); after the drop RLIMIT_MEMLOCK is enforced (mlock/mlockall ENOMEM, limit 0 EPERM,
 * MAP_LOCKED EAGAIN), a hard limit cannot be raised (EPERM) and a soft limit can always be
 * raised up to the hard one. Must run as root, single-threaded (Linux's /init on the peer).
 */
#include "mm_check.h"

#include <sys/resource.h>

/* glibc declares these in <unistd.h>; newlib does not (uniarm's libc-glue has them). */
#if !defined(__linux__)
int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid);
int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid);
int setresuid(uid_t ruid, uid_t euid, uid_t suid);
int setresgid(gid_t rgid, gid_t egid, gid_t sgid);
#endif

#ifndef MAP_LOCKED
#define MAP_LOCKED 0x2000
#endif

/* The raw calls, for the 16-bit ones (glibc uses only the *32 ones). */
#ifdef __linux__
#include <sys/syscall.h>
#define raw_syscall(nr, a, b, c) syscall(nr, a, b, c)
#else
long uniarm_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
static long raw_syscall(long nr, long a, long b, long c)
{
	long r = uniarm_syscall(nr, a, b, c, 0, 0, 0);

	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
#endif
#define NR_getuid16    24
#define NR_getresuid16 165
#define NR_setresuid16 164
#define NR_getuid32    199
#define NR_getresuid32 209

static int set_memlock(rlim_t cur, rlim_t max)
{
	struct rlimit r = {cur, max};

	return setrlimit(RLIMIT_MEMLOCK, &r);
}

#define CHECK_IDS(name, get, a, b, c)                                                              \
	do {                                                                                       \
		uid_t _x = 7, _y = 7, _z = 7;                                                      \
		int _r = get(&_x, &_y, &_z);                                                       \
		CHECK(name, _r == 0 && _x == (a) && _y == (b) && _z == (c),                        \
		      "got %d: %u %u %u, expected %u %u %u", _r, (unsigned)_x, (unsigned)_y,       \
		      (unsigned)_z, (unsigned)(a), (unsigned)(b), (unsigned)(c));                  \
	} while (0)

/* Touch every page of a frame of `bytes` on the stack, from the top down as a stack grows;
 * the number of pages touched. */
static __attribute__((noinline)) unsigned long touch_stack(unsigned long bytes)
{
	volatile char frame[bytes];
	unsigned long pages = 0;

	for (unsigned long off = bytes; off >= PG; off -= PG) {
		frame[off - PG] = 1;
		pages += frame[off - PG];
	}
	return pages;
}

int main(void)
{
	struct rlimit r;
	char *p;
	unsigned long big = 12 * MiB;

	printf("mm_cred_rlimit: credentials, capabilities and RLIMIT_MEMLOCK\n");

	/* Root at the start. */
	CHECK_EQ("getuid_0", getuid(), 0);
	CHECK_EQ("geteuid_0", geteuid(), 0);
	CHECK_EQ("getgid_0", getgid(), 0);
	CHECK_EQ("getegid_0", getegid(), 0);
	CHECK_IDS("getresuid_root", getresuid, 0, 0, 0);
	CHECK_IDS("getresgid_root", getresgid, 0, 0, 0);

	/* The ARM calls themselves: 16-bit and 32-bit. */
	{
		uint16_t s16[3] = {7, 7, 7};
		uint32_t s32[3] = {7, 7, 7};

		CHECK_EQ("getuid16_0", raw_syscall(NR_getuid16, 0, 0, 0), 0);
		CHECK_EQ("getuid32_0", raw_syscall(NR_getuid32, 0, 0, 0), 0);
		CHECK("getresuid16_0",
		      !raw_syscall(NR_getresuid16, (long)&s16[0], (long)&s16[1], (long)&s16[2]) &&
			      !s16[0] && !s16[1] && !s16[2],
		      "got %u %u %u", s16[0], s16[1], s16[2]);
		CHECK("getresuid32_0",
		      !raw_syscall(NR_getresuid32, (long)&s32[0], (long)&s32[1], (long)&s32[2]) &&
			      !s32[0] && !s32[1] && !s32[2],
		      "got %u %u %u", (unsigned)s32[0], (unsigned)s32[1], (unsigned)s32[2]);
		CHECK_ERR("getresuid16_efault",
			  raw_syscall(NR_getresuid16, (long)&s16[0], 0, (long)&s16[2]), EFAULT);
		/* 0xffff is -1 (unchanged) in the 16-bit calls. */
		CHECK_ZERO("setresuid16_ffff_noop",
			   raw_syscall(NR_setresuid16, 0xffff, 0xffff, 0xffff));
	}

	/* Linux 6.1's default RLIMIT_STACK: 8 MiB soft, unlimited hard. */
	CHECK("stack_default",
	      !getrlimit(RLIMIT_STACK, &r) && r.rlim_cur == 8 * MiB && r.rlim_max == RLIM_INFINITY,
	      "got %llu/%llu", (unsigned long long)r.rlim_cur, (unsigned long long)r.rlim_max);

	/* Linux 6.1's default RLIMIT_MEMLOCK: 8 MiB soft and hard. */
	CHECK("memlock_default",
	      !getrlimit(RLIMIT_MEMLOCK, &r) && r.rlim_cur == 8 * MiB && r.rlim_max == 8 * MiB,
	      "got %llu/%llu", (unsigned long long)r.rlim_cur, (unsigned long long)r.rlim_max);

	/* Root has CAP_IPC_LOCK: mlock past the limit, and with a limit of 0. */
	p = map_or_die(NULL, big, RW, ANON_PRIV);
	CHECK_ZERO("root_mlock_past_limit", mlock(p, big));
	CHECK_EQ("root_mlock_past_limit_vmlck", vmlck(), big / KiB);
	CHECK_ZERO("root_munlock", munlock(p, big));
	CHECK_ZERO("root_memlock_soft_0", set_memlock(0, 8 * MiB));
	CHECK_ZERO("root_mlock_limit_0", mlock(p, 4 * PG));
	CHECK_ZERO("root_munlock_limit_0", munlock(p, 4 * PG));
	CHECK_ZERO("root_memlock_soft_back", set_memlock(8 * MiB, 8 * MiB));
	munmap(p, big);
	p = mmap(NULL, big, RW, ANON_PRIV | MAP_LOCKED, -1, 0);
	CHECK("root_map_locked_past_limit", p != MAP_FAILED, "got %s", errname(errno));
	if (p != MAP_FAILED)
		munmap(p, big);

	/* Root has CAP_SYS_RESOURCE: a hard limit goes up, and back down. */
	CHECK_ZERO("root_raise_hard", set_memlock(8 * MiB, 16 * MiB));
	CHECK("root_raised_hard_seen", !getrlimit(RLIMIT_MEMLOCK, &r) && r.rlim_max == 16 * MiB,
	      "got %llu", (unsigned long long)r.rlim_max);
	CHECK_ERR("soft_above_hard_einval", set_memlock(32 * MiB, 16 * MiB), EINVAL);
	CHECK_ZERO("root_lower_hard", set_memlock(8 * MiB, 8 * MiB));

	/* set*id errors and no-ops as root. */
	CHECK_ERR("setuid_minus_1_einval", setuid((uid_t)-1), EINVAL);
	CHECK_ERR("setgid_minus_1_einval", setgid((gid_t)-1), EINVAL);
	CHECK_ZERO("setreuid_minus_1_noop", setreuid((uid_t)-1, (uid_t)-1));
	CHECK_ZERO("setresuid_minus_1_noop", setresuid((uid_t)-1, (uid_t)-1, (uid_t)-1));
	CHECK_ZERO("setresgid_minus_1_noop", setresgid((gid_t)-1, (gid_t)-1, (gid_t)-1));
	CHECK_IDS("still_root", getresuid, 0, 0, 0);

	/* Root may take any ids: the gids first, then a temporary euid and back. */
	CHECK_ZERO("setresgid_root", setresgid(100, 200, 300));
	CHECK_IDS("getresgid_set", getresgid, 100, 200, 300);
	CHECK_EQ("getgid_100", getgid(), 100);
	CHECK_EQ("getegid_200", getegid(), 200);
	CHECK_ZERO("setregid_root", setregid(1000, 1000));
	/* rgid set: the saved gid follows the new egid. */
	CHECK_IDS("setregid_saved_follows", getresgid, 1000, 1000, 1000);
	CHECK_ZERO("seteuid_2000", setresuid((uid_t)-1, 2000, (uid_t)-1));
	CHECK_IDS("euid_2000", getresuid, 0, 2000, 0);
	CHECK_EQ("geteuid_2000", geteuid(), 2000);
	/* euid 2000 has no capabilities, but the saved/real 0 gives them back. */
	CHECK_ERR("euid_nonroot_raise_hard_eperm", set_memlock(8 * MiB, 16 * MiB), EPERM);
	CHECK_ZERO("seteuid_back_0", setresuid((uid_t)-1, 0, (uid_t)-1));
	CHECK_ZERO("euid_0_raise_hard_again", set_memlock(8 * MiB, 16 * MiB));
	CHECK_ZERO("euid_0_lower_hard", set_memlock(8 * MiB, 8 * MiB));

	/* Drop to 1000 for good: setuid as root sets all three, and the capabilities go. */
	CHECK_ZERO("setuid_1000", setuid(1000));
	CHECK_IDS("dropped", getresuid, 1000, 1000, 1000);
	CHECK_EQ("getuid_1000", getuid(), 1000);
	CHECK_ERR("setuid_0_eperm", setuid(0), EPERM);
	CHECK_ERR("setresuid_0_eperm", setresuid(0, 0, 0), EPERM);
	CHECK_ERR("setreuid_other_eperm", setreuid(1000, 1001), EPERM);
	CHECK_ERR("setgid_other_eperm", setgid(5), EPERM);
	CHECK_ZERO("setuid_same", setuid(1000));
	CHECK_ZERO("setreuid_same", setreuid(1000, 1000));
	CHECK_ERR("setuid_minus_1_einval_user", setuid((uid_t)-1), EINVAL);
	CHECK_IDS("still_1000", getresuid, 1000, 1000, 1000);
	CHECK_EQ("getuid16_1000", raw_syscall(NR_getuid16, 0, 0, 0), 1000);

	/* No CAP_SYS_RESOURCE: hard limits only come down; soft up to hard is fine. */
	CHECK_ERR("user_raise_hard_eperm", set_memlock(8 * MiB, 16 * MiB), EPERM);
	CHECK_ZERO("user_lower_soft", set_memlock(64 * KiB, 8 * MiB));
	CHECK_ZERO("user_raise_soft_to_hard", set_memlock(8 * MiB, 8 * MiB));

	/* No CAP_IPC_LOCK: RLIMIT_MEMLOCK holds. */
	p = map_or_die(NULL, big, RW, ANON_PRIV);
	CHECK_ERR("user_mlock_past_limit_enomem", mlock(p, big), ENOMEM);
	CHECK_EQ("user_mlock_refused_vmlck_0", vmlck(), 0);
	CHECK_ZERO("user_mlock_within_limit", mlock(p, 4 * MiB));
	CHECK_EQ("user_mlock_within_vmlck", vmlck(), 4 * MiB / KiB);
	/* The limit counts what is locked already... */
	CHECK_ERR("user_mlock_sum_past_limit_enomem", mlock(p + 4 * MiB, 4 * MiB + PG), ENOMEM);
	CHECK_ZERO("user_mlock_sum_at_limit", mlock(p + 4 * MiB, 4 * MiB));
	/* ...but not twice: relocking a locked range is fine. */
	CHECK_ZERO("user_mlock_relock", mlock(p, 8 * MiB));
	CHECK_EQ("user_mlock_at_limit_vmlck", vmlck(), 8 * MiB / KiB);
	CHECK_ZERO("user_munlock", munlock(p, big));
	CHECK_ERR("user_mlockall_current_enomem",
		  (set_memlock(64 * KiB, 8 * MiB), mlockall(MCL_CURRENT)), ENOMEM);
	CHECK_ZERO("user_mlockall_future_ok", mlockall(MCL_FUTURE));
	CHECK_ZERO("user_munlockall", munlockall());
	CHECK_ZERO("user_memlock_soft_0", set_memlock(0, 8 * MiB));
	CHECK_ERR("user_mlock_limit_0_eperm", mlock(p, PG), EPERM);
	CHECK_ERR("user_mlockall_limit_0_eperm", mlockall(MCL_CURRENT), EPERM);
	CHECK_ZERO("user_memlock_back_to_hard", set_memlock(8 * MiB, 8 * MiB));
	munmap(p, big);
	p = mmap(NULL, big, RW, ANON_PRIV | MAP_LOCKED, -1, 0);
	CHECK("user_map_locked_past_limit_eagain", p == MAP_FAILED && errno == EAGAIN, "got %p/%s",
	      (void *)p, errname(errno));
	if (p != MAP_FAILED)
		munmap(p, big);
	p = mmap(NULL, 64 * KiB, RW, ANON_PRIV | MAP_LOCKED, -1, 0);
	CHECK("user_map_locked_within_limit", p != MAP_FAILED, "got %s", errname(errno));
	CHECK_EQ("user_map_locked_vmlck", vmlck(), 64);
	if (p != MAP_FAILED)
		munmap(p, 64 * KiB);

	/* Growth of locked memory counts too: mremap of a locked area EAGAIN past the limit, brk
	 * under mlockall(MCL_FUTURE) refused (the break stays). */
	CHECK_ZERO("user_memlock_64k", set_memlock(64 * KiB, 8 * MiB));
	p = map_or_die(NULL, 16 * KiB, RW, ANON_PRIV);
	CHECK_ZERO("user_mlock_16k", mlock(p, 16 * KiB));
	{
		char *q = mremap(p, 16 * KiB, 128 * KiB, MREMAP_MAYMOVE);

		CHECK("user_mremap_locked_past_limit_eagain", q == MAP_FAILED && errno == EAGAIN,
		      "got %p/%s", (void *)q, errname(errno));
		q = mremap(p, 16 * KiB, 32 * KiB, MREMAP_MAYMOVE);
		CHECK("user_mremap_locked_within_limit", q != MAP_FAILED, "got %s", errname(errno));
		CHECK_EQ("user_mremap_locked_vmlck", vmlck(), 32);
		munmap(q != MAP_FAILED ? q : p, q != MAP_FAILED ? 32 * KiB : 16 * KiB);
	}
	CHECK_ZERO("user_mlockall_future_64k", mlockall(MCL_FUTURE));
	{
		void *b0 = sbrk(0), *b1 = sbrk(1 * MiB);

		CHECK("user_brk_locked_past_limit_refused", b1 == (void *)-1 && sbrk(0) == b0,
		      "sbrk gave %p, break %p (was %p)", b1, sbrk(0), b0);
	}
	CHECK_ZERO("user_munlockall_after_brk", munlockall());
	CHECK_ZERO("user_memlock_back", set_memlock(8 * MiB, 8 * MiB));

	/* Without CAP_SYS_RESOURCE a soft limit may still go up to the hard one: RLIMIT_STACK's
	 * is unlimited, and then the stack grows past 8 MiB. */
	r.rlim_cur = r.rlim_max = RLIM_INFINITY;
	CHECK_ZERO("user_stack_soft_unlimited", setrlimit(RLIMIT_STACK, &r));
	CHECK_EQ("user_stack_16mib_deep", touch_stack(16 * MiB), 16 * MiB / PG);
	return t_finish();
}
