/*
 * pthread_create (docs/pthreads.md): one anonymous mapping per thread holds, from the bottom,
 * the guard (PROT_NONE), the stack and, at the top, the thread's struct _reent, descriptor,
 * TCB and TLS block (pthread_impl.h). With a stack of the caller's (pthread_attr_setstack),
 * only the top part is mapped, separately. Then clone() with Linux's thread flags: the kernel
 * writes the child's tid into the descriptor (CLONE_PARENT_SETTID) and zeroes it and wakes a
 * joiner when the thread ends (CLONE_CHILD_CLEARTID); CLONE_SETTLS gives the child its tp.
 * As glibc's, clone runs with every signal blocked, so that no handler runs on the new thread
 * before its start code: the creator's mask travels in the descriptor and the child's first
 * act is to take it; the creator puts it back on itself after clone.
 */
#include "libc-glue/pthread/pthread_impl.h"
#include "runtime/uapi-signal.h"

#include <string.h>
#include <sys/mman.h>

#define CLONE_THREAD_FLAGS                                                                         \
	(LINUX_CLONE_VM | LINUX_CLONE_FS | LINUX_CLONE_FILES | LINUX_CLONE_SIGHAND |               \
	 LINUX_CLONE_THREAD | LINUX_CLONE_SYSVSEM | LINUX_CLONE_SETTLS |                           \
	 LINUX_CLONE_PARENT_SETTID | LINUX_CLONE_CHILD_CLEARTID)

extern void __sinit(struct _reent *); /* newlib's stdio set-up */

static int threads_started;

/* A thread's struct _reent shares the process's stdin, stdout and stderr (as a Linux C
 * library's threads do): nothing of its own to flush or close when it is reclaimed. */
static void reent_cleanup_none(struct _reent *r)
{
	(void)r;
}

static void init_reent(struct _reent *r)
{
	struct _reent *global = _GLOBAL_REENT;

	_REENT_INIT_PTR_ZEROED(r);
	r->_stdin = global->_stdin;
	r->_stdout = global->_stdout;
	r->_stderr = global->_stderr;
	r->__cleanup = reent_cleanup_none;
	r->__sdidinit = 1; /* stdio must not __sinit() this one: the streams are global's */
}

/* rt_sigprocmask(how, set, old, 8) on the calling thread. */
static inline void set_mask(int how, const unsigned long *set, unsigned long *old)
{
	__uniarm_syscall(__NR_rt_sigprocmask, how, (long)set, (long)old, LINUX_NSIG_BYTES, 0, 0);
}

static int thread_start(void *arg)
{
	struct pthread *self = arg;

	set_mask(LINUX_SIG_SETMASK, self->sigmask, 0); /* first: the creator's mask */
	pthread_exit(self->start(self->arg));
}

/* The first pthread_create, from the only thread: the main thread learns its tid and asks the
 * kernel to zero it when the main thread ends (so it can be joined), and stdio's streams are
 * set up before threads share them. */
static int start_threading(void)
{
	struct pthread *main_thread = __uniarm_main_thread;
	long tid = __uniarm_syscall(__NR_set_tid_address, (long)&main_thread->tid, 0, 0, 0, 0, 0);

	if (tid < 0)
		return (int)-tid;
	main_thread->tid = (int)tid;
	if (!_GLOBAL_REENT->__sdidinit)
		__sinit(_GLOBAL_REENT);
	threads_started = 1;
	return 0;
}

static size_t page_up(size_t n)
{
	return (n + UNIARM_PAGE_SIZE - 1) & ~(size_t)(UNIARM_PAGE_SIZE - 1);
}

int pthread_create(pthread_t *__restrict thread, const pthread_attr_t *__restrict attr,
		   void *(*start_routine)(void *), void *__restrict arg)
{
	static const unsigned long all[2] = {~0UL, ~0UL};
	size_t stack_size = DEFAULT_STACK_SIZE, guard = DEFAULT_GUARD_SIZE, top_size, map_size;
	unsigned long mask[2];
	char *stack_addr = 0, *map, *top, *tp, *stack_top;
	int detached = 0;
	struct pthread *t;
	struct _reent *r;
	long ret;

	if (!threads_started) {
		int err = start_threading();

		if (err)
			return err;
	}
	if (attr) {
		if (attr->__stacksize)
			stack_size = attr->__stacksize;
		guard = attr->__guardsize;
		stack_addr = attr->__stackaddr;
		detached = attr->__flags & 1;
	}
	top_size = page_up(sizeof(struct _reent) + __uniarm_tls_area_size() + 16);
	if (stack_addr) {
		/* The caller's stack, used whole; the rest gets its own mapping. */
		map_size = top_size;
		guard = 0;
	} else {
		stack_size = page_up(stack_size);
		guard = page_up(guard);
		map_size = guard + stack_size + top_size;
	}
	/* A detached thread unmaps its memory itself at its exit: it takes none of the cache's,
	 * which then stays for the joinable threads that give memory back to it. */
	map = stack_addr || detached ? 0 : __uniarm_stack_cache_get(map_size, guard);
	if (map) {
		/* A joined thread's memory: its top area (reent, descriptor, TLS) zeroed again, as
		 * a fresh mapping's would be. */
		memset(map + map_size - top_size, 0, top_size);
	} else {
		map = mmap(0, map_size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
		if (map == MAP_FAILED)
			return EAGAIN;
		if (guard && mprotect(map, guard, PROT_NONE)) {
			munmap(map, map_size);
			return EAGAIN;
		}
	}
	top = map + map_size;
	tp = __uniarm_tls_setup(top);
	t = (struct pthread *)(tp - sizeof(struct pthread));
	r = (struct _reent *)(((uintptr_t)t - sizeof(struct _reent)) & ~(uintptr_t)7);
	if (stack_addr) {
		stack_top = (char *)((uintptr_t)(stack_addr + stack_size) & ~(uintptr_t)15);
		t->stack_base = stack_addr;
	} else {
		stack_top = (char *)((uintptr_t)r & ~(uintptr_t)15);
		t->stack_base = map + guard;
	}
	t->stack_size = (size_t)(stack_top - (char *)t->stack_base);
	t->guard_size = guard;
	t->self = t;
	t->start = start_routine;
	t->arg = arg;
	t->map_base = map;
	t->map_size = map_size;
	t->detach_state = detached ? DT_DETACHED : DT_JOINABLE;
	t->reent = r;
	init_reent(r);

	__atomic_add_fetch(&__uniarm_nthreads, 1, __ATOMIC_RELAXED);
	/* Every signal blocked until thread_start has given the child the mask kept here (the
	 * kernel leaves SIGKILL and SIGSTOP out). */
	set_mask(LINUX_SIG_BLOCK, all, mask);
	t->sigmask[0] = mask[0];
	t->sigmask[1] = mask[1];
	/* Nothing of t may be touched after this if the thread is detached: it may be gone. */
	ret = __uniarm_clone(thread_start, stack_top, CLONE_THREAD_FLAGS, t, &t->tid, tp, &t->tid);
	set_mask(LINUX_SIG_SETMASK, mask, 0);
	if (ret < 0) {
		__atomic_sub_fetch(&__uniarm_nthreads, 1, __ATOMIC_RELAXED);
		munmap(map, map_size);
		return ret == -ENOMEM || ret == -EAGAIN ? EAGAIN : (int)-ret;
	}
	*thread = (pthread_t)t;
	return 0;
}
