/* Kernel threads (runtime/kthread.h). */
#include "runtime/kthread.h"
#include "runtime/exit.h"
#include "runtime/fork.h"
#include "runtime/printk.h"
#include "runtime/vsprintf.h"
#include "runtime/wait.h"

#include <errno.h>
#include <stdarg.h>

/* A kernel thread's own state, on its stack (current->kthread). */
struct kthread {
	bool should_stop;
};

/* A request to kthreadd. */
struct kthread_create_info {
	int (*threadfn)(void *data);
	void *data;
	char name[TASK_COMM_LEN];
	struct task_struct *result; /* the thread, or ERR_PTR */
	struct completion done;
	struct list_head list;
};

static LIST_HEAD(kthread_create_list);
static struct task_struct *kthreadd_task;

/* Every kernel thread starts here: it reports itself to its creator and sleeps until woken,
 * then runs its function unless it was stopped first. */
static int kthread(void *_create)
{
	struct kthread_create_info *create = _create;
	int (*threadfn)(void *data) = create->threadfn;
	void *data = create->data;
	struct kthread self = {.should_stop = false};

	current->kthread = &self;
	create->result = current;
	__set_current_state(TASK_UNINTERRUPTIBLE);
	complete(&create->done); /* create is the creator's: not touched after this */
	schedule();
	do_exit(self.should_stop ? -EINTR : threadfn(data));
}

int kthreadd(void *unused)
{
	(void)unused;
	for (;;) {
		uint32_t flags;

		set_current_state(TASK_INTERRUPTIBLE);
		if (list_empty(&kthread_create_list))
			schedule();
		__set_current_state(TASK_RUNNING);
		flags = local_irq_save();
		while (!list_empty(&kthread_create_list)) {
			struct kthread_create_info *create = list_first_entry(
				&kthread_create_list, struct kthread_create_info, list);
			int pid;

			list_del(&create->list);
			local_irq_restore(flags);
			pid = kernel_thread(kthread, create, create->name, NULL);
			if (pid < 0) {
				create->result = ERR_PTR(pid);
				complete(&create->done);
			}
			flags = local_irq_save();
		}
		local_irq_restore(flags);
	}
	return 0;
}

void kthreadd_start(void)
{
	int pid = kernel_thread(kthreadd, NULL, "kthreadd", &kthreadd_task);

	if (pid < 0)
		panic("no memory or pid for kthreadd");
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt,
				   ...)
{
	struct kthread_create_info create = {.threadfn = threadfn, .data = data};
	va_list ap;

	va_start(ap, namefmt);
	kvsnprintf(create.name, sizeof(create.name), namefmt, ap);
	va_end(ap);
	init_completion(&create.done);
	uint32_t flags = local_irq_save();
	list_add_tail(&create.list, &kthread_create_list);
	local_irq_restore(flags);
	wake_up_process(kthreadd_task);
	wait_for_completion(&create.done);
	return create.result;
}

bool kthread_should_stop(void)
{
	struct kthread *k = current->kthread;

	return k && k->should_stop;
}

int kthread_stop(struct task_struct *k)
{
	struct completion exited;
	int ret;

	get_task_struct(k);
	if (!k->exit_state) { /* (one CPU: it cannot exit between this test and the wait) */
		init_completion(&exited);
		k->vfork_done = &exited;
		if (k->kthread)
			((struct kthread *)k->kthread)->should_stop = true;
		wake_up_process(k);
		wait_for_completion(&exited);
	}
	ret = k->exit_code;
	put_task_struct(k);
	return ret;
}
