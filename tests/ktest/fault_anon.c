/*
 * Demand paging of anonymous memory (vm/memory.c through the real fault path): VMAs are made
 * by hand (fault_lib.c), then touched from the test (in the runtime, application memory open
 * to it: runtime/ktest.c), and the fault counters,
 * the page tables and the free page counts are checked after each step:
 *   write faults, read faults (zero page), copy-on-write of the zero page, Access flag and
 *   dirty faults, stack growth, executable pages, unmap_region (pages and page
 *   tables freed), change_protection (zero page never writable, PROT_NONE keeps the page),
 *   move_page_tables (pte by pte and whole 4 MiB groups, and out of memory), shared mappings
 *   and dup_page_range, populate_range, mincore_range.
 */
#include "fault_lib.c"

#include <errno.h>

/* vm/memory.c, for vm/mremap.c (declared in vm/mmap_internal.h). */
int dup_page_range(struct mm_struct *mm, unsigned long src, unsigned long dst, unsigned long len);

#define NPAGES 64

static volatile unsigned char *page_ptr(struct vm_area_struct *vma, unsigned long i)
{
	return (volatile unsigned char *)(vma->vm_start + i * PAGE_SIZE);
}

/* N fresh pages written: N minor faults, N zero-filled pages, all distinct and writable. */
static void test_write_faults(void)
{
	struct vm_area_struct *vma = make_vma(NPAGES * PAGE_SIZE, VM_READ | VM_WRITE);
	unsigned long flt = ONCE(app_mm.min_flt), zf = ONCE(vm_events.zero_fill);

	for (unsigned long i = 0; i < NPAGES; i++)
		page_ptr(vma, i)[i] = (unsigned char)(i + 1);
	CHECK_EQ(ONCE(app_mm.min_flt) - flt, NPAGES);
	CHECK_EQ(ONCE(vm_events.zero_fill) - zf, NPAGES);
	/* Touching them again costs nothing. */
	for (unsigned long i = 0; i < NPAGES; i++)
		page_ptr(vma, i)[i + 1] = 7;
	CHECK_EQ(ONCE(app_mm.min_flt) - flt, NPAGES);
	for (unsigned long i = 0; i < NPAGES; i++) {
		pte_t pte = get_pte(vma->vm_start + i * PAGE_SIZE);
		unsigned long sum = 0;

		CHECK(pte_valid(pte) && pte_write(pte) && pte_dirty(pte) && pte_young(pte));
		CHECK(pte_pfn(pte) != zero_pfn);
		for (unsigned long j = 0; j < PAGE_SIZE; j++)
			sum += page_ptr(vma, i)[j];
		CHECK_EQ(sum, i + 1 + 7);
	}
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	remove_vma(vma);
	printf("write faults: %d fresh pages, %d minor faults, zero-filled\n", NPAGES, NPAGES);
}

/* Reads map the zero page; a write then copies it (cow); the zero page stays zero. */
static void test_read_then_write(void)
{
	struct vm_area_struct *vma = make_vma(16 * PAGE_SIZE, VM_READ | VM_WRITE);
	unsigned long flt = ONCE(app_mm.min_flt), zpm = ONCE(vm_events.zero_page_maps),
		      cow = ONCE(vm_events.cow);
	unsigned long sum = 0;

	for (unsigned long i = 0; i < 16; i++)
		sum += page_ptr(vma, i)[100];
	CHECK_EQ(sum, 0);
	CHECK_EQ(ONCE(app_mm.min_flt) - flt, 16);
	CHECK_EQ(ONCE(vm_events.zero_page_maps) - zpm, 16);
	for (unsigned long i = 0; i < 16; i++) {
		pte_t pte = get_pte(vma->vm_start + i * PAGE_SIZE);
		CHECK(pte_pfn(pte) == zero_pfn && !pte_write(pte) && pte_young(pte));
	}
	for (unsigned long i = 0; i < 16; i++)
		page_ptr(vma, i)[100] = 0x5a;
	CHECK_EQ(ONCE(app_mm.min_flt) - flt, 32);
	CHECK_EQ(ONCE(vm_events.cow) - cow, 16);
	for (unsigned long i = 0; i < 16; i++) {
		pte_t pte = get_pte(vma->vm_start + i * PAGE_SIZE);
		CHECK(pte_pfn(pte) != zero_pfn && pte_write(pte) && pte_dirty(pte));
		CHECK_EQ(page_ptr(vma, i)[100], 0x5a);
		CHECK_EQ(page_ptr(vma, i)[101], 0);
	}
	const unsigned char *zp = __va(PFN_PHYS(zero_pfn));
	for (unsigned long j = 0; j < PAGE_SIZE; j++)
		if (zp[j])
			CHECK(!"zero page written");
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	remove_vma(vma);
	printf("read then write: zero page mapped, then copied on write\n");
}

/* unmap_region frees the pages and the page tables; the next read sees zeros. */
static void test_unmap(void)
{
	/* A range of its own 4 MiB group, so that its page of tables can go too. */
	struct vm_area_struct *vma = make_vma_at(0, 32 * PAGE_SIZE, VM_READ | VM_WRITE, 4UL << 20);
	unsigned long free0, tables0, zpm;

	drain_local_pages();
	free0 = nr_free_pages();
	tables0 = nr_pagetable_pages();
	for (unsigned long i = 0; i < 32; i++)
		page_ptr(vma, i)[0] = 0xee;
	CHECK_EQ(nr_pagetable_pages(), tables0 + 1);
	CHECK_EQ(free0 - nr_free_pages(), 33);
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	CHECK_EQ(nr_pagetable_pages(), tables0);
	drain_local_pages();
	CHECK_EQ(nr_free_pages(), free0);
	/* Still inside the VMA: the next touch faults in zeros again. */
	zpm = ONCE(vm_events.zero_page_maps);
	for (unsigned long i = 0; i < 32; i++)
		CHECK_EQ(page_ptr(vma, i)[0], 0);
	CHECK_EQ(ONCE(vm_events.zero_page_maps) - zpm, 32);
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	drain_local_pages();
	CHECK_EQ(nr_free_pages(), free0);
	CHECK_EQ(nr_pagetable_pages(), tables0);
	printf("unmap_region: free pages %lu before, %lu after; page tables restored\n", free0,
	       nr_free_pages());
	remove_vma(vma);
}

/* Page tables are kept when the floor/ceiling say another VMA may use them. */
static void test_unmap_keeps_shared_tables(void)
{
	unsigned long tables0 = nr_pagetable_pages();
	struct vm_area_struct *a = make_vma_at(0, 8 * PAGE_SIZE, VM_READ | VM_WRITE, 4UL << 20);
	struct vm_area_struct *b =
		make_vma_at(a->vm_end + PAGE_SIZE, 8 * PAGE_SIZE, VM_READ | VM_WRITE, PAGE_SIZE);

	page_ptr(a, 0)[0] = 1;
	page_ptr(b, 0)[0] = 2;
	CHECK_EQ(nr_pagetable_pages(), tables0 + 1);
	/* Unmapping a with b as the ceiling: the group is not wholly inside, the table stays. */
	unmap_region(&app_mm, a->vm_start, a->vm_end, 0, b->vm_start);
	CHECK_EQ(nr_pagetable_pages(), tables0 + 1);
	CHECK_EQ(page_ptr(b, 0)[0], 2);
	unmap_region(&app_mm, b->vm_start, b->vm_end, 0, 0);
	CHECK_EQ(nr_pagetable_pages(), tables0);
	remove_vma(a);
	remove_vma(b);
}

/* Access flag and dirty faults re-armed by hand. */
static void test_young_dirty(void)
{
	struct vm_area_struct *vma = make_vma(4 * PAGE_SIZE, VM_READ | VM_WRITE);
	unsigned long addr = vma->vm_start;
	unsigned long af = ONCE(vm_events.access_flag), dirty = ONCE(vm_events.dirty), flt;

	page_ptr(vma, 0)[0] = 3;
	flt = ONCE(app_mm.min_flt);
	put_pte(addr, pte_mkold(get_pte(addr)));
	CHECK_EQ(page_ptr(vma, 0)[0], 3);
	CHECK_EQ(ONCE(vm_events.access_flag) - af, 1);
	CHECK(pte_young(get_pte(addr)));
	put_pte(addr, pte_mkclean(get_pte(addr)));
	CHECK(!pte_dirty(get_pte(addr)) && pte_write(get_pte(addr)));
	page_ptr(vma, 0)[1] = 4;
	CHECK_EQ(ONCE(vm_events.dirty) - dirty, 1);
	CHECK(pte_dirty(get_pte(addr)));
	/* Old and clean at once: one write fault fixes both. */
	put_pte(addr, pte_mkold(pte_mkclean(get_pte(addr))));
	page_ptr(vma, 0)[2] = 5;
	CHECK_EQ(ONCE(vm_events.access_flag) - af, 2);
	CHECK_EQ(ONCE(vm_events.dirty) - dirty, 2);
	CHECK_EQ(ONCE(app_mm.min_flt) - flt, 3);
	CHECK_EQ(page_ptr(vma, 0)[0] + page_ptr(vma, 0)[1] + page_ptr(vma, 0)[2], 12);
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	remove_vma(vma);
	printf("access flag and dirty faults: counted and resolved\n");
}

/* A touch below a VM_GROWSDOWN VMA grows it. */
static void test_stack_growth(void)
{
	unsigned long base = free_range(4UL << 20, 1UL << 20);
	unsigned long top = base + (4UL << 20);
	struct vm_area_struct *vma = make_vma_at(
		top - 4 * PAGE_SIZE, 4 * PAGE_SIZE,
		VM_READ | VM_WRITE | VM_GROWSDOWN | VM_MAYREAD | VM_MAYWRITE, PAGE_SIZE);
	unsigned long sg = ONCE(vm_events.stack_growth);
	volatile unsigned char *below = (volatile unsigned char *)(top - 7 * PAGE_SIZE + 8);

	*below = 9;
	CHECK_EQ(*below, 9);
	CHECK_EQ(ONCE(vm_events.stack_growth) - sg, 1);
	CHECK_EQ(vma->vm_start, top - 7 * PAGE_SIZE);
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	remove_vma(vma);
	printf("stack growth: the VMA grew down to the touched page\n");
}

/* An executable VMA's page: mapped executable and, after change_protection, not writable. (The
 * runtime cannot run it: application pages are privileged-execute-never; the application runs
 * such code in tests/qemu/exec_anon.c.) */
static void test_exec(void)
{
	struct vm_area_struct *vma = make_vma(PAGE_SIZE, VM_READ | VM_WRITE | VM_EXEC);
	volatile uint32_t *code = (volatile uint32_t *)vma->vm_start;

	code[0] = 0xe3a0002a; /* mov r0, #42 */
	code[1] = 0xe12fff1e; /* bx lr */
	protect_vma(vma, VM_READ | VM_EXEC);
	CHECK(pte_exec(get_pte(vma->vm_start)) && !pte_write(get_pte(vma->vm_start)));
	CHECK_EQ(code[0], 0xe3a0002a);
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	remove_vma(vma);
	printf("exec: an executable anonymous page, not writable after mprotect\n");
}

/* Read-only and back: exclusive pages become writable again without a fault (still dirty);
 * the zero page never does. PROT_NONE keeps the page and its contents. */
static void test_change_protection(void)
{
	struct vm_area_struct *vma = make_vma(4 * PAGE_SIZE, VM_READ | VM_WRITE);
	unsigned long a0 = vma->vm_start, a1 = a0 + PAGE_SIZE, flt;

	page_ptr(vma, 0)[0] = 0x11;	  /* page 0: real, dirty */
	CHECK_EQ(page_ptr(vma, 1)[0], 0); /* page 1: the zero page */
	protect_vma(vma, VM_READ);
	CHECK(!pte_write(get_pte(a0)) && pte_dirty(get_pte(a0)) && pte_valid(get_pte(a0)));
	CHECK_EQ(page_ptr(vma, 0)[0], 0x11);
	protect_vma(vma, VM_READ | VM_WRITE);
	CHECK(pte_write(get_pte(a0)) && pte_dirty(get_pte(a0)));
	CHECK(!pte_write(get_pte(a1)) && pte_pfn(get_pte(a1)) == zero_pfn);
	flt = ONCE(app_mm.min_flt);
	page_ptr(vma, 0)[1] = 0x22; /* no fault: writable and dirty already */
	CHECK_EQ(ONCE(app_mm.min_flt), flt);
	unsigned long cow = ONCE(vm_events.cow);
	page_ptr(vma, 1)[0] = 0x33; /* the zero page: copied */
	CHECK_EQ(ONCE(vm_events.cow) - cow, 1);
	CHECK(pte_pfn(get_pte(a1)) != zero_pfn);
	unsigned long pfn0 = pte_pfn(get_pte(a0));
	protect_vma(vma, VM_NONE);
	CHECK(pte_present(get_pte(a0)) && !pte_valid(get_pte(a0)));
	CHECK_EQ(pte_pfn(get_pte(a0)), pfn0);
	protect_vma(vma, VM_READ | VM_WRITE);
	CHECK(pte_valid(get_pte(a0)) && pte_write(get_pte(a0)));
	CHECK_EQ(page_ptr(vma, 0)[0] + page_ptr(vma, 0)[1] + page_ptr(vma, 1)[0], 0x66);
	/* A page with a second reference is not made writable: a write copies it. */
	struct page *page = pfn_to_page(pfn0);
	get_page(page);
	protect_vma(vma, VM_READ);
	protect_vma(vma, VM_READ | VM_WRITE);
	CHECK(!pte_write(get_pte(a0)));
	cow = ONCE(vm_events.cow);
	page_ptr(vma, 0)[2] = 0x44;
	CHECK_EQ(ONCE(vm_events.cow) - cow, 1);
	CHECK(pte_pfn(get_pte(a0)) != pfn0);
	CHECK_EQ(page_ptr(vma, 0)[0], 0x11);
	CHECK_EQ(((unsigned char *)page_address(page))[2], 0); /* the old page is untouched */
	CHECK_EQ(page_count(page), 1);
	put_page(page);
	/* With one reference left, a write to a read-only entry reuses the page. */
	page_ptr(vma, 3)[0] = 1;
	put_pte(vma->vm_start + 3 * PAGE_SIZE,
		pte_wrprotect(get_pte(vma->vm_start + 3 * PAGE_SIZE)));
	unsigned long reuse = ONCE(vm_events.reuse);
	page_ptr(vma, 3)[1] = 2;
	CHECK_EQ(ONCE(vm_events.reuse) - reuse, 1);
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	remove_vma(vma);
	printf("change_protection: zero page and shared pages stay read-only, PROT_NONE keeps "
	       "pages\n");
}

/* The entries move, the data does not; no fault afterwards. */
static void test_move(unsigned long len, unsigned long align, const char *what)
{
	struct vm_area_struct *src = make_vma_at(0, len, VM_READ | VM_WRITE, align);
	unsigned long npages = len / PAGE_SIZE, step = npages > 64 ? 61 : 1;
	unsigned long tables0, flt, pfns[256];
	unsigned int n = 0;

	for (unsigned long i = 0; i < npages; i += step) {
		*(volatile unsigned long *)(src->vm_start + i * PAGE_SIZE) = i * 3 + 1;
		pfns[n++] = pte_pfn(get_pte(src->vm_start + i * PAGE_SIZE));
	}
	unsigned long old = src->vm_start;
	unsigned long new = free_range(len, align);
	tables0 = nr_pagetable_pages();
	CHECK_EQ(move_page_tables(&app_mm, old, new, len), 0);
	remove_vma(src);
	struct vm_area_struct *dst = make_vma_at(new, len, VM_READ | VM_WRITE, PAGE_SIZE);
	flt = ONCE(app_mm.min_flt);
	n = 0;
	for (unsigned long i = 0; i < npages; i += step) {
		CHECK_EQ(*(volatile unsigned long *)(new + i *PAGE_SIZE), i * 3 + 1);
		CHECK_EQ(pte_pfn(get_pte(new + i *PAGE_SIZE)), pfns[n++]);
		CHECK(pte_none(get_pte(old + i * PAGE_SIZE)));
	}
	CHECK_EQ(ONCE(app_mm.min_flt), flt);
	CHECK_EQ(nr_pagetable_pages(), tables0);
	unmap_region(&app_mm, dst->vm_start, dst->vm_end, 0, 0);
	remove_vma(dst);
	printf("move_page_tables (%s): contents kept, no faults, page tables balanced\n", what);
}

/* Take every free page (chained through their first words); give_back returns them. */
static struct page *take_all_pages(void)
{
	struct page *page, *head = NULL;

	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		*(struct page **)page_address(page) = head;
		head = page;
	}
	return head;
}

static void give_back(struct page *head)
{
	while (head) {
		struct page *next = *(struct page **)page_address(head);
		__free_page(head);
		head = next;
	}
}

/* A move that needs a page of tables when there is none fails and changes nothing. */
static void test_move_nomem(void)
{
	struct vm_area_struct *src = make_vma_at(0, 4 * PAGE_SIZE, VM_READ | VM_WRITE, 4UL << 20);
	unsigned long new = free_range(8UL << 20, 4UL << 20) + (4UL << 20); /* its own group */
	struct page *pages;

	page_ptr(src, 1)[0] = 0x77;
	pages = take_all_pages();
	CHECK_EQ(move_page_tables(&app_mm, src->vm_start, new, 4 * PAGE_SIZE), -ENOMEM);
	give_back(pages);
	CHECK(pte_none(get_pte(new + PAGE_SIZE)) && lookup_pte(new) == NULL);
	CHECK_EQ(page_ptr(src, 1)[0], 0x77);
	unmap_region(&app_mm, src->vm_start, src->vm_end, 0, 0);
	remove_vma(src);
	printf("move_page_tables without memory: -ENOMEM, nothing moved\n");
}

/* Shared mappings: a read gets a page of its own (not the zero page), and dup_page_range makes
 * a second view of the same pages; a private source is write-protected by it. */
static void test_shared_and_dup(void)
{
	struct vm_area_struct *a = make_vma(4 * PAGE_SIZE, VM_READ | VM_WRITE | VM_SHARED);
	struct vm_area_struct *b = make_vma(4 * PAGE_SIZE, VM_READ | VM_WRITE | VM_SHARED);
	unsigned long zf = ONCE(vm_events.zero_fill), zpm = ONCE(vm_events.zero_page_maps);
	unsigned long free0;

	drain_local_pages();
	free0 = nr_free_pages();
	CHECK_EQ(page_ptr(a, 0)[0], 0);
	CHECK_EQ(ONCE(vm_events.zero_fill) - zf, 1);
	CHECK_EQ(ONCE(vm_events.zero_page_maps), zpm);
	CHECK(pte_pfn(get_pte(a->vm_start)) != zero_pfn);
	page_ptr(a, 2)[0] = 0x42;
	CHECK_EQ(dup_page_range(&app_mm, a->vm_start, b->vm_start, 4 * PAGE_SIZE), 0);
	CHECK_EQ(pte_pfn(get_pte(b->vm_start)), pte_pfn(get_pte(a->vm_start)));
	CHECK_EQ(page_count(pte_page(get_pte(a->vm_start + 2 * PAGE_SIZE))), 2);
	CHECK(pte_none(get_pte(b->vm_start + PAGE_SIZE)));
	CHECK_EQ(page_ptr(b, 2)[0], 0x42);
	page_ptr(b, 2)[1] = 0x43; /* shared: no copy, both views see it */
	CHECK_EQ(page_ptr(a, 2)[1], 0x43);
	page_ptr(a, 0)[5] = 0x44;
	CHECK_EQ(page_ptr(b, 0)[5], 0x44);
	unmap_region(&app_mm, a->vm_start, a->vm_end, 0, 0);
	CHECK_EQ(page_ptr(b, 2)[1], 0x43); /* b still holds the pages */
	unmap_region(&app_mm, b->vm_start, b->vm_end, 0, 0);
	drain_local_pages();
	CHECK_EQ(nr_free_pages(), free0);
	remove_vma(a);
	remove_vma(b);

	/* Private source: its page stops being writable, the next write there copies it. */
	a = make_vma(PAGE_SIZE, VM_READ | VM_WRITE);
	b = make_vma(PAGE_SIZE, VM_READ | VM_WRITE | VM_SHARED);
	page_ptr(a, 0)[0] = 1;
	CHECK_EQ(dup_page_range(&app_mm, a->vm_start, b->vm_start, PAGE_SIZE), 0);
	CHECK(!pte_write(get_pte(a->vm_start)));
	unsigned long cow = ONCE(vm_events.cow);
	page_ptr(a, 0)[0] = 2;
	CHECK_EQ(ONCE(vm_events.cow) - cow, 1);
	CHECK_EQ(page_ptr(b, 0)[0], 1);
	unmap_region(&app_mm, a->vm_start, a->vm_end, 0, 0);
	unmap_region(&app_mm, b->vm_start, b->vm_end, 0, 0);
	remove_vma(a);
	remove_vma(b);
	printf("shared mappings and dup_page_range: one page, two views\n");
}

/* populate_range: every page present (write-faulted in a writable VMA), no later faults. */
static void test_populate_mincore(void)
{
	struct vm_area_struct *vma = make_vma(32 * PAGE_SIZE, VM_READ | VM_WRITE);
	unsigned char vec[32];
	unsigned long zf = ONCE(vm_events.zero_fill), cow = ONCE(vm_events.cow), flt;

	page_ptr(vma, 5)[0] = 5;
	CHECK_EQ(page_ptr(vma, 6)[0], 0);
	mincore_range(&app_mm, vma->vm_start, vma->vm_end, vec);
	for (int i = 0; i < 32; i++)
		CHECK_EQ(vec[i], i == 5 || i == 6);
	CHECK_EQ(populate_range(vma, vma->vm_start, vma->vm_end), 0);
	CHECK_EQ(ONCE(vm_events.zero_fill) - zf, 31); /* page 5, then 30 by populate_range */
	CHECK_EQ(ONCE(vm_events.cow) - cow, 1);	      /* page 6: the zero page, replaced */
	flt = ONCE(app_mm.min_flt);
	for (unsigned long i = 0; i < 32; i++)
		page_ptr(vma, i)[1] = 1;
	CHECK_EQ(ONCE(app_mm.min_flt), flt);
	CHECK_EQ(page_ptr(vma, 5)[0], 5);
	mincore_range(&app_mm, vma->vm_start, vma->vm_end, vec);
	for (int i = 0; i < 32; i++)
		CHECK_EQ(vec[i], 1);
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	remove_vma(vma);

	/* Read-only: the zero page everywhere. */
	vma = make_vma(8 * PAGE_SIZE, VM_READ);
	unsigned long zpm = ONCE(vm_events.zero_page_maps);
	CHECK_EQ(populate_range(vma, vma->vm_start, vma->vm_end), 0);
	CHECK_EQ(ONCE(vm_events.zero_page_maps) - zpm, 8);
	CHECK_EQ(pte_pfn(get_pte(vma->vm_start + 7 * PAGE_SIZE)), zero_pfn);
	unmap_region(&app_mm, vma->vm_start, vma->vm_end, 0, 0);
	remove_vma(vma);
	printf("populate_range and mincore_range: every page resident, no faults after\n");
}

int main(void)
{
	fault_test_init();
	test_write_faults();
	test_read_then_write();
	test_unmap();
	test_unmap_keeps_shared_tables();
	test_young_dirty();
	test_stack_growth();
	test_exec();
	test_change_protection();
	test_move(16 * PAGE_SIZE, PAGE_SIZE, "16 pages");
	test_move(8UL << 20, 4UL << 20, "8 MiB, whole groups");
	test_move_nomem();
	test_shared_and_dup();
	test_populate_mincore();
	return fault_test_result("fault_anon");
}
