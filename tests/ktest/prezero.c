/*
 * kzerod and the pre-zeroed page list (vm/prezero.c, vm/page_alloc.c, docs/tasks.md): while
 * this task sleeps the CPU idles and kzerod fills the list up to PREZERO_MAX pages; the pages
 * stay free memory (nr_free_pages does not move); every page handed out from the list holds
 * zeros, also after the frames were dirtied and freed; an allocation that finds nothing else
 * takes the list's pages back (all free memory can be allocated); a page that was not just
 * allocated is refused with a report.
 */
#include "runtime/sched.h"
#include "runtime/time.h"
#include "vm/gfp.h"
#include "vm/mm.h"
#include "vm/prezero.h"

#include "ktest_check.h"

#include <stdio.h>
#include <string.h>

extern unsigned long bad_page_reports;

static struct page *taken[PREZERO_MAX];

/* Sleep ms milliseconds: nothing else is runnable, so the idle task runs (and wakes kzerod). */
static void sleep_ms(unsigned int ms)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_hrtimeout(ktime_get_ns() + ms * 1000000ull);
}

static bool page_is_zero(struct page *page)
{
	const unsigned long *w = page_address(page);

	for (unsigned int i = 0; i < PAGE_SIZE / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

/* Take every page of the list through alloc_page(__GFP_ZERO): each comes from the list (its
 * count drops by one) and is clear. The number taken. */
static unsigned long take_list(void)
{
	unsigned long n = page_counts.prezeroed, bad = 0;

	for (unsigned long i = 0; i < n; i++) {
		taken[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!taken[i] || page_counts.prezeroed != n - i - 1 || !page_is_zero(taken[i]))
			bad++;
	}
	CHECK(bad == 0);
	return n;
}

int main(void)
{
	unsigned long free0 = nr_free_pages(), n, all = 0, reports;
	struct page *chain = NULL, *page;

	/* Filled while idle, to the limit (128 MiB: an eighth of the free memory is more). */
	sleep_ms(50);
	CHECK(page_counts.prezeroed == PREZERO_MAX);
	CHECK(nr_free_pages() == free0);
	printf("prezero: %lu pages cleared in idle time, free pages unchanged\n",
	       page_counts.prezeroed);

	/* Handed out clear; dirtied and freed; the refilled list is clear again. */
	n = take_list();
	CHECK(n == PREZERO_MAX && nr_free_pages() == free0 - n);
	for (unsigned long i = 0; i < n; i++) {
		memset(page_address(taken[i]), 0xa5, PAGE_SIZE);
		__free_page(taken[i]);
	}
	CHECK(nr_free_pages() == free0);
	sleep_ms(50);
	CHECK(page_counts.prezeroed == PREZERO_MAX);
	CHECK(take_list() == PREZERO_MAX);
	for (unsigned long i = 0; i < n; i++)
		__free_page(taken[i]);

	/* All free memory can still be allocated: the last allocations drain the list. */
	sleep_ms(50);
	CHECK(page_counts.prezeroed == PREZERO_MAX);
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		*(struct page **)page_address(page) = chain;
		chain = page;
		all++;
	}
	CHECK(all == free0 && page_counts.prezeroed == 0);
	while (chain) {
		page = chain;
		chain = *(struct page **)page_address(page);
		__free_page(page);
	}
	CHECK(nr_free_pages() == free0);
	printf("prezero: all %lu free pages allocated, the list drained\n", all);

	/* Only a page just allocated and cleared may join the list. */
	page = alloc_page(GFP_KERNEL);
	reports = bad_page_reports;
	get_page(page);
	add_prezeroed_page(page);
	CHECK(bad_page_reports == reports + 1 && page_counts.prezeroed == 0);
	put_page(page);
	put_page(page);
	CHECK(nr_free_pages() == free0);

	printf("prezero: %s\n", check_failures ? "FAILED" : "all checks passed");
	return check_failures;
}
