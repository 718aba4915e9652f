/*
 * The memory-mapping calls of <sys/mman.h>, plus getpagesize() and sysconf(), which Debian's
 * newlib declares but does not provide. The mman flags already have Linux's values (see
 * libc-glue/include/sys/mman.h), so each call is one __uniarm_syscall() with the arguments as
 * given; a result in [-4095, -1] is an error number (addresses above 2 GiB are negative as a
 * long, so the range is what tells them apart).
 */
#include "libc-glue/syscall.h"
#include "runtime/uapi.h"
#include "runtime/uapi-mm.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MMAP2_PAGE_SHIFT 12 /* mmap2 takes the offset in 4096-byte units, whatever PAGE_SIZE */
#define UNIARM_PAGE_SIZE 4096

static int is_error(long ret)
{
	return (unsigned long)ret > (unsigned long)-4096;
}

static long ret_int(long ret)
{
	if (is_error(ret)) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

static void *ret_ptr(long ret)
{
	if (is_error(ret)) {
		errno = (int)-ret;
		return MAP_FAILED;
	}
	return (void *)(uintptr_t)(unsigned long)ret;
}

#define SYS(nr, a, b, c, d, e, f)                                                                  \
	__uniarm_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	/* Linux's mmap2 cannot express an offset that is not a whole number of units. */
	if (offset & ((1L << MMAP2_PAGE_SHIFT) - 1)) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return ret_ptr(SYS(__NR_mmap2, addr, length, prot, flags, fd,
			   (unsigned long)offset >> MMAP2_PAGE_SHIFT));
}

int munmap(void *addr, size_t length)
{
	return (int)ret_int(SYS(__NR_munmap, addr, length, 0, 0, 0, 0));
}

int mprotect(void *addr, size_t length, int prot)
{
	return (int)ret_int(SYS(__NR_mprotect, addr, length, prot, 0, 0, 0));
}

void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...)
{
	void *new_address = NULL;

	/* As glibc: the caller passes the fifth argument only with MREMAP_FIXED. */
	if (flags & MREMAP_FIXED) {
		va_list ap;

		va_start(ap, flags);
		new_address = va_arg(ap, void *);
		va_end(ap);
	}
	return ret_ptr(SYS(__NR_mremap, old_address, old_size, new_size, flags, new_address, 0));
}

int madvise(void *addr, size_t length, int advice)
{
	return (int)ret_int(SYS(__NR_madvise, addr, length, advice, 0, 0, 0));
}

int posix_madvise(void *addr, size_t length, int advice)
{
	long ret;

	/*
	 * Linux's MADV_DONTNEED throws the contents away, which POSIX_MADV_DONTNEED must not do;
	 * like glibc, ignore that advice rather than lose data.
	 */
	if (advice == POSIX_MADV_DONTNEED)
		return 0;
	ret = SYS(__NR_madvise, addr, length, advice, 0, 0, 0);
	return is_error(ret) ? (int)-ret : 0;
}

int mlock(const void *addr, size_t length)
{
	return (int)ret_int(SYS(__NR_mlock, addr, length, 0, 0, 0, 0));
}

int munlock(const void *addr, size_t length)
{
	return (int)ret_int(SYS(__NR_munlock, addr, length, 0, 0, 0, 0));
}

int mlockall(int flags)
{
	return (int)ret_int(SYS(__NR_mlockall, flags, 0, 0, 0, 0, 0));
}

int munlockall(void)
{
	return (int)ret_int(SYS(__NR_munlockall, 0, 0, 0, 0, 0, 0));
}

int mincore(void *addr, size_t length, unsigned char *vec)
{
	return (int)ret_int(SYS(__NR_mincore, addr, length, vec, 0, 0, 0));
}

int msync(void *addr, size_t length, int flags)
{
	return (int)ret_int(SYS(__NR_msync, addr, length, flags, 0, 0, 0));
}

int getpagesize(void)
{
	return UNIARM_PAGE_SIZE;
}

/* RAM pages (total or free) from the sysinfo system call, in units of the page size. */
static long sysinfo_pages(int free)
{
	struct linux_sysinfo si;
	long ret = SYS(__NR_sysinfo, &si, 0, 0, 0, 0, 0);
	unsigned long long bytes;

	if (is_error(ret)) {
		errno = (int)-ret;
		return -1;
	}
	bytes = (unsigned long long)(free ? si.freeram : si.totalram) * si.mem_unit;
	return (long)(bytes / UNIARM_PAGE_SIZE);
}

/*
 * sysconf for the names a program commonly asks about; the rest give -1 with EINVAL (POSIX
 * allows it for names the system does not support). The _SC_* values are newlib's.
 */
long sysconf(int name)
{
	struct rlimit rl;

	switch (name) {
	case _SC_PAGESIZE:
		return UNIARM_PAGE_SIZE;
	case _SC_CLK_TCK:
		return CLOCKS_PER_SEC; /* times() ticks, Linux's USER_HZ (checked in syscalls.c) */
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;
	case _SC_PHYS_PAGES:
		return sysinfo_pages(0);
	case _SC_AVPHYS_PAGES:
		return sysinfo_pages(1);
	case _SC_OPEN_MAX:
		if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
			return -1;
		return rl.rlim_cur == RLIM_INFINITY ? -1 : (long)rl.rlim_cur;
	default:
		errno = EINVAL;
		return -1;
	}
}
