/*
 * newlib's system calls. Each one converts newlib's types and flag values to the Linux ABI,
 * enters the runtime through __uniarm_syscall() (`svc #0`, the only door) and turns a negative
 * result into errno.
 */
#include "libc-glue/syscall.h"
#include "runtime/uapi.h"
#include "runtime/cred.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static long syscall_ret(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

#define SYS0(nr)       syscall_ret(__uniarm_syscall(nr, 0, 0, 0, 0, 0, 0))
#define SYS1(nr, a)    syscall_ret(__uniarm_syscall(nr, (long)(a), 0, 0, 0, 0, 0))
#define SYS2(nr, a, b) syscall_ret(__uniarm_syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0))
#define SYS3(nr, a, b, c)                                                                          \
	syscall_ret(__uniarm_syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0))
#define SYS4(nr, a, b, c, d)                                                                       \
	syscall_ret(__uniarm_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0))

int _write(int fd, const void *buf, size_t count)
{
	return (int)SYS3(__NR_write, fd, buf, count);
}

int _read(int fd, void *buf, size_t count)
{
	return (int)SYS3(__NR_read, fd, buf, count);
}

int _close(int fd)
{
	return (int)SYS1(__NR_close, fd);
}

/* The file calls (open, _open, lseek, _lseek, stat, _fstat, ...) are libc-glue/file's. */
int _fstat(int fd, struct stat *st);

int _isatty(int fd)
{
	struct stat st;

	if (_fstat(fd, &st) < 0)
		return 0;
	if (!S_ISCHR(st.st_mode)) {
		errno = ENOTTY;
		return 0;
	}
	return 1;
}

int _link(const char *oldpath, const char *newpath)
{
	return (int)SYS2(__NR_link, oldpath, newpath);
}

int _unlink(const char *path)
{
	return (int)SYS1(__NR_unlink, path);
}

int _getpid(void)
{
	return (int)SYS0(__NR_getpid);
}

int _kill(int pid, int sig)
{
	return (int)SYS2(__NR_kill, pid, sig);
}

__attribute__((noreturn)) void _exit(int status)
{
	__uniarm_syscall(__NR_exit_group, status, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

/*
 * brk and sbrk as glibc's (docs/vm-user.md): brk(addr) sets the break, 0 or -1/ENOMEM when the
 * kernel did not move it exactly there (glibc also reports a refused shrink below the heap's
 * start as success; this one does not). sbrk(incr) returns the old break or (void *)-1/ENOMEM.
 * No break is cached: sbrk asks the kernel each time (brk(0)), so it sees a break moved by a
 * direct brk system call (__uniarm_syscall(__NR_brk, ...)); glibc only re-reads it when it has
 * none cached, musl's sbrk(0) always does.
 */
int brk(void *addr);

int brk(void *addr)
{
	if ((uintptr_t)__uniarm_syscall(__NR_brk, (long)addr, 0, 0, 0, 0, 0) != (uintptr_t)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *_sbrk(ptrdiff_t incr)
{
	uintptr_t old = (uintptr_t)__uniarm_syscall(__NR_brk, 0, 0, 0, 0, 0, 0);
	uintptr_t want = old + (uintptr_t)incr;

	if (incr == 0)
		return (void *)old;
	if ((incr > 0 && want < old) || (incr < 0 && want > old) || brk((void *)want) < 0) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)old;
}

int _gettimeofday(struct timeval *tv, void *tz)
{
	struct linux_timespec64 ts;

	(void)tz;
	if (SYS2(__NR_clock_gettime64, LINUX_CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (tv) {
		tv->tv_sec = (time_t)ts.tv_sec;
		tv->tv_usec = (suseconds_t)(ts.tv_nsec / 1000);
	}
	return 0;
}

clock_t _times(struct tms *buf)
{
	struct linux_tms k;
	long ret = SYS1(__NR_times, &k);

	/* Linux counts in USER_HZ (100), newlib's CLOCKS_PER_SEC on ARM is also 100. */
	_Static_assert(CLOCKS_PER_SEC == LINUX_USER_HZ, "clock tick rates differ");
	if (ret == -1)
		return (clock_t)-1;
	if (buf) {
		buf->tms_utime = (clock_t)k.tms_utime;
		buf->tms_stime = (clock_t)k.tms_stime;
		buf->tms_cutime = (clock_t)k.tms_cutime;
		buf->tms_cstime = (clock_t)k.tms_cstime;
	}
	return (clock_t)ret;
}

static void timespec_to_linux(const struct timespec *ts, struct linux_timespec64 *k)
{
	k->tv_sec = (int64_t)ts->tv_sec;
	k->tv_nsec = (int64_t)ts->tv_nsec;
}

static void timespec_from_linux(const struct linux_timespec64 *k, struct timespec *ts)
{
	ts->tv_sec = (time_t)k->tv_sec;
	ts->tv_nsec = (long)k->tv_nsec;
}

int clock_gettime(clockid_t clock_id, struct timespec *tp)
{
	struct linux_timespec64 k;

	if (SYS2(__NR_clock_gettime64, clock_id, &k) < 0)
		return -1;
	timespec_from_linux(&k, tp);
	return 0;
}

int clock_getres(clockid_t clock_id, struct timespec *res)
{
	struct linux_timespec64 k;

	if (SYS2(__NR_clock_getres_time64, clock_id, &k) < 0)
		return -1;
	if (res)
		timespec_from_linux(&k, res);
	return 0;
}

int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec *rqtp,
		    struct timespec *rmtp)
{
	struct linux_timespec64 req, rem = {0, 0};
	long ret;

	timespec_to_linux(rqtp, &req);
	/* POSIX: clock_nanosleep returns the error number instead of setting errno. */
	ret = __uniarm_syscall(__NR_clock_nanosleep_time64, clock_id, flags, (long)&req, (long)&rem,
			       0, 0);
	/* The time left comes back when a signal cut a relative sleep short (EINTR). */
	if (rmtp && !(flags & TIMER_ABSTIME) && (ret == 0 || ret == -EINTR))
		timespec_from_linux(&rem, rmtp);
	if (ret < 0)
		return (int)-ret;
	return 0;
}

int nanosleep(const struct timespec *rqtp, struct timespec *rmtp)
{
	int err = clock_nanosleep(CLOCK_MONOTONIC, 0, rqtp, rmtp);

	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = {(time_t)(usec / 1000000), (long)(usec % 1000000) * 1000};

	return nanosleep(&ts, NULL);
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = {(time_t)seconds, 0};

	return nanosleep(&ts, NULL) ? seconds : 0;
}

/*
 * Credentials: Linux's 32-bit id calls (the *32 numbers, as glibc uses on ARM). newlib's uid_t
 * and gid_t are 16 bits: (uid_t)-1 means "unchanged" (or, for setuid/setgid, the invalid id,
 * EINVAL) as in Linux's 16-bit calls, and an id above 65535 reads truncated. getres*id and
 * setres*id are not in newlib's unistd.h; an application declares them as glibc's do.
 */
int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid);
int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid);
int setresuid(uid_t ruid, uid_t euid, uid_t suid);
int setresgid(gid_t rgid, gid_t egid, gid_t sgid);

static long id_to_linux(unsigned int id)
{
	return (uid_t)id == (uid_t)-1 ? -1L : (long)(uid_t)id;
}

uid_t getuid(void)
{
	return (uid_t)__uniarm_syscall(__NR_getuid32, 0, 0, 0, 0, 0, 0);
}

uid_t geteuid(void)
{
	return (uid_t)__uniarm_syscall(__NR_geteuid32, 0, 0, 0, 0, 0, 0);
}

gid_t getgid(void)
{
	return (gid_t)__uniarm_syscall(__NR_getgid32, 0, 0, 0, 0, 0, 0);
}

gid_t getegid(void)
{
	return (gid_t)__uniarm_syscall(__NR_getegid32, 0, 0, 0, 0, 0, 0);
}

int setuid(uid_t uid)
{
	return (int)SYS1(__NR_setuid32, id_to_linux(uid));
}

int setgid(gid_t gid)
{
	return (int)SYS1(__NR_setgid32, id_to_linux(gid));
}

int setreuid(uid_t ruid, uid_t euid)
{
	return (int)SYS2(__NR_setreuid32, id_to_linux(ruid), id_to_linux(euid));
}

int setregid(gid_t rgid, gid_t egid)
{
	return (int)SYS2(__NR_setregid32, id_to_linux(rgid), id_to_linux(egid));
}

int setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	return (int)SYS3(__NR_setresuid32, id_to_linux(ruid), id_to_linux(euid), id_to_linux(suid));
}

int setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	return (int)SYS3(__NR_setresgid32, id_to_linux(rgid), id_to_linux(egid), id_to_linux(sgid));
}

/* The 16-bit calls write newlib's 16-bit ids themselves (a bad pointer is EFAULT, an id above
 * 65535 reads as the overflow id 65534, as Linux's uid16.c does). */
int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid)
{
	return (int)SYS3(__NR_getresuid16, ruid, euid, suid);
}

int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid)
{
	return (int)SYS3(__NR_getresgid16, rgid, egid, sgid);
}
