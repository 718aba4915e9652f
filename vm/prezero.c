/*
 * kzerod (docs/tasks.md, "kzerod"): a kernel thread that runs only when the CPU would
 * otherwise be idle, allocating free pages, clearing them and putting them on the page
 * allocator's pre-zeroed list (vm/page_alloc.c), from which do_anonymous_page and do_wp_page
 * take a page without clearing it (vm/memory.c: alloc_zeroed_user_page), and alloc_pages too
 * for __GFP_ZERO. The pages stay free memory: counted in nr_free_pages, and given back to the
 * buddy lists by an allocation that would otherwise fail.
 *
 * Idle time only: the idle task wakes kzerod instead of waiting for an interrupt, and kzerod
 * goes back to sleep as soon as another task is runnable (cpu_wanted, tested after each page:
 * a task woken meanwhile waits for one clear_page at most) or the list is full.
 */
#include "vm/prezero.h"
#include "platform/memory.h"
#include "platform/page.h"
#include "runtime/kthread.h"
#include "runtime/printk.h"
#include "vm/gfp.h"
#include "vm/mm.h"

static struct task_struct *kzerod_task;

static bool prezero_wanted(void)
{
	unsigned long have = page_counts.prezeroed;

	return have < PREZERO_MAX && have < nr_free_pages() / 8;
}

static int kzerod(void *unused)
{
	(void)unused;
	while (!kthread_should_stop()) {
		struct page *page;

		set_current_state(TASK_INTERRUPTIBLE);
		if (!prezero_wanted() || cpu_wanted()) {
			schedule(); /* until the idle task wakes it */
			__set_current_state(TASK_RUNNING);
			continue;
		}
		__set_current_state(TASK_RUNNING);
		/* A page the application would get: the list's pages are all handed out as its
		 * memory or as __GFP_ZERO pages, and are counted as free meanwhile. */
		page = alloc_user_page(GFP_KERNEL | __GFP_NOWARN);
		if (!page)
			continue; /* prezero_wanted now sees less free memory */
		clear_page(page_address(page));
		add_prezeroed_page(page);
	}
	return 0;
}

bool prezero_idle(void)
{
	return kzerod_task && prezero_wanted() && wake_up_process(kzerod_task);
}

void prezero_init(void)
{
	struct task_struct *k = kthread_create(kzerod, NULL, "kzerod");

	if (IS_ERR(k)) {
		printk("kzerod: not started (error %ld): faults clear their pages themselves\n",
		       PTR_ERR(k));
		return;
	}
	kzerod_task = k;
}
