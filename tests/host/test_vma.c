/*
 * test_vma.c - host tests for the VMA layer (vm/mmap.c, mprotect.c, mremap.c, madvise.c,
 * mlock.c, mincore.c, msync.c, overcommit.c) over the real area tree and slab, the fake page
 * allocator (tests/host/fake_page_alloc.c) and a per-page stand-in for vm/memory.c
 * (tests/host/fake_memory.c).
 *
 * Part 1: table tests, one or more per errno case of every call (Linux's checks and their
 * order), placement (hints, top-down, bottom-up, stack guard gaps), merging and splitting,
 * the map_count limit, committed memory in the three overcommit modes, locking, stack
 * growth, lookups and the cache, and 60,000 VMAs.
 *
 * Part 2: a random run of a million calls (mmap with every flag combination,
 * munmap, mprotect, mremap in all modes, madvise, mlock/munlock/mlockall, brk, mincore,
 * msync, and user accesses that fault pages in, write content or grow stacks) checked against
 * a reference model that knows nothing of VMAs: one entry per page of the window (vm_flags,
 * pgoff, present, a content tag). The model derives the VMAs (maximal runs of pages with the
 * same flags and contiguous pgoff), the placement (bitmap scans) and every errno. After every
 * call the result is compared; the whole state (tree invariants, no overlap, alignment,
 * nothing left unmerged, map_count, the cache, every page's flags/pgoff/presence/protection/
 * content, total_vm/stack_vm/locked_vm, committed pages) is compared after each of the first
 * 20,000 calls and every 1,000 after. Phases cycle the overcommit mode (0, 1, 2) and run with
 * a small vm.max_map_count; now and then the fake refuses a move or a page sharing.
 *
 * Usage: test_vma [seed [operations]]. Prints "N passed, M failed" last.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/mmap_internal.h"
#include "vm/slab.h"

#include "tests/host/check.h"

/* tests/host/fake_page_alloc.c */
void fake_ram_init(size_t bytes);
extern bool fake_printk_quiet;

/* tests/host/fake_memory.c */
struct fake_pte {
	uint32_t prot;
	uint32_t tag;
	uint8_t present;
};
extern struct fake_pte *fake_ptes;
extern unsigned long fake_present_pages;
extern const char *fake_memory_error;
extern int fake_fail_populate, fake_fail_move, fake_fail_dup;
#define FAKE_VEC_SIZE (1UL << 20)
extern unsigned long fake_vec_base;
extern unsigned char *fake_vec_shadow;
void fake_memory_init(void);
void fake_memory_reset(void);

#define RAM_BYTES (64UL << 20)
#define PG	  PAGE_SIZE
#define MNP	  (TASK_SIZE >> PAGE_SHIFT) /* pages of the model: 0 .. MNP-1 */
#define PLO	  (MMAP_MIN_ADDR >> PAGE_SHIFT)
#define GAPP	  (STACK_GUARD_GAP >> PAGE_SHIFT)
#define NONE	  ((unsigned long)-1)
#define NW	  ((MNP + 63) / 64)
#define RW_PROT	  (PROT_READ | PROT_WRITE)

static struct mm_struct *const mm = &app_mm;

/* ---- randomness (xorshift64*, seed printed for replay) ------------------------------------ */

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned long rndn(unsigned long n)
{
	return n ? (unsigned long)(rnd() % n) : 0;
}

/* ---- the descriptor hook: 3 is open (mode unknown), 4 read-only, 5 write-only, 6 both */

static int test_fd_check(unsigned long fd)
{
	switch (fd) {
	case 3:
		return -ENODEV;
	case 4:
		return MMAP_FILE_READ;
	case 5:
		return MMAP_FILE_WRITE;
	case 6:
		return MMAP_FILE_READ | MMAP_FILE_WRITE;
	default:
		return -EBADF;
	}
}

/* ---- the model -------------------------------------------------------------------------- */

static uint32_t *m_flags; /* vm_flags of the page's VMA, 0: unmapped */
static uint32_t *m_pgoff;
/*
 * The anon_vma of the page's VMA (0: none; shared memory: its object), the same on every page of
 * a VMA, and m_cut: a VMA begins at this page although it could be joined to the one below
 * (Linux does not merge there: stack growth, an anon_vma reused or spread by a merge).
 */
static uint32_t *m_anon;
static uint8_t *m_cut;
static uint32_t m_anon_seq;
static uint32_t *m_tag; /* content: 0 zeros */
static uint8_t *m_present;
static uint64_t *m_bits; /* mapped */
static long m_count;
static unsigned long m_total, m_locked, m_stack, m_committed, m_present_n;
static unsigned long m_brk, m_def_flags;
static uint32_t next_tag = 1;

static inline bool mapped(unsigned long p)
{
	return p < MNP && m_flags[p] != 0;
}

/* Pages p - 1 and p belong to one VMA. */
static inline bool joined(unsigned long p)
{
	return p > 0 && p < MNP && m_flags[p] && m_flags[p - 1] == m_flags[p] &&
	       m_pgoff[p - 1] + 1 == m_pgoff[p] && !(m_flags[p] & VM_DONTEXPAND) &&
	       m_anon[p - 1] == m_anon[p] && !m_cut[p];
}

static inline bool is_start(unsigned long p)
{
	return mapped(p) && !joined(p);
}

static unsigned long next_mapped(unsigned long p);

static long starts_in(unsigned long lo, unsigned long hi) /* pages lo..hi inclusive */
{
	long n = 0;

	for (unsigned long p = next_mapped(lo); p <= hi && p < MNP; p = next_mapped(p + 1))
		n += !joined(p);
	return n;
}

static void page_stat(uint32_t flags, long d)
{
	if (!flags)
		return;
	m_total += (unsigned long)d;
	if (flags & VM_LOCKED)
		m_locked += (unsigned long)d;
	if (flags & VM_GROWSDOWN)
		m_stack += (unsigned long)d;
	if (flags & VM_ACCOUNT)
		m_committed += (unsigned long)d;
}

static void set_content(unsigned long p, bool present, uint32_t tag)
{
	if (m_present[p] && !present)
		m_present_n--;
	if (!m_present[p] && present)
		m_present_n++;
	m_present[p] = present;
	m_tag[p] = present ? tag : 0;
}

enum { M_MAP, M_UNMAP, M_FLAGS };

/* Map (fresh, empty pages), unmap, or change the flags of pages [s, e). */
static void m_apply(int how, unsigned long s, unsigned long e, uint32_t flags, uint32_t pgoff,
		    uint32_t anon)
{
	long before = starts_in(s, e);

	if (how == M_UNMAP && s < e && !mapped(s))
		s = next_mapped(s); /* only mapped pages need work */
	for (unsigned long p = s; p < e; p = how == M_UNMAP ? next_mapped(p + 1) : p + 1) {
		page_stat(m_flags[p], -1);
		if (how == M_UNMAP) {
			m_flags[p] = 0;
			m_pgoff[p] = 0;
			m_anon[p] = 0;
			m_cut[p] = 0;
			if (p + 1 < MNP)
				m_cut[p + 1] = 0;
			m_bits[p >> 6] &= ~(1ULL << (p & 63));
			set_content(p, false, 0);
		} else {
			m_flags[p] = flags;
			if (how == M_MAP) {
				m_pgoff[p] = pgoff + (uint32_t)(p - s);
				m_anon[p] = anon;
				set_content(p, false, 0);
			}
			m_bits[p >> 6] |= 1ULL << (p & 63);
		}
		page_stat(m_flags[p], 1);
	}
	m_count += starts_in(s, e) - before;
}

/*
 * [s, e) is one VMA of the implementation now, with anon_vma `anon`: label its pages, no VMA
 * boundary inside, and one at each end (a cut where the pages would otherwise join).
 */
static void m_vma_is(unsigned long s, unsigned long e, uint32_t anon)
{
	long before = starts_in(s, e);

	for (unsigned long p = s; p < e; p++) {
		m_anon[p] = anon;
		m_cut[p] = 0;
	}
	if (s < MNP && mapped(s) && joined(s))
		m_cut[s] = 1;
	if (e < MNP && mapped(e) && joined(e))
		m_cut[e] = 1;
	m_count += starts_in(s, e) - before;
}

static unsigned long next_mapped(unsigned long p) /* first mapped page >= p, or MNP */
{
	unsigned long w;
	uint64_t word;

	if (p >= MNP)
		return MNP;
	w = p >> 6;
	word = m_bits[w] & (~0ULL << (p & 63));
	while (!word) {
		if (++w >= NW)
			return MNP;
		word = m_bits[w];
	}
	p = (w << 6) + (unsigned long)__builtin_ctzll(word);
	return p < MNP ? p : MNP;
}

static unsigned long next_free(unsigned long p) /* first unmapped page >= p, or MNP */
{
	unsigned long w;
	uint64_t word;

	if (p >= MNP)
		return MNP;
	w = p >> 6;
	word = ~m_bits[w] & (~0ULL << (p & 63));
	while (!word) {
		if (++w >= NW)
			return MNP;
		word = ~m_bits[w];
	}
	p = (w << 6) + (unsigned long)__builtin_ctzll(word);
	return p < MNP ? p : MNP;
}

/* Highest page < p, >= lo, mapped (want_mapped) or not; NONE if there is none. */
static unsigned long prev_page(unsigned long p, unsigned long lo, bool want_mapped)
{
	unsigned long w;
	uint64_t word, mask;

	if (p > MNP)
		p = MNP;
	if (p <= lo)
		return NONE;
	p--;
	w = p >> 6;
	mask = (p & 63) == 63 ? ~0ULL : ((1ULL << ((p & 63) + 1)) - 1);
	word = (want_mapped ? m_bits[w] : ~m_bits[w]) & mask;
	while (!word) {
		if (w == 0 || (w << 6) <= lo)
			return NONE;
		w--;
		word = want_mapped ? m_bits[w] : ~m_bits[w];
	}
	p = (w << 6) + 63 - (unsigned long)__builtin_clzll(word);
	return p >= lo ? p : NONE;
}

static bool any_mapped(unsigned long s, unsigned long e) /* pages */
{
	return next_mapped(s) < e;
}

struct mv {
	unsigned long s, e; /* pages [s, e) */
	uint32_t flags, pgoff;
};

/* The VMA holding page p (false: p is not mapped). */
static bool mv_at(unsigned long p, struct mv *v)
{
	unsigned long s = p, e = p + 1;

	if (!mapped(p))
		return false;
	while (joined(s))
		s--;
	while (e < MNP && joined(e))
		e++;
	v->s = s;
	v->e = e;
	v->flags = m_flags[p];
	v->pgoff = m_pgoff[s];
	return true;
}

/* The first VMA with end > page p (find_vma). */
static bool mv_find(unsigned long p, struct mv *v)
{
	return mv_at(next_mapped(p), v);
}

static unsigned long mv_gap_start(const struct mv *v) /* pages */
{
	if (!(v->flags & VM_GROWSDOWN))
		return v->s;
	return v->s >= GAPP ? v->s - GAPP : 0;
}

static bool m_enough(unsigned long pages)
{
	unsigned long limit = vm_commit_limit();

	switch (sysctl_overcommit_memory) {
	case OVERCOMMIT_ALWAYS:
		return true;
	case OVERCOMMIT_NEVER:
		return pages <= limit && m_committed <= limit - pages;
	default:
		return pages <= totalram_pages();
	}
}

/* Linux's anon_vma_compatible: b just above a, flags differing in protection at most, pgoff. */
static bool m_anon_compatible(const struct mv *a, const struct mv *b)
{
	return a->e == b->s && !((a->flags ^ b->flags) & ~(uint32_t)VM_ACCESS_FLAGS) &&
	       b->pgoff == a->pgoff + (uint32_t)(a->e - a->s);
}

/* anon_vma_prepare for the VMA of page p: the next VMA's, else the previous one's, else new. */
static void m_prepare(unsigned long p)
{
	struct mv v, n;
	uint32_t anon;

	mv_at(p, &v);
	if (v.e < MNP && mv_at(v.e, &n) && m_anon[v.e] && m_anon_compatible(&v, &n))
		anon = m_anon[v.e];
	else if (v.s > 0 && mv_at(v.s - 1, &n) && m_anon[v.s - 1] && m_anon_compatible(&n, &v))
		anon = m_anon[v.s - 1];
	else
		anon = ++m_anon_seq;
	m_vma_is(v.s, v.e, anon);
}

/* Populating writes into private writable memory (and so gives it an anon_vma). */
static void m_prepare_cow(unsigned long p)
{
	if ((m_flags[p] & (VM_WRITE | VM_SHARED)) == VM_WRITE && !m_anon[p])
		m_prepare(p);
}

/* Fault in [s, e) (pages) VMA by VMA (Linux's __mm_populate). */
static int m_populate(unsigned long s, unsigned long e, bool ignore)
{
	struct mv v;
	unsigned long p = s;

	while (p < e && mv_find(p, &v) && v.s < e) {
		unsigned long a = v.s > s ? v.s : s, b = v.e < e ? v.e : e;

		p = v.e;
		if (v.flags & VM_LOCKONFAULT)
			continue;
		if (!(v.flags & VM_ACCESS_FLAGS)) {
			if (!ignore)
				return -EFAULT;
			continue;
		}
		m_prepare_cow(a);
		for (unsigned long q = a; q < b; q++)
			if (!m_present[q])
				set_content(q, true, 0);
	}
	return 0;
}

static void m_zap(unsigned long s, unsigned long e)
{
	for (unsigned long p = s; p < e; p++)
		set_content(p, false, 0);
}

/* ---- model: placement -------------------------------------------------------------------- */

static unsigned long m_topdown(unsigned long len, unsigned long lo, unsigned long hi)
{
	struct mv v;
	unsigned long f, b, pm, gs;

	for (;;) {
		f = prev_page(hi, lo, false);
		if (f == NONE)
			return NONE;
		b = f + 1;
		if (b < lo + len)
			return NONE;
		pm = prev_page(b, b - len, true);
		if (pm != NONE) {
			hi = pm;
			continue;
		}
		if (mv_find(b, &v) && (v.flags & VM_GROWSDOWN)) {
			gs = mv_gap_start(&v);
			if (gs < b) {
				if (gs < lo + len)
					return NONE;
				hi = gs;
				continue;
			}
		}
		return b - len;
	}
}

static unsigned long m_bottomup(unsigned long len, unsigned long lo, unsigned long hi)
{
	struct mv v;
	unsigned long f, pm;

	for (;;) {
		f = next_free(lo);
		if (f >= hi || hi - f < len)
			return NONE;
		pm = next_mapped(f);
		if (pm < f + len) {
			lo = pm;
			continue;
		}
		if (mv_find(f + len, &v) && (v.flags & VM_GROWSDOWN) &&
		    mv_gap_start(&v) < f + len) {
			lo = v.e;
			continue;
		}
		return f;
	}
}

static unsigned long m_get_unmapped_area(unsigned long addr, unsigned long len, unsigned long flags)
{
	struct mv v;
	unsigned long p;

	if ((flags & MAP_FIXED) && addr < 2 * PG)
		return (unsigned long)-EINVAL; /* ARM's FIRST_USER_ADDRESS */
	if (len > TASK_SIZE)
		return (unsigned long)-ENOMEM;
	if (!(flags & MAP_FIXED)) {
		addr = PAGE_ALIGN(addr);
		if (addr && TASK_SIZE - len >= addr &&
		    (!mv_find(addr >> PAGE_SHIFT, &v) ||
		     (addr + len) >> PAGE_SHIFT <= mv_gap_start(&v)))
			goto found;
		p = m_topdown(len >> PAGE_SHIFT, PLO, mm->mmap_base >> PAGE_SHIFT);
		if (p == NONE)
			p = m_bottomup(len >> PAGE_SHIFT, PLO, MNP);
		if (p == NONE)
			return (unsigned long)-ENOMEM;
		addr = p << PAGE_SHIFT;
	}
found:
	if (addr > TASK_SIZE - len)
		return (unsigned long)-ENOMEM;
	if (addr & ~PAGE_MASK)
		return (unsigned long)-EINVAL;
	if (addr < MMAP_MIN_ADDR)
		return (unsigned long)-EPERM;
	return addr;
}

/* ---- model: the calls --------------------------------------------------------------------- */

/* A hole strictly inside one VMA while map_count is at the limit (do_munmap's refusal). */
static bool m_munmap_refused(unsigned long s, unsigned long e)
{
	struct mv v;

	return mapped(s) && !is_start(s) && mv_at(s, &v) && v.e > e &&
	       m_count >= sysctl_max_map_count;
}

static long m_do_munmap(unsigned long s, unsigned long e)
{
	if (m_munmap_refused(s, e))
		return -ENOMEM;
	if (e > MNP)
		e = MNP;
	if (s < e)
		m_apply(M_UNMAP, s, e, 0, 0, 0);
	return 0;
}

static long m_vm_munmap(unsigned long start, unsigned long len)
{
	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	return m_do_munmap(start >> PAGE_SHIFT, (start + len) >> PAGE_SHIFT);
}

/*
 * [s, e) now joins the VMA pv before it (when not NULL, with anon_vma pa) and the VMA nv after
 * it (with na); the anon_vma of the merged VMA is a non-zero one of theirs, or anon when [s, e)
 * stays alone.
 */
static void m_vma_joined(unsigned long s, unsigned long e, const struct mv *pv, const struct mv *nv,
			 uint32_t pa, uint32_t na, uint32_t anon)
{
	if (pv && nv)
		m_vma_is(pv->s, nv->e, pa ? pa : na);
	else if (pv)
		m_vma_is(pv->s, e, pa);
	else if (nv)
		m_vma_is(s, nv->e, na);
	else
		m_vma_is(s, e, anon);
}

/*
 * Map pages [s, e) (free) with these attributes, merged as insert_range decides: in mmap_order
 * (mmap_region: next first, then prev against next's anon_vma), else as vma_merge (prev first,
 * then next too if the two agree).
 */
static void m_map(unsigned long s, unsigned long e, uint32_t flags, uint32_t pgoff, uint32_t anon,
		  bool mmap_order)
{
	struct mv pv, nv;
	bool mp = s > 0 && mv_at(s - 1, &pv) && pv.flags == flags && !(flags & VM_DONTEXPAND) &&
		  pv.pgoff + (uint32_t)(pv.e - pv.s) == pgoff && (!anon || anon == m_anon[s - 1]);
	bool mn = e < MNP && mv_at(e, &nv) && nv.flags == flags && !(flags & VM_DONTEXPAND) &&
		  pgoff + (uint32_t)(e - s) == nv.pgoff && (!anon || anon == m_anon[e]);
	uint32_t pa = mp ? m_anon[s - 1] : 0, na = mn ? m_anon[e] : 0;

	if (mp && mn) {
		if (mmap_order)
			mp = !na || na == pa;
		else
			mn = !pa || !na || pa == na;
	}
	m_apply(M_MAP, s, e, flags, pgoff, anon);
	m_vma_joined(s, e, mp ? &pv : NULL, mn ? &nv : NULL, pa, na, anon);
}

static long m_mmap_region(unsigned long a, unsigned long len, uint32_t vmf, unsigned long pgoff)
{
	unsigned long s = a >> PAGE_SHIFT, pages = len >> PAGE_SHIFT, e = s + pages, nr_acc = 0;

	if (any_mapped(s, e)) {
		if (m_munmap_refused(s, e))
			return -ENOMEM;
		for (unsigned long p = s; p < e; p++)
			nr_acc += (m_flags[p] & VM_ACCOUNT) != 0;
	}
	if ((vmf & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE) {
		if (pages - nr_acc && !m_enough(pages - nr_acc))
			return -ENOMEM; /* private: the replaced commitment is netted out */
		vmf |= VM_ACCOUNT;
	} else if ((vmf & (VM_NORESERVE | VM_SHARED)) == VM_SHARED) {
		if (!m_enough(pages))
			return -ENOMEM; /* shared: the whole size, like Linux's shmem object */
		vmf |= VM_ACCOUNT;
	}
	if (nr_acc || any_mapped(s, e))
		m_apply(M_UNMAP, s, e, 0, 0, 0);
	/* each shared mapping is its own object */
	m_map(s, e, vmf, (uint32_t)pgoff, vmf & VM_SHARED ? ++m_anon_seq : 0, true);
	return (long)a;
}

static long m_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
		   unsigned long fd, unsigned long pgoff)
{
	unsigned long a;
	uint32_t vmf;
	int ferr = 0;
	long r;

	if (!(flags & MAP_ANONYMOUS)) {
		ferr = test_fd_check(fd);
		if (ferr == -EBADF)
			return -EBADF;
		if (flags & MAP_HUGETLB)
			return -EINVAL;
	} else if (flags & MAP_HUGETLB) {
		return -EINVAL;
	}
	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED)) {
		addr &= PAGE_MASK;
		if (addr && addr < MMAP_MIN_ADDR)
			addr = MMAP_MIN_ADDR;
	}
	if (len > ULONG_MAX - (PG - 1))
		return -ENOMEM;
	len = PAGE_ALIGN(len);
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (m_count > sysctl_max_map_count)
		return -ENOMEM;
	a = m_get_unmapped_area(addr, len, flags);
	if (a & ~PAGE_MASK)
		return (long)a;
	if ((flags & MAP_FIXED_NOREPLACE) && any_mapped(a >> PAGE_SHIFT, (a + len) >> PAGE_SHIFT))
		return -EEXIST;
	vmf = (uint32_t)((prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
			 (prot & PROT_EXEC ? VM_EXEC : 0) |
			 (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
			 (flags & MAP_LOCKED ? VM_LOCKED : 0) | m_def_flags | VM_MAYREAD |
			 VM_MAYWRITE | VM_MAYEXEC);
	if (!(flags & MAP_ANONYMOUS)) {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
		case MAP_SHARED_VALIDATE:
			if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK))
				return -EOPNOTSUPP;
			if ((prot & PROT_WRITE) && ferr >= 0 && !(ferr & MMAP_FILE_WRITE))
				return -EACCES;
			return ferr >= 0 && !(ferr & MMAP_FILE_READ) ? -EACCES : -ENODEV;
		case MAP_PRIVATE:
			return ferr >= 0 && !(ferr & MMAP_FILE_READ) ? -EACCES : -ENODEV;
		default:
			return -EINVAL;
		}
	}
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (vmf & VM_GROWSDOWN)
			return -EINVAL;
		pgoff = 0;
		vmf |= VM_SHARED | VM_MAYSHARE;
		break;
	case MAP_PRIVATE:
		pgoff = a >> PAGE_SHIFT;
		break;
	default:
		return -EINVAL;
	}
	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vmf |= VM_NORESERVE;
	r = m_mmap_region(a, len, vmf, pgoff);
	if (!((unsigned long)r & ~PAGE_MASK) &&
	    ((vmf & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		m_populate(a >> PAGE_SHIFT, (a + len) >> PAGE_SHIFT, true);
	return r;
}

static long m_sys_brk(unsigned long brk)
{
	unsigned long newbrk, oldbrk, pages;
	uint32_t flags;
	struct mv v;

	if (brk < mm->start_brk || brk > BRK_LIMIT)
		return (long)m_brk;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(m_brk);
	if (oldbrk == newbrk) {
		m_brk = brk;
		return (long)brk;
	}
	if (brk <= m_brk) {
		if (!any_mapped(newbrk >> PAGE_SHIFT, oldbrk >> PAGE_SHIFT) ||
		    m_do_munmap(newbrk >> PAGE_SHIFT, oldbrk >> PAGE_SHIFT))
			return (long)m_brk;
		m_brk = brk;
		return (long)brk;
	}
	if (mv_find(oldbrk >> PAGE_SHIFT, &v) && (newbrk + PG) >> PAGE_SHIFT > mv_gap_start(&v))
		return (long)m_brk;
	if (m_count > sysctl_max_map_count)
		return (long)m_brk;
	pages = (newbrk - oldbrk) >> PAGE_SHIFT;
	if (!m_enough(pages))
		return (long)m_brk;
	flags = (uint32_t)(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT |
			   m_def_flags);
	m_map(oldbrk >> PAGE_SHIFT, newbrk >> PAGE_SHIFT, flags, (uint32_t)(oldbrk >> PAGE_SHIFT),
	      0, false);
	m_brk = brk;
	if (flags & VM_LOCKED)
		m_populate(oldbrk >> PAGE_SHIFT, newbrk >> PAGE_SHIFT, true);
	return (long)brk;
}

/*
 * Give pages [s, e) of VMA v the flags nf, as vma_modify_flags: refused (ENOMEM) when neither
 * neighbour absorbs the range and a split would pass the limit. *re: end of the VMA that holds
 * the range afterwards.
 */
static int m_modify(const struct mv *v, unsigned long s, unsigned long e, uint32_t nf,
		    unsigned long *re)
{
	uint32_t a = m_anon[s], pa = s > 0 ? m_anon[s - 1] : 0, na = e < MNP ? m_anon[e] : 0;
	bool mp = s == v->s && s > 0 && m_flags[s - 1] == nf && m_pgoff[s - 1] + 1 == m_pgoff[s] &&
		  !(nf & VM_DONTEXPAND) && (!a || a == pa);
	bool mn = e == v->e && e < MNP && m_flags[e] == nf && m_pgoff[e] == m_pgoff[e - 1] + 1 &&
		  !(nf & VM_DONTEXPAND) && (!a || a == na);
	struct mv r, pv, nv;
	long nsplit;

	if (mp)
		mv_at(s - 1, &pv);
	if (mn)
		mv_at(e, &nv);
	if (mp && mn && pa && na && pa != na)
		mn = false; /* vma_merge: prev first, all three only if prev and next agree */

	if (!mp && !mn) {
		nsplit = (s > v->s) + (e < v->e);
		if (nsplit && m_count + nsplit - 1 >= sysctl_max_map_count)
			return -ENOMEM;
	}
	m_apply(M_FLAGS, s, e, nf, 0, 0);
	m_vma_joined(s, e, mp ? &pv : NULL, mn ? &nv : NULL, pa, na, a);
	mv_at(s, &r);
	*re = r.e;
	return 0;
}

static long m_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	const unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	unsigned long end, ns, e, tmp, re, bits;
	uint32_t nf;
	struct mv v;
	int err;

	prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	if (start >= TASK_SIZE || !mv_find(start >> PAGE_SHIFT, &v))
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		if (v.s << PAGE_SHIFT >= end)
			return -ENOMEM;
		start = v.s << PAGE_SHIFT;
		if (!(v.flags & VM_GROWSDOWN))
			return -EINVAL;
	} else {
		if (v.s << PAGE_SHIFT > start)
			return -ENOMEM;
		if (grows & PROT_GROWSUP)
			return -EINVAL;
	}
	bits = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
	e = (end - 1) / PG + 1; /* end may be past TASK_SIZE */
	for (ns = start >> PAGE_SHIFT;;) {
		nf = (uint32_t)((v.flags & ~VM_ACCESS_FLAGS) | bits);
		if ((nf & ~(nf >> 4)) & VM_ACCESS_FLAGS)
			return -EACCES;
		tmp = v.e < e ? v.e : e;
		re = v.e;
		if (nf != v.flags) {
			unsigned long charged = 0;
			uint32_t of = v.flags;

			if ((nf & VM_WRITE) &&
			    !(of & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE))) {
				charged = tmp - ns;
				if (!m_enough(charged))
					return -ENOMEM;
				nf |= VM_ACCOUNT;
			}
			err = m_modify(&v, ns, tmp, nf, &re);
			if (err)
				return err;
			if ((of & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED &&
			    (nf & VM_WRITE) && !(nf & VM_LOCKONFAULT)) {
				m_prepare_cow(ns);
				for (unsigned long q = ns; q < tmp; q++)
					if (!m_present[q])
						set_content(q, true, 0);
			}
		}
		ns = tmp < re ? re : tmp;
		if (ns >= e)
			return 0;
		if (!is_start(ns))
			return -ENOMEM;
		mv_at(ns, &v);
	}
}

static bool advice_valid(int b)
{
	return (b >= 0 && b <= 4) || (b >= 8 && b <= 11) || (b >= 16 && b <= 24);
}

static int m_madvise_vma(const struct mv *v, unsigned long s, unsigned long e, int b,
			 unsigned long *re)
{
	uint32_t f = v->flags, nf = f;
	int err;

	*re = v->e;
	switch (b) {
	case MADV_REMOVE:
		if (f & VM_LOCKED)
			return -EINVAL;
		if (!(f & VM_SHARED))
			return -EINVAL;
		if (!(f & VM_MAYWRITE)) /* the mapping may be written: Linux 6.1.y and mainline */
			return -EACCES;
		m_zap(s, e);
		return 0;
	case MADV_WILLNEED:
		return 0;
	case MADV_COLD:
	case MADV_PAGEOUT:
		return f & VM_LOCKED ? -EINVAL : 0;
	case MADV_FREE:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
		if (b != MADV_DONTNEED_LOCKED && (f & VM_LOCKED))
			return -EINVAL;
		if (f & VM_SHARED)
			return b == MADV_FREE ? -EINVAL : 0;
		m_zap(s, e);
		return 0;
	case MADV_NORMAL:
		nf &= ~(uint32_t)(VM_RAND_READ | VM_SEQ_READ);
		break;
	case MADV_SEQUENTIAL:
		nf = (nf & ~(uint32_t)VM_RAND_READ) | VM_SEQ_READ;
		break;
	case MADV_RANDOM:
		nf = (nf & ~(uint32_t)VM_SEQ_READ) | VM_RAND_READ;
		break;
	case MADV_DONTFORK:
		nf |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		nf &= ~(uint32_t)VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		if (f & VM_SHARED)
			return -EINVAL;
		nf |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		nf &= ~(uint32_t)VM_WIPEONFORK;
		break;
	case MADV_DONTDUMP:
		nf |= VM_DONTDUMP;
		break;
	case MADV_DODUMP:
		nf &= ~(uint32_t)VM_DONTDUMP;
		break;
	}
	if (nf == f)
		return 0;
	err = m_modify(v, s, e, nf, re);
	return err == -ENOMEM ? -EAGAIN : err;
}

static long m_madvise(unsigned long start, unsigned long len_in, int b)
{
	unsigned long len, end, p, e, tmp, re, q;
	int err, unmapped = 0;
	struct mv v;

	if (!advice_valid(b))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	p = start >> PAGE_SHIFT;
	e = end >> PAGE_SHIFT;
	if (b == MADV_POPULATE_READ || b == MADV_POPULATE_WRITE) {
		while (p < e) {
			if (!mv_at(p, &v))
				return -ENOMEM;
			if (!(v.flags & (b == MADV_POPULATE_WRITE ? VM_WRITE : VM_READ)))
				return -EINVAL;
			tmp = v.e < e ? v.e : e;
			if (b == MADV_POPULATE_WRITE)
				m_prepare_cow(p);
			for (; p < tmp; p++)
				if (!m_present[p])
					set_content(p, true, 0);
		}
		return 0;
	}
	q = next_mapped(p);
	for (;;) {
		if (!mv_at(q, &v))
			return -ENOMEM;
		if (p < v.s) {
			unmapped = -ENOMEM;
			p = v.s;
			if (p >= e)
				break;
		}
		tmp = v.e < e ? v.e : e;
		err = m_madvise_vma(&v, p, tmp, b, &re);
		if (err)
			return err;
		p = tmp < re ? re : tmp;
		if (p >= e)
			break;
		q = next_mapped(re);
	}
	return unmapped;
}

static long m_apply_lock(unsigned long start, unsigned long len, uint32_t lf)
{
	unsigned long end = start + len, e, ns, tmp, re, q;
	struct mv v;
	int err;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (!mv_at(start >> PAGE_SHIFT, &v))
		return -ENOMEM;
	e = (end - 1) / PG + 1;
	ns = start >> PAGE_SHIFT;
	tmp = v.s;
	for (;;) {
		uint32_t nf = (v.flags & ~(uint32_t)VM_LOCKED_MASK) | lf;

		if (v.s != tmp)
			return -ENOMEM;
		tmp = v.e < e ? v.e : e;
		re = v.e;
		if (nf != v.flags && !(v.flags & VM_DONTEXPAND)) {
			err = m_modify(&v, ns, tmp, nf, &re);
			if (err)
				return err;
		}
		tmp = ns = re;
		q = next_mapped(re);
		if (q >= e || !mv_at(q, &v))
			break;
	}
	return tmp < e ? -ENOMEM : 0;
}

static long m_mlock(unsigned long start, unsigned long len)
{
	long err;

	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	err = m_apply_lock(start, len, VM_LOCKED);
	if (err)
		return err;
	err = m_populate(start >> PAGE_SHIFT, (start + len) >> PAGE_SHIFT, false);
	return err == -EFAULT ? -ENOMEM : err == -ENOMEM ? -EAGAIN : err;
}

static long m_munlock(unsigned long start, unsigned long len)
{
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	return m_apply_lock(start, len, 0);
}

static long m_mlockall(int flags)
{
	uint32_t to_add = 0;
	unsigned long p;
	struct mv v;

	if (flags != -1) { /* -1: munlockall */
		if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
		    flags == MCL_ONFAULT)
			return -EINVAL;
	} else {
		flags = 0;
	}
	m_def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		m_def_flags |= VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
		if (!(flags & MCL_CURRENT))
			return 0;
	}
	if (flags & MCL_CURRENT)
		to_add = VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
	for (p = next_mapped(0); mv_at(p, &v); p = next_mapped(p)) {
		uint32_t nf = (v.flags & ~(uint32_t)VM_LOCKED_MASK) | to_add;
		unsigned long re = v.e;

		if (nf != v.flags && !(v.flags & VM_DONTEXPAND))
			m_modify(&v, v.s, v.e, nf, &re);
		p = re;
	}
	if (flags & MCL_CURRENT)
		m_populate(0, MNP, true);
	return 0;
}

static long m_vma_to_resize(unsigned long addr, unsigned long old_len, unsigned long new_len,
			    unsigned long flags, struct mv *v)
{
	unsigned long pgoff;

	if (!mv_at(addr >> PAGE_SHIFT, v) || addr >= TASK_SIZE)
		return -EFAULT;
	if (!old_len && !(v->flags & (VM_SHARED | VM_MAYSHARE)))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (v->flags & VM_DONTEXPAND))
		return -EINVAL;
	if (old_len > (v->e << PAGE_SHIFT) - addr)
		return -EFAULT;
	if (new_len == old_len)
		return 0;
	pgoff = m_pgoff[addr >> PAGE_SHIFT];
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	if (v->flags & VM_DONTEXPAND)
		return -EFAULT;
	return 0;
}

static long m_move_vma(const struct mv *v, unsigned long old_addr, unsigned long old_len,
		       unsigned long new_len, unsigned long na, unsigned long flags)
{
	const bool dontunmap = flags & MREMAP_DONTUNMAP;
	unsigned long os = old_addr >> PAGE_SHIFT, op = old_len >> PAGE_SHIFT;
	unsigned long ns = na >> PAGE_SHIFT, np = new_len >> PAGE_SHIFT;
	unsigned long to_account = dontunmap ? np : np - op, src_end, n;
	const bool share = (v->flags & VM_SHARED) && (dontunmap || !old_len);
	uint32_t vf = v->flags, anon = m_anon[os];
	/* copy_vma: without an anon_vma, the pgoff of the new address */
	uint32_t pg = anon ? m_pgoff[os] : (uint32_t)ns;

	if (m_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if ((vf & VM_ACCOUNT) && !m_enough(to_account))
		return -ENOMEM;
	if (!share && old_len && fake_fail_move > 0)
		return -ENOMEM; /* the fake will refuse: nothing changes */
	if (share) {
		/* the source is faulted in, then shared (the fake may refuse that) */
		src_end = os + (op ? op : np);
		if (src_end > v->e)
			src_end = v->e;
		if (vf & VM_ACCESS_FLAGS)
			for (unsigned long q = os; q < src_end; q++)
				if (!m_present[q])
					set_content(q, true, 0);
		if (fake_fail_dup > 0)
			return -ENOMEM;
	}
	m_map(ns, ns + np, vf, pg, anon, false);
	if (share) {
		for (n = 0; n < src_end - os; n++)
			if (m_present[os + n])
				set_content(ns + n, true, m_tag[os + n]);
	} else {
		for (n = 0; n < op; n++) {
			set_content(ns + n, m_present[os + n], m_tag[os + n]);
			set_content(os + n, false, 0);
		}
	}
	if (dontunmap) {
		struct mv o;
		unsigned long re;

		if (mv_at(os, &o) && (o.flags & VM_LOCKED_MASK))
			m_modify(&o, os, os + op, o.flags & ~(uint32_t)VM_LOCKED_MASK, &re);
	} else if (op) {
		m_apply(M_UNMAP, os, os + op, 0, 0, 0);
	}
	if ((vf & VM_LOCKED) && np > op)
		m_populate(ns + op, ns + np, true);
	return (long)na;
}

static long m_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		     unsigned long flags, unsigned long new_addr)
{
	unsigned long r, map_flags = 0, delta, end;
	struct mv v;
	long err;

	if (flags & ~(unsigned long)(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	if (addr >= TASK_SIZE || !mapped(addr >> PAGE_SHIFT))
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		if (new_addr & ~PAGE_MASK)
			return -EINVAL;
		if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
			return -EINVAL;
		if (addr + old_len > new_addr && new_addr + new_len > addr)
			return -EINVAL;
		if (m_count + 2 >= sysctl_max_map_count - 3)
			return -ENOMEM;
		if (flags & MREMAP_FIXED) {
			err = m_vm_munmap(new_addr, new_len);
			if (err)
				return err;
		}
		if (old_len > new_len) {
			err = m_vm_munmap(addr + new_len, old_len - new_len);
			if (err)
				return err;
			old_len = new_len;
		}
		err = m_vma_to_resize(addr, old_len, new_len, flags, &v);
		if (err)
			return err;
		if (flags & MREMAP_FIXED)
			map_flags |= MAP_FIXED;
		if (v.flags & VM_MAYSHARE)
			map_flags |= MAP_SHARED;
		r = m_get_unmapped_area(new_addr, new_len, map_flags);
		if (r & ~PAGE_MASK)
			return (long)r;
		return m_move_vma(&v, addr, old_len, new_len, r, flags);
	}
	if (old_len >= new_len) {
		if (old_len == new_len)
			return (long)addr;
		err = m_vm_munmap(addr + new_len, old_len - new_len);
		return err ? err : (long)addr;
	}
	err = m_vma_to_resize(addr, old_len, new_len, flags, &v);
	if (err)
		return err;
	delta = new_len - old_len;
	end = (v.e << PAGE_SHIFT) + delta;
	if (old_len == (v.e << PAGE_SHIFT) - addr && end > (v.e << PAGE_SHIFT) &&
	    end <= TASK_SIZE && !any_mapped(v.e, end >> PAGE_SHIFT)) {
		if ((v.flags & VM_ACCOUNT) && !m_enough(delta >> PAGE_SHIFT))
			return -ENOMEM;
		m_map(v.e, end >> PAGE_SHIFT, v.flags, v.pgoff + (uint32_t)(v.e - v.s), m_anon[v.s],
		      false);
		if (v.flags & VM_LOCKED)
			m_populate((addr + old_len) >> PAGE_SHIFT, (addr + new_len) >> PAGE_SHIFT,
				   true);
		return (long)addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	r = m_get_unmapped_area(0, new_len, v.flags & VM_MAYSHARE ? MAP_SHARED : 0);
	if (r & ~PAGE_MASK)
		return (long)r;
	return m_move_vma(&v, addr, old_len, new_len, r, flags);
}

/* Could the application write [addr, addr + len)? */
static bool m_user_writable(unsigned long addr, unsigned long len)
{
	for (unsigned long p = addr >> PAGE_SHIFT; len && p <= (addr + len - 1) >> PAGE_SHIFT; p++)
		if (!mapped(p) || !(m_flags[p] & VM_WRITE))
			return false;
	return true;
}

/* vec (an application address) gets *nvalid bytes, held in out. */
static long m_mincore(unsigned long start, unsigned long len, unsigned long vec, unsigned char *out,
		      unsigned long *nvalid)
{
	unsigned long end, pages, p;
	struct mv v;

	*nvalid = 0;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len > TASK_SIZE || start > TASK_SIZE - len)
		return -ENOMEM;
	end = (start + PAGE_ALIGN(len)) >> PAGE_SHIFT;
	pages = end - (start >> PAGE_SHIFT);
	if (pages > TASK_SIZE || vec > TASK_SIZE - pages)
		return -EFAULT;
	for (p = start >> PAGE_SHIFT; p < end;) {
		unsigned long e;

		if (!mv_at(p, &v))
			return -ENOMEM;
		e = v.e < end ? v.e : end;
		if (!m_user_writable(vec + *nvalid, e - p))
			return -EFAULT;
		for (; p < e; p++)
			out[(*nvalid)++] = m_present[p];
	}
	return 0;
}

static long m_msync(unsigned long start, unsigned long len, int flags)
{
	unsigned long end, p, e;
	int unmapped = 0;
	struct mv v;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	p = start >> PAGE_SHIFT;
	e = (end - 1) / PG + 1;
	for (;;) {
		if (!mv_find(p, &v))
			return -ENOMEM;
		if (p < v.s) {
			if (flags == MS_ASYNC)
				return -ENOMEM;
			p = v.s;
			if (p >= e)
				return -ENOMEM;
			unmapped = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (v.flags & VM_LOCKED))
			return -EBUSY;
		p = v.e;
		if (p >= e)
			return unmapped;
	}
}

/* A user access at addr: 0, or 1 for SIGSEGV. Grows stacks as do_page_fault does. */
static int m_touch(unsigned long addr, bool write, uint32_t tag)
{
	unsigned long p = addr >> PAGE_SHIFT, grow;
	struct mv v, prev;
	unsigned long pp;

	if (addr >= TASK_SIZE || !mv_find(p, &v))
		return 1;
	if (v.s > p) {
		if (!(v.flags & VM_GROWSDOWN))
			return 1;
		if (p < PLO)
			return 1;
		pp = prev_page(p, 0, true);
		if (pp != NONE) {
			mv_at(pp, &prev);
			if (!(prev.flags & VM_GROWSDOWN) && (prev.flags & VM_ACCESS_FLAGS) &&
			    (p - prev.e) < GAPP)
				return 1;
		}
		grow = v.s - p;
		if (grow > v.pgoff || ((v.e - p) << PAGE_SHIFT) > mm->stack_rlimit)
			return 1;
		if ((v.flags & VM_ACCOUNT) && !m_enough(grow))
			return 1;
		m_apply(M_MAP, p, v.s, v.flags, v.pgoff - (uint32_t)grow, m_anon[v.s]);
		m_vma_is(p, v.e, m_anon[v.s]); /* expand_downwards never merges */
	}
	if (write ? !(v.flags & VM_WRITE) : !(v.flags & VM_ACCESS_FLAGS))
		return 1;
	if (write && !m_anon[p])
		m_prepare(p);
	if (!m_present[p])
		set_content(p, true, 0);
	if (write)
		m_tag[p] = tag;
	return 0;
}

/* The same access on the implementation (the fault path of vm/memory.c, in short). */
static int touch(unsigned long addr, bool write, uint32_t tag)
{
	struct vm_area_struct *vma;

	if (addr >= TASK_SIZE)
		return 1;
	vma = find_vma(mm, addr);
	if (!vma)
		return 1;
	if (vma->vm_start > addr) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, addr))
			return 1;
	}
	if (write ? !(vma->vm_flags & VM_WRITE) : !(vma->vm_flags & VM_ACCESS_FLAGS))
		return 1;
	if (handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0))
		return 1;
	if (write)
		fake_ptes[addr >> PAGE_SHIFT].tag = tag;
	return 0;
}

/* ---- the whole-state checks -------------------------------------------------------------- */

static unsigned long checks_done;

static bool vma_in_tree(const struct vm_area_struct *v)
{
	return v && vma_of(area_find(&mm->mm_areas, v->vm_start)) == v;
}

/*
 * The implementation's invariants, and with_model: every page against the model. Returns
 * false (and reports) at the first difference.
 */
static bool state_check(const char *when, bool with_model)
{
	const struct vm_area_struct *v, *prev = NULL;
	unsigned long pages = 0, count = 0, locked = 0, stack = 0, acct = 0, present = 0;
	const char *err = area_tree_check(&mm->mm_areas);
	char what[200] = "";

	checks_done++;
	if (err) {
		snprintf(what, sizeof(what), "area_tree_check: %s", err);
		goto bad;
	}
	for (v = vma_of(area_first(&mm->mm_areas)); v; prev = v, v = vma_next(v)) {
		count++;
		if ((v->vm_start | v->vm_end) & ~PAGE_MASK || v->vm_start >= v->vm_end ||
		    v->vm_start < MMAP_MIN_ADDR || v->vm_end > TASK_SIZE) {
			snprintf(what, sizeof(what), "bad VMA %#lx-%#lx", v->vm_start, v->vm_end);
			goto bad;
		}
		if (prev && prev->vm_end > v->vm_start) {
			snprintf(what, sizeof(what), "overlap at %#lx", v->vm_start);
			goto bad;
		}
		/* (neighbours with anon_vmas, or a grown stack, may stay apart, as in Linux) */
		if (prev && prev->vm_end == v->vm_start && prev->vm_flags == v->vm_flags &&
		    prev->vm_file == v->vm_file && prev->vm_ops == v->vm_ops &&
		    !(v->vm_flags & (VM_DONTEXPAND | VM_GROWSDOWN)) && !prev->anon_vma &&
		    !v->anon_vma && prev->vm_pgoff + vma_pages(prev) == v->vm_pgoff) {
			snprintf(what, sizeof(what), "unmerged neighbours at %#lx", v->vm_start);
			goto bad;
		}
		if (pgprot_val(v->vm_page_prot) != pgprot_val(vm_get_page_prot(v->vm_flags)) ||
		    v->vm_mm != mm) {
			snprintf(what, sizeof(what), "VMA %#lx: page prot or mm", v->vm_start);
			goto bad;
		}
		pages += vma_pages(v);
		if (v->vm_flags & VM_LOCKED)
			locked += vma_pages(v);
		if (v->vm_flags & VM_GROWSDOWN)
			stack += vma_pages(v);
		if (v->vm_flags & VM_ACCOUNT)
			acct += vma_pages(v);
		for (unsigned long a = v->vm_start; a < v->vm_end; a += PG) {
			unsigned long p = a >> PAGE_SHIFT;
			const struct fake_pte *pte = &fake_ptes[p];

			if (pte->present && pte->prot != pgprot_val(v->vm_page_prot)) {
				snprintf(what, sizeof(what), "page %#lx: pte prot %#x, VMA %#x", a,
					 pte->prot, pgprot_val(v->vm_page_prot));
				goto bad;
			}
			present += pte->present;
			if (!with_model)
				continue;
			if (is_start(p) != (a == v->vm_start) || !m_anon[p] != !v->anon_vma) {
				snprintf(what, sizeof(what),
					 "page %#lx: VMA start %d anon_vma %d, model %d %d", a,
					 a == v->vm_start, !!v->anon_vma, is_start(p), !!m_anon[p]);
				goto bad;
			}
			if (m_flags[p] != v->vm_flags || m_pgoff[p] != vma_pgoff_at(v, a)) {
				snprintf(what, sizeof(what),
					 "page %#lx: flags %#lx pgoff %#lx, model %#x %#x", a,
					 v->vm_flags, vma_pgoff_at(v, a), m_flags[p], m_pgoff[p]);
				goto bad;
			}
			if (pte->present != m_present[p] || pte->tag != m_tag[p]) {
				snprintf(what, sizeof(what),
					 "page %#lx: present %d tag %u, model %d %u", a,
					 pte->present, pte->tag, m_present[p], m_tag[p]);
				goto bad;
			}
		}
	}
	if (count != (unsigned long)mm->map_count || count != mm->mm_areas.count) {
		snprintf(what, sizeof(what), "map_count %d, tree %lu, VMAs %lu", mm->map_count,
			 mm->mm_areas.count, count);
		goto bad;
	}
	if (pages != mm->total_vm || locked != mm->locked_vm || stack != mm->stack_vm) {
		snprintf(what, sizeof(what), "total %lu/%lu locked %lu/%lu stack %lu/%lu (VMAs/mm)",
			 pages, mm->total_vm, locked, mm->locked_vm, stack, mm->stack_vm);
		goto bad;
	}
	if (acct != vm_committed_pages) {
		snprintf(what, sizeof(what), "committed %lu, VM_ACCOUNT pages %lu",
			 vm_committed_pages, acct);
		goto bad;
	}
	if (present != fake_present_pages) {
		snprintf(what, sizeof(what), "present pages: %lu in VMAs, %lu in all", present,
			 fake_present_pages);
		goto bad;
	}
	if (mm->mmap_cache && !vma_in_tree(mm->mmap_cache)) {
		snprintf(what, sizeof(what), "mmap_cache holds a VMA that is not in the tree");
		goto bad;
	}
	if (fake_memory_error) {
		snprintf(what, sizeof(what), "fake memory: %s", fake_memory_error);
		goto bad;
	}
	if (with_model && ((long)count != m_count || pages != m_total || locked != m_locked ||
			   stack != m_stack || acct != m_committed || present != m_present_n ||
			   mm->brk != m_brk || mm->def_flags != m_def_flags)) {
		snprintf(what, sizeof(what),
			 "model: count %ld/%lu total %lu/%lu locked %lu/%lu stack %lu/%lu "
			 "committed %lu/%lu present %lu/%lu brk %#lx/%#lx",
			 m_count, count, m_total, pages, m_locked, locked, m_stack, stack,
			 m_committed, acct, m_present_n, present, m_brk, mm->brk);
		goto bad;
	}
	passed++;
	return true;
bad:
	CHECK(false, "%s: %s", when, what);
	return false;
}

/* A fresh address space, model included. */
static void reset(void)
{
	exit_mmap(mm);
	CHECK(mm->map_count == 0 && vm_committed_pages == 0 && mm->total_vm == 0,
	      "exit_mmap left %d VMAs, %lu committed", mm->map_count, vm_committed_pages);
	vm_committed_pages = 0;
	sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
	sysctl_overcommit_memory = OVERCOMMIT_GUESS;
	sysctl_overcommit_ratio = 50;
	fake_memory_reset();
	mm_init_layout(mm);
	memset(m_flags, 0, MNP * sizeof(*m_flags));
	memset(m_pgoff, 0, MNP * sizeof(*m_pgoff));
	memset(m_anon, 0, MNP * sizeof(*m_anon));
	memset(m_cut, 0, MNP);
	memset(m_tag, 0, MNP * sizeof(*m_tag));
	memset(m_present, 0, MNP);
	memset(m_bits, 0, NW * sizeof(*m_bits));
	m_count = 0;
	m_total = m_locked = m_stack = m_committed = m_present_n = 0;
	m_def_flags = 0;
	m_brk = BRK_BASE;
	m_apply(M_MAP, (STACK_TOP >> PAGE_SHIFT) - 32, STACK_TOP >> PAGE_SHIFT,
		VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_GROWSDOWN,
		(uint32_t)((STACK_TOP >> PAGE_SHIFT) - 32), 0);
}

/* ---- part 1: table tests -------------------------------------------------------------------- */

#define ANON	 (MAP_PRIVATE | MAP_ANONYMOUS)
#define SHANON	 (MAP_SHARED | MAP_ANONYMOUS)
#define RW	 RW_PROT
#define B	 (mm->mmap_base)
#define STACK_LO (STACK_TOP - (128UL << 10))

static void expect(long got, long want, int line, const char *what)
{
	if (got == want) {
		passed++;
		return;
	}
	if (++failed <= 40)
		printf("FAIL line %d: %s: got %ld (%#lx), want %ld (%#lx)\n", line, what, got,
		       (unsigned long)got, want, (unsigned long)want);
}
#define EXPECT(got, want) expect((long)(got), (long)(want), __LINE__, #got)
#define STATE()		  state_check(__func__, false)

static long do_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags)
{
	return sys_mmap_pgoff(addr, len, prot, flags, (unsigned long)-1, 0);
}

static unsigned long flags_at(unsigned long addr)
{
	struct vm_area_struct *v = vma_lookup(mm, addr);

	return v ? v->vm_flags : 0;
}

static unsigned long vstart(unsigned long addr)
{
	struct vm_area_struct *v = vma_lookup(mm, addr);

	return v ? v->vm_start : 0;
}

static unsigned long vend(unsigned long addr)
{
	struct vm_area_struct *v = vma_lookup(mm, addr);

	return v ? v->vm_end : 0;
}

static int present(unsigned long addr)
{
	return fake_ptes[addr >> PAGE_SHIFT].present;
}

static uint32_t tag_at(unsigned long addr)
{
	return fake_ptes[addr >> PAGE_SHIFT].tag;
}

/* Write tag t to each page of [addr, addr + n pages): t, t + 1, ... */
static void write_tags(unsigned long addr, unsigned long n, uint32_t t)
{
	for (unsigned long i = 0; i < n; i++)
		EXPECT(touch(addr + i * PG, true, t + (uint32_t)i), 0);
}

static bool tags_are(unsigned long addr, unsigned long n, uint32_t t)
{
	for (unsigned long i = 0; i < n; i++)
		if (!present(addr + i * PG) || tag_at(addr + i * PG) != t + i)
			return false;
	return true;
}

static void test_mmap_args(void)
{
	reset();
	/* ksys_mmap_pgoff: the descriptor first, then MAP_HUGETLB */
	EXPECT(sys_mmap_pgoff(0, 0, RW, MAP_PRIVATE, 7, 0), -EBADF);
	EXPECT(sys_mmap_pgoff(0, PG, RW, 0xf, 7, 0), -EBADF);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_PRIVATE | MAP_HUGETLB, 7, 0), -EBADF);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_PRIVATE | MAP_HUGETLB, 3, 0), -EINVAL);
	EXPECT(do_mmap(0, 0, RW, ANON | MAP_HUGETLB), -EINVAL);
	EXPECT(do_mmap(0, PG, RW, ANON | MAP_HUGETLB), -EINVAL);
	/* do_mmap: length, overflow, pgoff, then placement */
	EXPECT(do_mmap(0, 0, RW, ANON), -EINVAL);
	EXPECT(do_mmap(0, 0, RW, 0xf | MAP_ANONYMOUS), -EINVAL);
	EXPECT(do_mmap(0, ULONG_MAX, RW, ANON), -ENOMEM); /* PAGE_ALIGN wraps to 0 */
	EXPECT(do_mmap(0, ULONG_MAX - PG, RW, ANON), -ENOMEM);
	EXPECT(do_mmap(0, TASK_SIZE + 1, RW, ANON), -ENOMEM);
	EXPECT(do_mmap(0, TASK_SIZE, RW, ANON), -ENOMEM); /* no room */
	EXPECT(sys_mmap_pgoff(0, PG, RW, ANON, (unsigned long)-1, ULONG_MAX), -EOVERFLOW);
	EXPECT(sys_mmap_pgoff(0, 0, RW, ANON, (unsigned long)-1, ULONG_MAX), -EINVAL);
	EXPECT(sys_mmap_pgoff(0, 2 * PG, RW, ANON, (unsigned long)-1, ULONG_MAX - 1), -EOVERFLOW);
	/* MAP_FIXED: past TASK_SIZE (ENOMEM) before alignment (EINVAL) before mmap_min_addr */
	EXPECT(do_mmap(B + 1, PG, RW, ANON | MAP_FIXED), -EINVAL);
	EXPECT(do_mmap(B + 1, PG, RW, ANON | MAP_FIXED_NOREPLACE), -EINVAL);
	EXPECT(do_mmap(TASK_SIZE - PG + 1, 2 * PG, RW, ANON | MAP_FIXED), -ENOMEM);
	EXPECT(do_mmap(TASK_SIZE - PG, 2 * PG, RW, ANON | MAP_FIXED), -ENOMEM);
	EXPECT(do_mmap(TASK_SIZE, PG, RW, ANON | MAP_FIXED), -ENOMEM);
	/* ARM: MAP_FIXED below FIRST_USER_ADDRESS (0x2000) is EINVAL, even with a bad length */
	EXPECT(do_mmap(0x1001, PG, RW, ANON | MAP_FIXED), -EINVAL);
	EXPECT(do_mmap(0x1000, PG, RW, ANON | MAP_FIXED), -EINVAL);
	EXPECT(do_mmap(0x1000, 4 * PG, RW, ANON | MAP_FIXED), -EINVAL);
	EXPECT(do_mmap(0, PG, RW, ANON | MAP_FIXED), -EINVAL);
	EXPECT(do_mmap(0, TASK_SIZE + PG, RW, ANON | MAP_FIXED), -EINVAL);
	EXPECT(do_mmap(0x2000, PG, RW, ANON | MAP_FIXED), -EPERM);
	EXPECT(do_mmap(0x2001, PG, RW, ANON | MAP_FIXED), -EINVAL);
	EXPECT(do_mmap(MMAP_MIN_ADDR - PG, 2 * PG, RW, ANON | MAP_FIXED), -EPERM);
	EXPECT(do_mmap(MMAP_MIN_ADDR, PG, RW, ANON | MAP_FIXED), MMAP_MIN_ADDR);
	/* the map type must be exactly MAP_SHARED or MAP_PRIVATE for anonymous memory */
	EXPECT(do_mmap(0, PG, RW, MAP_ANONYMOUS), -EINVAL);
	EXPECT(do_mmap(0, PG, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS), -EINVAL);
	EXPECT(do_mmap(0, PG, RW, 0x06 | MAP_ANONYMOUS), -EINVAL);
	EXPECT(do_mmap(0, PG, RW, 0x0a | MAP_ANONYMOUS), -EINVAL);
	EXPECT(do_mmap(0, PG, RW, SHANON | MAP_GROWSDOWN), -EINVAL);
	/* a descriptor that names something: the file path's checks, then ENODEV */
	EXPECT(sys_mmap_pgoff(0, 0, RW, MAP_PRIVATE, 3, 0), -EINVAL);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_PRIVATE, 3, 0), -ENODEV);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_PRIVATE, 4, 0), -ENODEV);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_PRIVATE, 6, 0), -ENODEV);
	EXPECT(sys_mmap_pgoff(0, PG, PROT_READ, MAP_SHARED, 4, 0), -ENODEV);
	/* the access checks come first: shared writing needs a writable descriptor, any
	 * mapping a readable one */
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_SHARED, 4, 0), -EACCES);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_SHARED_VALIDATE, 4, 0), -EACCES);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_SHARED, 6, 0), -ENODEV);
	EXPECT(sys_mmap_pgoff(0, PG, PROT_READ, MAP_PRIVATE, 5, 0), -EACCES);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_SHARED, 5, 0), -EACCES);
	EXPECT(sys_mmap_pgoff(0, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, 4, 0), -EOPNOTSUPP);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_SHARED_VALIDATE | 0x800000, 5, 0), -EOPNOTSUPP);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_SHARED | 0x400000, 3, 0), -ENODEV);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_SHARED_VALIDATE | 0x400000, 3, 0), -EOPNOTSUPP);
	EXPECT(sys_mmap_pgoff(B, PG, RW, MAP_SHARED_VALIDATE | MAP_FIXED_NOREPLACE, 3, 0),
	       -EOPNOTSUPP);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_SHARED_VALIDATE | MAP_LOCKED, 3, 0), -ENODEV);
	EXPECT(sys_mmap_pgoff(0, PG, RW, 0x0c, 3, 0), -EINVAL);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_PRIVATE | MAP_FIXED, 3, 0), -EINVAL);
	EXPECT(sys_mmap_pgoff(0x4000, PG, RW, MAP_PRIVATE | MAP_FIXED, 3, 0), -EPERM);
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_PRIVATE | MAP_GROWSDOWN, 3, 0), -ENODEV);
	/* the default hook: every descriptor is bad */
	mmap_file_check = NULL;
	EXPECT(sys_mmap_pgoff(0, PG, RW, MAP_PRIVATE, 3, 0), -EBADF);
	mmap_file_check = test_fd_check;
	/* unknown flag and prot bits are ignored, like Linux's calc_vm_*_bits */
	EXPECT(do_mmap(B, PG, 0x10 | PROT_READ,
		       ANON | MAP_FIXED | 0x400000 | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_STACK),
	       B);
	EXPECT(flags_at(B) & (VM_ACCESS_FLAGS | VM_SHARED | VM_ACCOUNT), VM_READ);
	EXPECT(do_mmap(B + PG, PG, PROT_GROWSDOWN | PROT_NONE, ANON | MAP_FIXED), B + PG);
	EXPECT(flags_at(B + PG) & (VM_ACCESS_FLAGS | VM_GROWSDOWN), 0);
	/* MAP_FIXED_NOREPLACE: EEXIST over anything mapped, else like MAP_FIXED */
	EXPECT(do_mmap(B, PG, RW, ANON | MAP_FIXED_NOREPLACE), -EEXIST);
	EXPECT(do_mmap(B - PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE), -EEXIST);
	EXPECT(do_mmap(B + 2 * PG, PG, RW, ANON | MAP_FIXED_NOREPLACE), B + 2 * PG);
	EXPECT(do_mmap(0x1000, PG, RW, ANON | MAP_FIXED_NOREPLACE), -EINVAL);
	EXPECT(do_mmap(0x3000, PG, RW, ANON | MAP_FIXED_NOREPLACE), -EPERM);
	/* anonymous memory ignores fd and pgoff; private pgoff follows the address */
	EXPECT(sys_mmap_pgoff(B + 8 * PG, PG, RW, ANON | MAP_FIXED, 12345, 777), B + 8 * PG);
	EXPECT(vma_lookup(mm, B + 8 * PG)->vm_pgoff, (B >> PAGE_SHIFT) + 8);
	EXPECT(sys_mmap_pgoff(B + 10 * PG, PG, RW, SHANON | MAP_FIXED, 12345, 777), B + 10 * PG);
	EXPECT(vma_lookup(mm, B + 10 * PG)->vm_pgoff, 0);
	EXPECT(flags_at(B + 10 * PG) & (VM_SHARED | VM_MAYSHARE | VM_ACCOUNT),
	       VM_SHARED | VM_MAYSHARE | VM_ACCOUNT);
	STATE();
}

static void test_mmap_placement(void)
{
	unsigned long gs = STACK_LO - STACK_GUARD_GAP, c;

	reset();
	EXPECT(do_mmap(0, 4 * PG, RW, ANON), B - 4 * PG);
	EXPECT(do_mmap(0, 4 * PG, RW, ANON), B - 8 * PG);
	EXPECT(mm->map_count, 2); /* merged */
	EXPECT(vstart(B - PG), B - 8 * PG);
	EXPECT(do_mmap(0, PG, PROT_READ, ANON), B - 9 * PG);
	EXPECT(mm->map_count, 3);
	/* a free hint is taken exactly (page aligned down), an occupied one is not */
	EXPECT(do_mmap(B + 16 * PG + 123, PG, RW, ANON), B + 16 * PG);
	EXPECT(do_mmap(B - 4 * PG, PG, RW, ANON), B - 10 * PG);
	EXPECT(do_mmap(PG, PG, RW, ANON), MMAP_MIN_ADDR);
	EXPECT(do_mmap(PG, PG, RW, ANON), B - 11 * PG);
	/* hints that reach into a stack's guard gap are not taken */
	EXPECT(do_mmap(gs - PG, 2 * PG, RW, ANON), B - 13 * PG);
	EXPECT(do_mmap(gs - 2 * PG, 2 * PG, RW, ANON), gs - 2 * PG);
	EXPECT(do_mmap(STACK_TOP - PG, PG, RW, ANON), B - 14 * PG);
	/* but MAP_FIXED may go there */
	EXPECT(do_mmap(gs, PG, RW, ANON | MAP_FIXED), gs);
	STATE();

	/* top-down: a candidate in a growsdown mapping's guard gap moves below the gap */
	reset();
	EXPECT(do_mmap(B, PG, RW, ANON | MAP_FIXED | MAP_GROWSDOWN), B);
	EXPECT(do_mmap(0, 2 * PG, RW, ANON), B - STACK_GUARD_GAP - 2 * PG);
	EXPECT(get_unmapped_area(mm, 0, 3 * PG, 0, 0), B - STACK_GUARD_GAP - 5 * PG);
	/* the guard gap does not bind a PROT_NONE neighbour or MAP_FIXED */
	EXPECT(do_mmap(B - PG, PG, PROT_NONE, ANON | MAP_FIXED), B - PG);
	STATE();

	/* below mmap_base full: bottom-up over the window, skipping guard gaps */
	reset();
	EXPECT(do_mmap(MMAP_MIN_ADDR, B - MMAP_MIN_ADDR, PROT_NONE, ANON | MAP_FIXED),
	       MMAP_MIN_ADDR);
	EXPECT(do_mmap(B + 4 * PG, PG, RW, ANON | MAP_FIXED | MAP_GROWSDOWN), B + 4 * PG);
	EXPECT(do_mmap(0, 2 * PG, RW, ANON), B + 5 * PG);
	EXPECT(do_mmap(0, 4 * PG, RW, ANON), B + 7 * PG);
	EXPECT(do_mmap(0, 3 * PG, RW, ANON), B + 11 * PG);
	c = gs - (B + 14 * PG);
	EXPECT(do_mmap(0, c, PROT_READ, ANON), B + 14 * PG); /* up to the stack's guard */
	EXPECT(do_mmap(0, PG, RW, ANON), -ENOMEM);
	EXPECT(do_mmap(B, PG, RW, ANON), -ENOMEM); /* hint into a guard gap: not taken */
	EXPECT(get_unmapped_area(mm, 0, TASK_SIZE + 1, 0, 0), -ENOMEM);
	EXPECT(get_unmapped_area(mm, B, PG, 0, MAP_FIXED), B); /* MAP_FIXED: no search */
	EXPECT(get_unmapped_area(mm, B + 1, PG, 0, MAP_FIXED), -EINVAL);
	EXPECT(get_unmapped_area(mm, PG, PG, 0, MAP_FIXED), -EINVAL);
	EXPECT(get_unmapped_area(mm, 4 * PG, PG, 0, MAP_FIXED), -EPERM);
	EXPECT(do_mmap(0, PG, RW, ANON | MAP_FIXED), -EINVAL);
	STATE();
}

static void test_mmap_flags(void)
{
	unsigned long a;

	reset();
	/* MAP_GROWSDOWN, MAP_STACK, MAP_LOCKED, MAP_POPULATE, MAP_NONBLOCK, MAP_NORESERVE */
	EXPECT(do_mmap(B, 2 * PG, RW, ANON | MAP_FIXED | MAP_GROWSDOWN | MAP_STACK), B);
	EXPECT(flags_at(B) & VM_GROWSDOWN, VM_GROWSDOWN);
	EXPECT(mm->stack_vm, 32 + 2);
	EXPECT(do_mmap(B + 4 * PG, 3 * PG, RW, ANON | MAP_FIXED | MAP_LOCKED), B + 4 * PG);
	EXPECT(flags_at(B + 4 * PG) & VM_LOCKED, VM_LOCKED);
	EXPECT(mm->locked_vm, 3);
	EXPECT(present(B + 4 * PG) + present(B + 5 * PG) + present(B + 6 * PG), 3);
	EXPECT(do_mmap(B + 8 * PG, 2 * PG, PROT_READ, ANON | MAP_FIXED | MAP_POPULATE), B + 8 * PG);
	EXPECT(present(B + 8 * PG) + present(B + 9 * PG), 2);
	EXPECT(do_mmap(B + 12 * PG, 2 * PG, RW, ANON | MAP_FIXED | MAP_POPULATE | MAP_NONBLOCK),
	       B + 12 * PG);
	EXPECT(present(B + 12 * PG) + present(B + 13 * PG), 0);
	EXPECT(do_mmap(B + 16 * PG, 2 * PG, PROT_NONE, ANON | MAP_FIXED | MAP_POPULATE),
	       B + 16 * PG);
	EXPECT(present(B + 16 * PG), 0);
	fake_fail_populate = 1; /* MAP_POPULATE failing does not fail mmap */
	EXPECT(do_mmap(B + 20 * PG, 2 * PG, RW, ANON | MAP_FIXED | MAP_POPULATE), B + 20 * PG);
	EXPECT(fake_fail_populate, 0);
	EXPECT(present(B + 20 * PG), 0);
	fake_fail_populate = 1;
	EXPECT(do_mmap(B + 24 * PG, 2 * PG, RW, ANON | MAP_FIXED | MAP_LOCKED), B + 24 * PG);
	EXPECT(flags_at(B + 24 * PG) & VM_LOCKED, VM_LOCKED);
	a = vm_committed_pages;
	EXPECT(do_mmap(B + 28 * PG, 2 * PG, RW, ANON | MAP_FIXED | MAP_NORESERVE), B + 28 * PG);
	EXPECT(flags_at(B + 28 * PG) & (VM_NORESERVE | VM_ACCOUNT), VM_NORESERVE);
	EXPECT(vm_committed_pages, a);
	EXPECT(do_mmap(B + 32 * PG, 2 * PG, PROT_READ, ANON | MAP_FIXED), B + 32 * PG);
	EXPECT(vm_committed_pages, a); /* read-only: not accounted */
	EXPECT(do_mmap(B + 36 * PG, 2 * PG, PROT_READ, SHANON | MAP_FIXED), B + 36 * PG);
	EXPECT(vm_committed_pages, a + 2); /* shared anonymous: accounted, at any protection */
	EXPECT(do_mmap(B + 38 * PG, 2 * PG, RW, SHANON | MAP_FIXED | MAP_NORESERVE), B + 38 * PG);
	EXPECT(vm_committed_pages, a + 2);
	EXPECT(do_mmap(B + 40 * PG, 2 * PG, RW, ANON | MAP_FIXED), B + 40 * PG);
	EXPECT(vm_committed_pages, a + 4);
	sysctl_overcommit_memory = OVERCOMMIT_NEVER; /* MAP_NORESERVE is not honoured */
	EXPECT(do_mmap(B + 44 * PG, 2 * PG, RW, ANON | MAP_FIXED | MAP_NORESERVE), B + 44 * PG);
	EXPECT(flags_at(B + 44 * PG) & (VM_NORESERVE | VM_ACCOUNT), VM_ACCOUNT);
	EXPECT(do_mmap(B + 46 * PG, 2 * PG, RW, SHANON | MAP_FIXED | MAP_NORESERVE), B + 46 * PG);
	EXPECT(flags_at(B + 46 * PG) & (VM_NORESERVE | VM_ACCOUNT), VM_ACCOUNT);
	EXPECT(vm_committed_pages, a + 8);
	/* replacing: private writable memory nets the replaced pages out, shared does not */
	sysctl_overcommit_ratio = 100;
	a = (unsigned long)do_mmap(0, (vm_commit_limit() - vm_committed_pages) * PG, RW, ANON);
	EXPECT(vm_committed_pages, vm_commit_limit());
	EXPECT(do_mmap(a, 2 * PG, RW, ANON | MAP_FIXED), a);
	EXPECT(do_mmap(a, 2 * PG, RW, SHANON | MAP_FIXED), -ENOMEM);
	EXPECT(sys_munmap(a, 2 * PG), 0);
	EXPECT(do_mmap(a, 2 * PG, RW, SHANON | MAP_FIXED), a);
	EXPECT(vm_committed_pages, vm_commit_limit());
	STATE();

	/* MAP_FIXED replaces: content gone, accounting follows */
	reset();
	EXPECT(do_mmap(B, 6 * PG, RW, ANON | MAP_FIXED), B);
	write_tags(B, 6, 100);
	EXPECT(do_mmap(B + 2 * PG, 2 * PG, PROT_READ, ANON | MAP_FIXED), B + 2 * PG);
	EXPECT(mm->map_count, 4);
	EXPECT(vm_committed_pages, 4);
	EXPECT(present(B + 2 * PG) + present(B + 3 * PG), 0);
	EXPECT(tags_are(B, 2, 100) && tags_are(B + 4 * PG, 2, 104), 1);
	EXPECT(do_mmap(B + PG, 4 * PG, RW, ANON | MAP_FIXED), B + PG);
	EXPECT(mm->map_count, 2); /* one VMA again: same flags, contiguous pgoff */
	EXPECT(vm_committed_pages, 6);
	EXPECT(tags_are(B, 1, 100) && tags_are(B + 5 * PG, 1, 105) && !present(B + PG), 1);
	STATE();
}

static void test_map_count(void)
{
	reset();
	sysctl_max_map_count = 3;
	EXPECT(do_mmap(B, PG, PROT_READ, ANON | MAP_FIXED), B); /* 2 */
	EXPECT(do_mmap(B + 2 * PG, PG, PROT_READ, ANON | MAP_FIXED), B + 2 * PG);
	EXPECT(mm->map_count, 3);
	/* Linux's do_mmap refuses only when map_count > the limit */
	EXPECT(do_mmap(B + 4 * PG, PG, PROT_READ, ANON | MAP_FIXED), B + 4 * PG);
	EXPECT(mm->map_count, 4);
	EXPECT(do_mmap(B + 6 * PG, PG, PROT_READ, ANON | MAP_FIXED), -ENOMEM);
	EXPECT(do_mmap(0, PG, PROT_READ, ANON), -ENOMEM);
	EXPECT(sys_brk(mm->brk + PG), mm->brk); /* brk: the same test */
	EXPECT(sys_munmap(B + 4 * PG, PG), 0);
	/* at the limit: merging is fine, splitting is not */
	EXPECT(do_mmap(B + PG, PG, PROT_READ, ANON | MAP_FIXED), B + PG);
	EXPECT(mm->map_count, 2);
	sysctl_max_map_count = 2;
	EXPECT(do_mmap(B + PG, PG, PROT_WRITE, ANON | MAP_FIXED), -ENOMEM);
	EXPECT(sys_munmap(B + PG, PG), -ENOMEM);
	EXPECT(sys_mprotect(B + PG, PG, RW), -ENOMEM);
	EXPECT(sys_mprotect(B, PG, RW), -ENOMEM);
	EXPECT(sys_madvise(B + PG, PG, MADV_RANDOM), -EAGAIN);
	EXPECT(sys_mlock(B + PG, PG), -ENOMEM);
	EXPECT(flags_at(B + PG) & (VM_WRITE | VM_LOCKED | VM_RAND_READ), 0);
	EXPECT(sys_munmap(B, PG), 0); /* trimming an end needs no new VMA */
	EXPECT(sys_munmap(B + 2 * PG, PG), 0);
	EXPECT(mm->map_count, 2);
	/* two splits need room for both: the first is not left behind */
	sysctl_max_map_count = 3;
	EXPECT(do_mmap(B, 4 * PG, PROT_READ, ANON | MAP_FIXED), B);
	EXPECT(mm->map_count, 2);
	EXPECT(sys_mprotect(B + PG, PG, RW), -ENOMEM);
	EXPECT(mm->map_count, 2);
	EXPECT(sys_mprotect(B, PG, RW), 0);
	EXPECT(mm->map_count, 3);
	/* mremap keeps Linux's margins (map_count + 2 >= max - 3, map_count >= max - 3) */
	sysctl_max_map_count = 8;
	EXPECT(sys_mremap(B, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, B + 64 * PG), -ENOMEM);
	sysctl_max_map_count = 6; /* [B, B + PG) cannot grow in place: a move */
	EXPECT(sys_mremap(B, PG, 2 * PG, MREMAP_MAYMOVE, 0), -ENOMEM);
	sysctl_max_map_count = 7;
	EXPECT(sys_mremap(B, PG, 2 * PG, MREMAP_MAYMOVE, 0), B - 2 * PG);
	STATE();
	/* 60,000 VMAs: lookups stay logarithmic, the structure stays sound */
	reset();
	for (unsigned long i = 0; i < 60000; i++)
		if ((unsigned long)do_mmap(B - 2 * i * PG, PG, i & 1 ? PROT_READ : RW,
					   ANON | MAP_FIXED) &
		    ~PAGE_MASK)
			break;
	EXPECT(mm->map_count, 60001);
	EXPECT(find_vma(mm, B - 2 * 30000 * PG)->vm_start, B - 2 * 30000 * PG);
	EXPECT(find_vma(mm, B - 2 * 30000 * PG - PG)->vm_start, B - 2 * 30000 * PG);
	EXPECT(find_vma_intersection(mm, B - 3 * PG, B - 2 * PG), NULL);
	EXPECT(do_mmap(0, PG, RW, ANON), B - PG); /* the highest hole; merges with [B, B + PG) */
	EXPECT(mm->map_count, 60001);
	STATE();
}

static void test_munmap(void)
{
	reset();
	EXPECT(sys_munmap(B + 1, PG), -EINVAL);
	EXPECT(sys_munmap(B, 0), -EINVAL);
	EXPECT(sys_munmap(TASK_SIZE + PG, PG), -EINVAL);
	EXPECT(sys_munmap(TASK_SIZE - PG, 2 * PG), -EINVAL);
	EXPECT(sys_munmap(TASK_SIZE, 0), -EINVAL);
	EXPECT(sys_munmap(TASK_SIZE - PG, PG + 1), -EINVAL);
	EXPECT(sys_munmap(B, PG), 0); /* nothing there */
	EXPECT(sys_munmap(0, PG), 0); /* below mmap_min_addr: nothing there either */
	EXPECT(sys_munmap(TASK_SIZE, 0 + 1), -EINVAL);
	EXPECT(do_mmap(B, 8 * PG, RW, ANON | MAP_FIXED), B);
	write_tags(B, 8, 10);
	EXPECT(sys_munmap(B + 2 * PG, 2 * PG - 100), 0); /* partial page: whole page */
	EXPECT(mm->map_count, 3);
	EXPECT(vm_committed_pages, 6);
	EXPECT(mm->total_vm, 32 + 6);
	EXPECT(vma_lookup(mm, B + 4 * PG)->vm_pgoff, (B >> PAGE_SHIFT) + 4);
	EXPECT(tags_are(B, 2, 10) && tags_are(B + 4 * PG, 4, 14), 1);
	EXPECT(present(B + 2 * PG) + present(B + 3 * PG), 0);
	/* across VMAs and holes */
	EXPECT(do_mmap(B + 10 * PG, 2 * PG, PROT_READ, ANON | MAP_FIXED), B + 10 * PG);
	EXPECT(do_mmap(B + 14 * PG, 2 * PG, RW, ANON | MAP_FIXED), B + 14 * PG);
	EXPECT(sys_munmap(B + PG, 14 * PG), 0);
	EXPECT(vstart(B) == B && vend(B) == B + PG && vstart(B + 15 * PG) == B + 15 * PG, 1);
	EXPECT(mm->map_count, 3);
	EXPECT(vm_committed_pages, 2);
	EXPECT(sys_munmap(B - 64 * PG, 128 * PG), 0);
	EXPECT(mm->map_count, 1);
	EXPECT(vm_committed_pages, 0);
	/* the main stack can be unmapped too */
	EXPECT(sys_munmap(STACK_LO, 128UL << 10), 0);
	EXPECT(mm->total_vm + mm->stack_vm + mm->map_count, 0);
	STATE();
}

static void test_mprotect(void)
{
	struct vm_area_struct *v;

	reset();
	EXPECT(do_mmap(B, 8 * PG, RW, ANON | MAP_FIXED), B);
	write_tags(B, 8, 1);
	EXPECT(sys_mprotect(B + 1, PG, PROT_READ), -EINVAL);
	EXPECT(sys_mprotect(B + 1, 0, PROT_READ), -EINVAL);
	EXPECT(sys_mprotect(B, 0, PROT_READ), 0);
	EXPECT(sys_mprotect(0x1000, 0, 0x10), 0); /* length 0 before prot and mappings */
	EXPECT(sys_mprotect(B, PG, 0x10), -EINVAL);
	EXPECT(sys_mprotect(B - PG, PG, 0x10), -EINVAL);
	EXPECT(sys_mprotect(B, PG, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL);
	EXPECT(sys_mprotect(B, PG, PROT_READ | PROT_GROWSDOWN), -EINVAL);
	EXPECT(sys_mprotect(B, PG, PROT_READ | PROT_GROWSUP), -EINVAL);
	EXPECT(sys_mprotect(B - PG, PG, PROT_READ | PROT_GROWSUP), -ENOMEM);
	EXPECT(sys_mprotect(B - PG, 2 * PG, PROT_READ), -ENOMEM);
	EXPECT(sys_mprotect(B + 16 * PG, PG, PROT_READ), -ENOMEM);
	EXPECT(sys_mprotect(TASK_SIZE, PG, PROT_READ), -ENOMEM);
	EXPECT(sys_mprotect(ULONG_MAX & PAGE_MASK, 2 * PG, PROT_READ), -ENOMEM);
	EXPECT(flags_at(B) & VM_ACCESS_FLAGS, VM_READ | VM_WRITE);
	EXPECT(sys_mprotect(B, PG, PROT_READ | PROT_SEM), 0);
	EXPECT(mm->map_count, 3);
	/* the range runs into a hole: the part before it is changed (Linux) */
	EXPECT(sys_mprotect(B + 6 * PG, 4 * PG, PROT_READ), -ENOMEM);
	EXPECT(flags_at(B + 6 * PG) & VM_ACCESS_FLAGS, VM_READ);
	EXPECT(mm->map_count, 4);
	/* split in the middle, then merge back to one VMA */
	EXPECT(sys_mprotect(B + 2 * PG, 2 * PG, PROT_NONE), 0);
	EXPECT(mm->map_count, 6);
	EXPECT(touch(B + 2 * PG, false, 0), 1);
	EXPECT(sys_mprotect(B, 8 * PG, RW), 0);
	EXPECT(mm->map_count, 2);
	EXPECT(tags_are(B, 8, 1), 1);
	EXPECT(vm_committed_pages, 8);
	/* private read-only memory is accounted when it becomes writable */
	EXPECT(do_mmap(B + 16 * PG, 4 * PG, PROT_READ, ANON | MAP_FIXED), B + 16 * PG);
	EXPECT(vm_committed_pages, 8);
	EXPECT(sys_mprotect(B + 17 * PG, 2 * PG, PROT_WRITE), 0);
	EXPECT(vm_committed_pages, 10);
	EXPECT(flags_at(B + 17 * PG) & VM_ACCOUNT, VM_ACCOUNT);
	EXPECT(sys_mprotect(B + 17 * PG, 2 * PG, PROT_READ), 0); /* not unaccounted */
	EXPECT(vm_committed_pages, 10);
	EXPECT(mm->map_count, 5);
	/* PROT_GROWSDOWN: from the start of a growsdown VMA */
	EXPECT(do_mmap(B + 32 * PG, 4 * PG, RW, ANON | MAP_FIXED | MAP_GROWSDOWN), B + 32 * PG);
	EXPECT(sys_mprotect(B + 33 * PG, PG, PROT_READ | PROT_GROWSDOWN), 0);
	EXPECT(vstart(B + 32 * PG) == B + 32 * PG && vend(B + 32 * PG) == B + 34 * PG, 1);
	EXPECT(flags_at(B + 32 * PG) & VM_ACCESS_FLAGS, VM_READ);
	EXPECT(sys_mprotect(B + 30 * PG, PG, PROT_READ | PROT_GROWSDOWN), -ENOMEM);
	/* beyond VM_MAY*: EACCES, after the VMAs before it were changed */
	EXPECT(do_mmap(B + 40 * PG, 2 * PG, PROT_READ, ANON | MAP_FIXED), B + 40 * PG);
	EXPECT(do_mmap(B + 42 * PG, 2 * PG, PROT_READ, SHANON | MAP_FIXED), B + 42 * PG);
	v = vma_lookup(mm, B + 42 * PG);
	v->vm_flags &= ~VM_MAYWRITE; /* as a read-only file mapping would be */
	v->vm_page_prot = vm_get_page_prot(v->vm_flags);
	EXPECT(sys_mprotect(B + 40 * PG, 4 * PG, RW), -EACCES);
	EXPECT(flags_at(B + 40 * PG) & VM_WRITE, VM_WRITE);
	EXPECT(flags_at(B + 42 * PG) & VM_WRITE, 0);
	EXPECT(sys_mprotect(B + 42 * PG, 2 * PG, PROT_READ | PROT_EXEC), 0);
	/* a locked private mapping that becomes writable is faulted in for writing */
	EXPECT(do_mmap(B + 48 * PG, 2 * PG, PROT_NONE, ANON | MAP_FIXED | MAP_LOCKED), B + 48 * PG);
	EXPECT(present(B + 48 * PG), 0);
	EXPECT(sys_mprotect(B + 48 * PG, 2 * PG, RW), 0);
	EXPECT(present(B + 48 * PG) + present(B + 49 * PG), 2);
	STATE();
}

static void test_mremap(void)
{
	long r;

	reset();
	EXPECT(do_mmap(B, 4 * PG, RW, ANON | MAP_FIXED), B);
	write_tags(B, 4, 50);
	/* the checks, in Linux's order */
	EXPECT(sys_mremap(B + 1, PG, PG, 8, 0), -EINVAL);
	EXPECT(sys_mremap(B, PG, PG, MREMAP_FIXED, B + 64 * PG), -EINVAL);
	EXPECT(sys_mremap(B, PG, PG, MREMAP_DONTUNMAP, 0), -EINVAL);
	EXPECT(sys_mremap(B, PG, 2 * PG, MREMAP_DONTUNMAP | MREMAP_MAYMOVE, 0), -EINVAL);
	EXPECT(sys_mremap(B, PG, PG + 1, MREMAP_DONTUNMAP | MREMAP_MAYMOVE, 0), -EINVAL);
	EXPECT(sys_mremap(B + 1, PG, 0, 0, 0), -EINVAL);
	EXPECT(sys_mremap(B, PG, 0, 0, 0), -EINVAL);
	EXPECT(sys_mremap(B - PG, PG, PG, 0, 0), -EFAULT);
	EXPECT(sys_mremap(B - PG, PG, 0, 0, 0), -EINVAL);
	EXPECT(sys_mremap(B, 5 * PG, 6 * PG, MREMAP_MAYMOVE, 0), -EFAULT); /* past the VMA */
	EXPECT(sys_mremap(B, 0, PG, MREMAP_MAYMOVE, 0), -EINVAL);	   /* duplicate private */
	EXPECT(sys_mremap(B, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, B + 1), -EINVAL);
	EXPECT(sys_mremap(B, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, TASK_SIZE), -EINVAL);
	EXPECT(sys_mremap(B, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, B + PG), -EINVAL);
	EXPECT(sys_mremap(B, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, 0x1000), -EINVAL);
	EXPECT(sys_mremap(B, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, 0x8000), -EPERM);
	EXPECT(sys_mremap(B, 2 * PG, 2 * PG, 0, 0), B); /* same size: nothing to do */
	/* shrink: the tail is unmapped (whatever lies there) */
	EXPECT(sys_mremap(B, 4 * PG, 3 * PG, 0, 0), B);
	EXPECT(vend(B), B + 3 * PG);
	EXPECT(vm_committed_pages, 3);
	/*
	 * grow in place up to the next VMA: a written VMA (anon_vma) does not merge with a
	 * never-written one (Linux: its anon_vma_chain is empty); a fresh mapping merges with it
	 */
	EXPECT(do_mmap(B + 5 * PG, 2 * PG, RW, ANON | MAP_FIXED), B + 5 * PG);
	EXPECT(sys_mremap(B, 3 * PG, 5 * PG, 0, 0), B);
	EXPECT(mm->map_count, 3);
	EXPECT(vend(B), B + 5 * PG);
	EXPECT(sys_munmap(B + 5 * PG, 2 * PG), 0);
	EXPECT(do_mmap(B + 5 * PG, 2 * PG, RW, ANON | MAP_FIXED), B + 5 * PG);
	EXPECT(mm->map_count, 2);
	EXPECT(vend(B), B + 7 * PG);
	EXPECT(vm_committed_pages, 7);
	EXPECT(tags_are(B, 3, 50) && !present(B + 3 * PG), 1);
	/* cannot grow in place: ENOMEM without MREMAP_MAYMOVE, else a move (ptes moved) */
	EXPECT(do_mmap(B + 8 * PG, PG, PROT_READ, ANON | MAP_FIXED), B + 8 * PG);
	EXPECT(sys_mremap(B, 7 * PG, 9 * PG, 0, 0), -ENOMEM);
	EXPECT(sys_mremap(B + PG, 2 * PG, 3 * PG, 0, 0), -ENOMEM); /* not to the VMA's end */
	r = sys_mremap(B, 7 * PG, 9 * PG, MREMAP_MAYMOVE, 0);
	EXPECT(r, B - 9 * PG);
	EXPECT(tags_are(B - 9 * PG, 3, 50) && !present(B - 6 * PG), 1);
	EXPECT(vma_lookup(mm, B), NULL);
	EXPECT(vma_lookup(mm, B - 9 * PG)->vm_pgoff, B >> PAGE_SHIFT); /* pgoff moves along */
	EXPECT(vm_committed_pages, 9);
	EXPECT(mm->total_vm, 32 + 9 + 1);
	/* ... and back where it came from: pgoff fits there again, so it merges */
	EXPECT(sys_mremap(B - 9 * PG, 7 * PG, 7 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, B), B);
	EXPECT(vma_lookup(mm, B)->vm_pgoff, B >> PAGE_SHIFT);
	EXPECT(do_mmap(B + 7 * PG, PG, RW, ANON | MAP_FIXED), B + 7 * PG);
	EXPECT(vstart(B + 7 * PG) == B && vend(B) == B + 8 * PG, 1);
	EXPECT(tags_are(B, 3, 50), 1);
	EXPECT(vm_committed_pages, 2 + 8);
	/* MREMAP_FIXED replaces the target */
	EXPECT(do_mmap(B + 32 * PG, 4 * PG, RW, ANON | MAP_FIXED), B + 32 * PG);
	write_tags(B + 32 * PG, 4, 200);
	EXPECT(sys_mremap(B + PG, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, B + 33 * PG),
	       B + 33 * PG);
	EXPECT(tags_are(B + 33 * PG, 2, 51) && tags_are(B + 32 * PG, 1, 200) &&
		       tags_are(B + 35 * PG, 1, 203),
	       1);
	EXPECT(vma_lookup(mm, B + PG), NULL);
	/* MREMAP_DONTUNMAP: the old range stays, empty; VM_LOCKED is cleared on it */
	EXPECT(sys_mlock(B + 3 * PG, 2 * PG), 0);
	EXPECT(sys_mremap(B + 3 * PG, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0),
	       B - 4 * PG);
	EXPECT(present(B + 3 * PG) + present(B + 4 * PG), 0);
	EXPECT(flags_at(B + 3 * PG) & VM_LOCKED, 0);
	EXPECT(flags_at(B - 4 * PG) & VM_LOCKED, VM_LOCKED);
	/* mlock had faulted them in (zeros): they moved, present */
	EXPECT(present(B - 4 * PG) + present(B - 3 * PG), 2);
	EXPECT(tag_at(B - 4 * PG) + tag_at(B - 3 * PG), 0);
	EXPECT(touch(B + 3 * PG, false, 0) == 0 && tag_at(B + 3 * PG) == 0, 1);
	EXPECT(mm->locked_vm, 2);
	/* a failing move changes nothing */
	fake_fail_move = 1;
	EXPECT(sys_mremap(B + 32 * PG, PG, 8 * PG, MREMAP_MAYMOVE, 0), -ENOMEM);
	EXPECT(tags_are(B + 32 * PG, 1, 200) && vend(B + 32 * PG) == B + 33 * PG, 1);
	STATE();

	/* shared memory: old_len 0 duplicates, MREMAP_DONTUNMAP leaves two views */
	reset();
	EXPECT(do_mmap(B, 4 * PG, RW, SHANON | MAP_FIXED), B);
	write_tags(B, 2, 70);
	EXPECT(sys_mremap(B, 0, 4 * PG, MREMAP_MAYMOVE, 0), B - 4 * PG);
	EXPECT(tags_are(B - 4 * PG, 2, 70) && tags_are(B, 2, 70), 1);
	EXPECT(present(B - 2 * PG) + present(B + 2 * PG), 2); /* the source was faulted in */
	EXPECT(vma_lookup(mm, B - 4 * PG)->vm_pgoff, 0);
	EXPECT(sys_mremap(B, 0, 4 * PG, 0, 0), -ENOMEM);
	EXPECT(sys_mremap(B, 0, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, B + 16 * PG), B + 16 * PG);
	EXPECT(tags_are(B + 16 * PG, 2, 70), 1);
	EXPECT(sys_mremap(B, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, B + 32 * PG),
	       B + 32 * PG);
	EXPECT(tags_are(B + 32 * PG, 2, 70) && tags_are(B, 2, 70), 1);
	EXPECT(vm_committed_pages, 4 + 4 + 2 + 2); /* every view is accounted */
	STATE();

	/* accounting: growth commits the difference, DONTUNMAP the whole new range */
	reset();
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	EXPECT(do_mmap(B, vm_commit_limit() * PG - 4 * PG, RW, ANON | MAP_FIXED), B);
	EXPECT(sys_mremap(B, PG, 2 * PG, MREMAP_MAYMOVE, 0), B - 2 * PG);
	EXPECT(vm_committed_pages, vm_commit_limit() - 3);
	EXPECT(sys_mremap(B + PG, 4 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0), -ENOMEM);
	EXPECT(sys_mremap(B + PG, 3 * PG, 3 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0),
	       B - 5 * PG);
	EXPECT(vm_committed_pages, vm_commit_limit());
	EXPECT(sys_mremap(B - 2 * PG, 2 * PG, 3 * PG, MREMAP_MAYMOVE, 0), -ENOMEM);
	EXPECT(sys_mremap(B - 2 * PG, 2 * PG, PG, MREMAP_MAYMOVE, 0), B - 2 * PG);
	EXPECT(sys_mremap(B - 2 * PG, PG, 2 * PG, 0, 0), B - 2 * PG);
	STATE();
}

static void test_madvise(void)
{
	reset();
	EXPECT(do_mmap(B, 8 * PG, RW, ANON | MAP_FIXED), B);
	write_tags(B, 8, 30);
	EXPECT(sys_madvise(B + 1, PG, MADV_DONTNEED), -EINVAL);
	EXPECT(sys_madvise(B, PG, 5), -EINVAL);
	EXPECT(sys_madvise(B + 1, PG, 5), -EINVAL); /* advice before alignment */
	EXPECT(sys_madvise(B, PG, -1), -EINVAL);
	EXPECT(sys_madvise(B, PG, MADV_MERGEABLE), -EINVAL);
	EXPECT(sys_madvise(B, PG, MADV_HUGEPAGE), -EINVAL);
	EXPECT(sys_madvise(B, PG, MADV_COLLAPSE), -EINVAL);
	EXPECT(sys_madvise(B, PG, MADV_HWPOISON), -EINVAL);
	EXPECT(sys_madvise(B, PG, 102), -EINVAL);
	EXPECT(sys_madvise(B, ULONG_MAX, MADV_NORMAL), -EINVAL);
	EXPECT(sys_madvise(ULONG_MAX & PAGE_MASK, 2 * PG, MADV_NORMAL), -EINVAL);
	EXPECT(sys_madvise(B, 0, MADV_NORMAL), 0);
	EXPECT(sys_madvise(0x1000, 0, MADV_DONTNEED), 0);
	/* DONTNEED: pages gone, the VMA stays; the next touch reads zeros */
	EXPECT(sys_madvise(B + PG, 2 * PG, MADV_DONTNEED), 0);
	EXPECT(present(B + PG) + present(B + 2 * PG), 0);
	EXPECT(mm->map_count, 2);
	EXPECT(touch(B + PG, false, 0), 0);
	EXPECT(present(B + PG) == 1 && tag_at(B + PG) == 0 && tags_are(B + 3 * PG, 5, 33), 1);
	EXPECT(sys_madvise(B + 3 * PG, PG, MADV_FREE), 0);
	EXPECT(present(B + 3 * PG), 0);
	/* holes: the mapped parts get the advice, the result is ENOMEM */
	EXPECT(do_mmap(B + 10 * PG, 2 * PG, RW, ANON | MAP_FIXED), B + 10 * PG);
	write_tags(B + 10 * PG, 2, 90);
	EXPECT(sys_madvise(B + 6 * PG, 8 * PG, MADV_DONTNEED), -ENOMEM);
	EXPECT(present(B + 7 * PG) + present(B + 10 * PG) + present(B + 11 * PG), 0);
	EXPECT(sys_madvise(B - 4 * PG, 2 * PG, MADV_NORMAL), -ENOMEM);
	EXPECT(sys_madvise(B + 20 * PG, 2 * PG, MADV_WILLNEED), -ENOMEM);
	/* flags: split, then merged back */
	EXPECT(sys_madvise(B + 2 * PG, 2 * PG, MADV_SEQUENTIAL), 0);
	EXPECT(mm->map_count, 5);
	EXPECT(flags_at(B + 2 * PG) & (VM_SEQ_READ | VM_RAND_READ), VM_SEQ_READ);
	EXPECT(sys_madvise(B + 2 * PG, PG, MADV_RANDOM), 0);
	EXPECT(flags_at(B + 2 * PG) & (VM_SEQ_READ | VM_RAND_READ), VM_RAND_READ);
	EXPECT(sys_madvise(B, 8 * PG, MADV_NORMAL), 0);
	EXPECT(mm->map_count, 3);
	EXPECT(sys_madvise(B, PG, MADV_DONTFORK), 0);
	EXPECT(sys_madvise(B, PG, MADV_DOFORK), 0);
	EXPECT(sys_madvise(B, PG, MADV_DONTDUMP), 0);
	EXPECT(sys_madvise(B, PG, MADV_DODUMP), 0);
	EXPECT(sys_madvise(B, PG, MADV_WIPEONFORK), 0);
	EXPECT(sys_madvise(B, PG, MADV_KEEPONFORK), 0);
	EXPECT(sys_madvise(B, PG, MADV_COLD), 0);
	EXPECT(sys_madvise(B, PG, MADV_PAGEOUT), 0);
	EXPECT(mm->map_count, 3);
	/* POPULATE_* fault pages in; WILLNEED does not */
	EXPECT(do_mmap(B + 16 * PG, 2 * PG, PROT_NONE, ANON | MAP_FIXED), B + 16 * PG);
	EXPECT(do_mmap(B + 18 * PG, 2 * PG, PROT_READ, ANON | MAP_FIXED), B + 18 * PG);
	EXPECT(sys_madvise(B + 16 * PG, 4 * PG, MADV_WILLNEED), 0); /* no fresh page resident */
	EXPECT(present(B + 16 * PG) + present(B + 18 * PG) + present(B + 19 * PG), 0);
	EXPECT(sys_madvise(B + 16 * PG, 4 * PG, MADV_POPULATE_READ), -EINVAL);
	EXPECT(sys_madvise(B + 18 * PG, 2 * PG, MADV_POPULATE_WRITE), -EINVAL);
	EXPECT(sys_madvise(B + 18 * PG, 2 * PG, MADV_POPULATE_READ), 0);
	EXPECT(sys_madvise(B + 10 * PG, 4 * PG, MADV_POPULATE_WRITE), -ENOMEM);
	EXPECT(present(B + 10 * PG) + present(B + 11 * PG), 2);
	fake_fail_populate = 1;
	EXPECT(sys_madvise(B + 6 * PG, 2 * PG, MADV_POPULATE_WRITE), -ENOMEM);
	/* mlocked memory: no DONTNEED, FREE, COLD, PAGEOUT, REMOVE; DONTNEED_LOCKED is fine */
	EXPECT(sys_mlock(B + 10 * PG, 2 * PG), 0);
	EXPECT(sys_madvise(B + 10 * PG, PG, MADV_DONTNEED), -EINVAL);
	EXPECT(sys_madvise(B + 10 * PG, PG, MADV_FREE), -EINVAL);
	EXPECT(sys_madvise(B + 10 * PG, PG, MADV_COLD), -EINVAL);
	EXPECT(sys_madvise(B + 10 * PG, PG, MADV_PAGEOUT), -EINVAL);
	EXPECT(sys_madvise(B + 10 * PG, PG, MADV_REMOVE), -EINVAL);
	EXPECT(present(B + 10 * PG), 1);
	EXPECT(sys_madvise(B + 10 * PG, PG, MADV_DONTNEED_LOCKED), 0);
	EXPECT(present(B + 10 * PG), 0);
	/* shared memory keeps its data under DONTNEED; FREE is refused; REMOVE frees */
	EXPECT(do_mmap(B + 24 * PG, 2 * PG, RW, SHANON | MAP_FIXED), B + 24 * PG);
	EXPECT(do_mmap(B + 26 * PG, 2 * PG, PROT_READ, SHANON | MAP_FIXED), B + 26 * PG);
	write_tags(B + 24 * PG, 2, 300);
	EXPECT(sys_madvise(B + 24 * PG, 2 * PG, MADV_DONTNEED), 0);
	EXPECT(tags_are(B + 24 * PG, 2, 300), 1);
	EXPECT(sys_madvise(B + 24 * PG, 2 * PG, MADV_FREE), -EINVAL);
	EXPECT(sys_madvise(B + 24 * PG, 2 * PG, MADV_WIPEONFORK), -EINVAL);
	/* mapped read-only, but it may be written (VM_MAYWRITE): allowed, as on Linux */
	EXPECT(sys_madvise(B + 26 * PG, 2 * PG, MADV_REMOVE), 0);
	EXPECT(sys_madvise(B, PG, MADV_REMOVE), -EINVAL);
	EXPECT(sys_madvise(B + 24 * PG, 2 * PG, MADV_REMOVE), 0);
	EXPECT(present(B + 24 * PG), 0);
	STATE();
}

static void test_mlock(void)
{
	reset();
	EXPECT(do_mmap(B, 8 * PG, RW, ANON | MAP_FIXED), B);
	EXPECT(sys_mlock(B + 100, PG), 0); /* unaligned: widened to whole pages */
	EXPECT(mm->locked_vm, 2);
	EXPECT(present(B) + present(B + PG), 2);
	EXPECT(mm->map_count, 3);
	EXPECT(sys_mlock(B, 0), 0);
	EXPECT(sys_mlock(B - PG, 2 * PG), -ENOMEM);
	EXPECT(sys_mlock(B + 6 * PG, 4 * PG), -ENOMEM); /* the part before the hole is locked */
	EXPECT(flags_at(B + 7 * PG) & VM_LOCKED, VM_LOCKED);
	EXPECT(mm->locked_vm, 4);
	EXPECT(sys_mlock(B + 16 * PG, PG), -ENOMEM);
	EXPECT(sys_mlock(ULONG_MAX & PAGE_MASK, 2 * PG), -EINVAL);
	EXPECT(sys_munlock(B, 8 * PG), 0);
	/* both locked parts were written apart (anon_vmas): they stay apart from the rest */
	EXPECT(mm->locked_vm + (unsigned long)mm->map_count, 3);
	EXPECT(sys_munlock(B, 9 * PG), -ENOMEM);
	/* PROT_NONE: locked, but it cannot be faulted in: ENOMEM (Linux's -EFAULT mapped) */
	EXPECT(do_mmap(B + 8 * PG, 2 * PG, PROT_NONE, ANON | MAP_FIXED), B + 8 * PG);
	EXPECT(sys_mlock(B + 6 * PG, 4 * PG), -ENOMEM);
	EXPECT(flags_at(B + 8 * PG) & VM_LOCKED, VM_LOCKED);
	EXPECT(mm->locked_vm, 4);
	/* out of memory while faulting in: EAGAIN */
	fake_fail_populate = 1;
	EXPECT(sys_mlock(B, 2 * PG), -EAGAIN);
	EXPECT(sys_munlock(B, 10 * PG), 0);
	EXPECT(mm->locked_vm, 0);
	/* mlockall */
	EXPECT(sys_mlockall(0), -EINVAL);
	EXPECT(sys_mlockall(8), -EINVAL);
	EXPECT(sys_mlockall(MCL_ONFAULT), -EINVAL);
	EXPECT(sys_mlockall(MCL_CURRENT), 0);
	EXPECT(mm->locked_vm, mm->total_vm);
	EXPECT(present(B + 5 * PG) + present(STACK_LO), 2);
	EXPECT(mm->def_flags, 0);
	EXPECT(sys_munlockall(), 0);
	EXPECT(mm->locked_vm, 0);
	EXPECT(sys_mlockall(MCL_FUTURE), 0);
	EXPECT(mm->locked_vm, 0);
	EXPECT(do_mmap(B + 16 * PG, 2 * PG, RW, ANON | MAP_FIXED), B + 16 * PG);
	EXPECT(flags_at(B + 16 * PG) & VM_LOCKED, VM_LOCKED);
	EXPECT(present(B + 16 * PG) + present(B + 17 * PG), 2);
	EXPECT(sys_brk(mm->brk + 2 * PG), BRK_BASE + 2 * PG);
	EXPECT(present(BRK_BASE) + present(BRK_BASE + PG), 2);
	EXPECT(mm->locked_vm, 4);
	EXPECT(sys_mlockall(MCL_FUTURE | MCL_ONFAULT), 0);
	EXPECT(do_mmap(B + 20 * PG, 2 * PG, RW, ANON | MAP_FIXED | MAP_POPULATE), B + 20 * PG);
	EXPECT(flags_at(B + 20 * PG) & VM_LOCKED_MASK, VM_LOCKED_MASK);
	EXPECT(present(B + 20 * PG), 0);
	EXPECT(sys_mlockall(MCL_CURRENT | MCL_ONFAULT), 0);
	EXPECT(mm->def_flags, 0);
	EXPECT(present(B + 21 * PG), 0);
	EXPECT(mm->locked_vm, mm->total_vm);
	EXPECT(sys_mlock(B + 21 * PG, PG), 0); /* mlock clears VM_LOCKONFAULT and faults in */
	EXPECT(present(B + 21 * PG), 1);
	EXPECT(flags_at(B + 21 * PG) & VM_LOCKED_MASK, VM_LOCKED);
	EXPECT(sys_munlockall(), 0);
	EXPECT(mm->locked_vm + mm->def_flags, 0);
	STATE();
}

static void test_mincore_msync(void)
{
	/* the vector is an application address; the fake keeps its bytes in fake_vec_shadow */
	unsigned char *vec = (unsigned char *)fake_vec_base, *got = fake_vec_shadow;

	reset();
	EXPECT(do_mmap(B, 4 * PG, RW, ANON | MAP_FIXED), B);
	EXPECT(do_mmap(fake_vec_base, PG, RW, ANON | MAP_FIXED), fake_vec_base);
	EXPECT(do_mmap(fake_vec_base + PG, PG, PROT_READ, ANON | MAP_FIXED), fake_vec_base + PG);
	EXPECT(touch(B + PG, true, 5), 0);
	EXPECT(touch(B + 3 * PG, false, 0), 0);
	EXPECT(sys_mincore(B + 1, PG, vec), -EINVAL);
	EXPECT(sys_mincore(TASK_SIZE - PG, 2 * PG, vec), -ENOMEM);
	EXPECT(sys_mincore(TASK_SIZE, 1, vec), -ENOMEM);
	EXPECT(sys_mincore(B - PG, PG, vec), -ENOMEM);
	EXPECT(sys_mincore(B, 0, vec), 0);
	EXPECT(sys_mincore(0, 0, vec), 0);
	EXPECT(sys_mincore(0, 0, NULL), 0);
	memset(got, 9, 16);
	EXPECT(sys_mincore(B, 4 * PG - 1, vec), 0);
	EXPECT(got[0] == 0 && got[1] == 1 && got[2] == 0 && got[3] == 1 && got[4] == 9, 1);
	memset(got, 9, 16);
	EXPECT(sys_mincore(B + PG, 4 * PG, vec), -ENOMEM);
	EXPECT(got[0] == 1 && got[1] == 0 && got[2] == 1 && got[3] == 9, 1);
	/* the vector must be writable application memory (Linux: copy_to_user fails) */
	EXPECT(sys_mincore(B, PG, NULL), -EFAULT);
	EXPECT(sys_mincore(B - PG, PG, NULL), -ENOMEM); /* the hole is found first */
	EXPECT(sys_mincore(B, PG, vec + PG), -EFAULT);	/* read-only */
	EXPECT(sys_mincore(B, 2 * PG, vec + PG - 1), -EFAULT);
	EXPECT(sys_mincore(B, PG, vec + PG - 1), 0);
	EXPECT(sys_mincore(B, PG, (unsigned char *)B - PG), -EFAULT); /* unmapped */
	EXPECT(sys_mincore(B, 2 * PG, (unsigned char *)TASK_SIZE - 1), -EFAULT);
	EXPECT(sys_mincore(B, PG, (unsigned char *)ULONG_MAX), -EFAULT);

	EXPECT(sys_msync(B, PG, 8), -EINVAL);
	EXPECT(sys_msync(B + 1, PG, MS_SYNC), -EINVAL);
	EXPECT(sys_msync(B, PG, MS_SYNC | MS_ASYNC), -EINVAL);
	EXPECT(sys_msync(B, 0, MS_SYNC), 0);
	EXPECT(sys_msync(ULONG_MAX & PAGE_MASK, 2 * PG, MS_SYNC), -ENOMEM);
	EXPECT(sys_msync(B, 4 * PG, MS_SYNC), 0);
	EXPECT(sys_msync(B, 4 * PG, 0), 0);
	EXPECT(sys_msync(B - PG, 2 * PG, MS_ASYNC), -ENOMEM);
	EXPECT(sys_msync(B - PG, 2 * PG, MS_SYNC), -ENOMEM);
	EXPECT(sys_msync(B, 8 * PG, MS_SYNC), -ENOMEM);
	EXPECT(sys_mlock(B + 2 * PG, PG), 0);
	EXPECT(sys_msync(B, 4 * PG, MS_SYNC), 0);
	EXPECT(sys_msync(B, 4 * PG, MS_INVALIDATE), -EBUSY);
	EXPECT(sys_msync(B - PG, 4 * PG, MS_INVALIDATE), -EBUSY);
	STATE();
}

static void test_brk(void)
{
	reset();
	EXPECT(sys_brk(0), BRK_BASE);
	EXPECT(sys_brk(BRK_BASE - 1), BRK_BASE);
	EXPECT(sys_brk(BRK_LIMIT + 1), BRK_BASE);
	EXPECT(sys_brk(BRK_BASE + 100), BRK_BASE + 100);
	EXPECT(flags_at(BRK_BASE),
	       VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT);
	EXPECT(vm_committed_pages, 1);
	EXPECT(sys_brk(BRK_BASE + 200), BRK_BASE + 200); /* same page */
	EXPECT(sys_brk(BRK_BASE + 4 * PG), BRK_BASE + 4 * PG);
	EXPECT(mm->map_count, 2);
	write_tags(BRK_BASE, 4, 40);
	EXPECT(sys_brk(BRK_BASE + 2 * PG + 1), BRK_BASE + 2 * PG + 1);
	EXPECT(vend(BRK_BASE), BRK_BASE + 3 * PG);
	EXPECT(tags_are(BRK_BASE, 3, 40), 1);
	EXPECT(sys_brk(BRK_BASE + 4 * PG), BRK_BASE + 4 * PG);
	EXPECT(present(BRK_BASE + 3 * PG), 0); /* shrunk and regrown: zeros */
	EXPECT(vm_committed_pages, 4);
	/* growing needs the range and one more page free, and no stack guard gap */
	EXPECT(do_mmap(BRK_BASE + 8 * PG, PG, PROT_READ, ANON | MAP_FIXED), BRK_BASE + 8 * PG);
	EXPECT(sys_brk(BRK_BASE + 7 * PG), BRK_BASE + 7 * PG);
	EXPECT(sys_brk(BRK_BASE + 7 * PG + 1), BRK_BASE + 7 * PG);
	EXPECT(sys_brk(BRK_BASE + 9 * PG), BRK_BASE + 7 * PG);
	EXPECT(sys_munmap(BRK_BASE + 8 * PG, PG), 0);
	EXPECT(do_mmap(BRK_BASE + 9 * PG + STACK_GUARD_GAP, PG, RW,
		       ANON | MAP_FIXED | MAP_GROWSDOWN),
	       BRK_BASE + 9 * PG + STACK_GUARD_GAP);
	EXPECT(sys_brk(BRK_BASE + 8 * PG + 1), BRK_BASE + 7 * PG);
	EXPECT(sys_brk(BRK_BASE + 8 * PG), BRK_BASE + 8 * PG);
	/* shrinking after the heap was unmapped by hand fails; growing makes a new VMA */
	EXPECT(sys_munmap(BRK_BASE, 8 * PG), 0);
	EXPECT(sys_brk(BRK_BASE + PG), BRK_BASE + 8 * PG);
	EXPECT(sys_brk(BRK_BASE + 8 * PG + 1), BRK_BASE + 8 * PG);
	EXPECT(sys_munmap(BRK_BASE + 9 * PG + STACK_GUARD_GAP, PG), 0);
	EXPECT(sys_brk(BRK_BASE + 9 * PG), BRK_BASE + 9 * PG);
	EXPECT(vstart(BRK_BASE + 8 * PG), BRK_BASE + 8 * PG);
	EXPECT(vm_committed_pages, 1);
	/* the committed-memory limit */
	reset();
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	EXPECT(sys_brk(BRK_BASE + vm_commit_limit() * PG), BRK_BASE + vm_commit_limit() * PG);
	EXPECT(sys_brk(BRK_BASE + vm_commit_limit() * PG + 1), BRK_BASE + vm_commit_limit() * PG);
	EXPECT(do_mmap(0, PG, RW, ANON), -ENOMEM);
	EXPECT(sys_brk(BRK_BASE), BRK_BASE);
	EXPECT(vm_committed_pages, 0);
	STATE();
}

static void test_overcommit(void)
{
	unsigned long limit, a;

	reset();
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	limit = vm_commit_limit();
	EXPECT(limit, totalram_pages() / 2);
	EXPECT(do_mmap(0, (limit + 1) * PG, RW, ANON), -ENOMEM);
	a = (unsigned long)do_mmap(0, limit * PG, RW, ANON);
	EXPECT(a, B - limit * PG);
	EXPECT(vm_committed_pages, limit);
	EXPECT(do_mmap(0, PG, RW, ANON), -ENOMEM);
	EXPECT(do_mmap(B + PG, PG, PROT_READ, ANON | MAP_FIXED), B + PG);
	EXPECT(sys_mprotect(B + PG, PG, RW), -ENOMEM);
	EXPECT(do_mmap(a, limit * PG, RW, ANON | MAP_FIXED), a); /* replacing: no net change */
	EXPECT(do_mmap(a + PG, 2 * PG, RW, ANON | MAP_FIXED), a + PG);
	EXPECT(vm_committed_pages, limit);
	EXPECT(sys_munmap(a, PG), 0);
	EXPECT(sys_mprotect(B + PG, PG, RW), 0);
	EXPECT(vm_committed_pages, limit);
	sysctl_overcommit_ratio = 100;
	EXPECT(vm_commit_limit(), totalram_pages());
	EXPECT(vm_enough_memory(ULONG_MAX), -ENOMEM);
	/* heuristic: one request larger than RAM is refused */
	reset();
	EXPECT(do_mmap(0, (totalram_pages() + 1) * PG, RW, ANON), -ENOMEM);
	EXPECT(do_mmap(0, totalram_pages() * PG, RW, ANON), B - totalram_pages() * PG);
	EXPECT(do_mmap(0, totalram_pages() * PG, RW, ANON), B - 2 * totalram_pages() * PG);
	EXPECT(do_mmap(0, (totalram_pages() + 1) * PG, RW, ANON | MAP_NORESERVE),
	       B - (3 * totalram_pages() + 1) * PG);
	EXPECT(do_mmap(0, (totalram_pages() + 1) * PG, PROT_READ, ANON),
	       B - (4 * totalram_pages() + 2) * PG);
	EXPECT(vm_committed_pages, 2 * totalram_pages());
	/* always */
	sysctl_overcommit_memory = OVERCOMMIT_ALWAYS;
	EXPECT(do_mmap(B - (2048UL << 20), (512UL << 20), RW, ANON | MAP_FIXED),
	       B - (2048UL << 20));
	EXPECT(vm_committed_pages, 2 * totalram_pages() + (512UL << 20) / PG);
	STATE();
}

static void test_stack(void)
{
	struct vm_area_struct *stack;

	reset();
	stack = vma_lookup(mm, STACK_TOP - PG);
	EXPECT(stack->vm_start, STACK_LO);
	EXPECT(stack->vm_flags,
	       VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_GROWSDOWN);
	EXPECT(mm->stack_vm, 32);
	EXPECT(mm->mmap_base, 0xb7000000UL);
	EXPECT(mm->start_stack, STACK_TOP);
	EXPECT(vm_committed_pages, 0);
	EXPECT(touch(STACK_LO - 5 * PG + 7, true, 1), 0);
	EXPECT(stack->vm_start, STACK_LO - 5 * PG);
	EXPECT(mm->stack_vm, 37);
	EXPECT(mm->total_vm, 37);
	EXPECT(expand_stack(stack, STACK_LO), 0);
	EXPECT(stack->vm_start, STACK_LO - 5 * PG);
	EXPECT(expand_stack(stack, STACK_TOP - STACK_RLIMIT), 0);
	EXPECT(expand_stack(stack, STACK_TOP - STACK_RLIMIT - 1), -ENOMEM);
	EXPECT(touch(STACK_TOP - STACK_RLIMIT - PG, false, 0), 1);
	EXPECT(mm->stack_vm, STACK_RLIMIT / PG);
	EXPECT(vm_committed_pages, 0); /* the main stack is not accounted */
	/* the guard gap: not within 1 MiB of an accessible VMA below */
	EXPECT(sys_munmap(STACK_TOP - STACK_RLIMIT, STACK_RLIMIT - 16 * PG), 0);
	stack = vma_lookup(mm, STACK_TOP - PG);
	EXPECT(do_mmap(STACK_TOP - 16 * PG - STACK_GUARD_GAP - 4 * PG, 4 * PG, RW,
		       ANON | MAP_FIXED),
	       STACK_TOP - 16 * PG - STACK_GUARD_GAP - 4 * PG);
	EXPECT(touch(STACK_TOP - 17 * PG, true, 2), 1);
	EXPECT(expand_stack(stack, STACK_TOP - 17 * PG), -ENOMEM);
	EXPECT(sys_mprotect(STACK_TOP - 16 * PG - STACK_GUARD_GAP - 4 * PG, 4 * PG, PROT_NONE), 0);
	EXPECT(touch(STACK_TOP - 17 * PG, true, 2), 0); /* PROT_NONE below: no guard gap */
	EXPECT(expand_stack(stack, STACK_TOP - 16 * PG - STACK_GUARD_GAP - 5 * PG), -ENOMEM);
	EXPECT(expand_stack(stack, STACK_TOP - 16 * PG - STACK_GUARD_GAP), 0);
	EXPECT(vstart(STACK_TOP - PG), STACK_TOP - 16 * PG - STACK_GUARD_GAP);
	/* a growsdown neighbour with the same attributes: reached, but not merged (Linux's
	 * expand_downwards never merges) */
	reset();
	EXPECT(do_mmap(STACK_LO - 8 * PG, 2 * PG, RW,
		       ANON | MAP_FIXED | MAP_GROWSDOWN | MAP_NORESERVE),
	       STACK_LO - 8 * PG);
	stack = vma_lookup(mm, STACK_TOP - PG);
	stack->vm_flags |= VM_NORESERVE; /* make the stack's flags match the neighbour's */
	EXPECT(expand_stack(stack, STACK_LO - 6 * PG), 0);
	EXPECT(stack->vm_start, STACK_LO - 6 * PG);
	EXPECT(mm->map_count, 2);
	EXPECT(mm->stack_vm, 40);
	stack->vm_flags &= ~VM_NORESERVE;
	/* not growsdown; below mmap_min_addr; accounted growsdown mappings commit */
	EXPECT(do_mmap(B, PG, RW, ANON | MAP_FIXED), B);
	EXPECT(expand_stack(vma_lookup(mm, B), B - PG), -ENOMEM);
	EXPECT(do_mmap(MMAP_MIN_ADDR + PG, PG, RW, ANON | MAP_FIXED | MAP_GROWSDOWN),
	       MMAP_MIN_ADDR + PG);
	EXPECT(touch(MMAP_MIN_ADDR - PG, true, 3), 1);
	EXPECT(touch(MMAP_MIN_ADDR, true, 3), 0);
	EXPECT(vm_committed_pages, 1 + 2);
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	EXPECT(do_mmap(B + 2 * PG + STACK_GUARD_GAP, PG, RW, ANON | MAP_FIXED | MAP_GROWSDOWN),
	       B + 2 * PG + STACK_GUARD_GAP);
	EXPECT(do_mmap(B - (vm_commit_limit() - 4) * PG, (vm_commit_limit() - 4) * PG, RW,
		       ANON | MAP_FIXED),
	       B - (vm_commit_limit() - 4) * PG);
	EXPECT(touch(B + PG + STACK_GUARD_GAP, true, 4), 1);
	EXPECT(sys_munmap(B - PG, PG), 0);
	EXPECT(touch(B + PG + STACK_GUARD_GAP, true, 4), 0);
	STATE();
}

/* Linux 6.1's merge decisions beyond flags and pgoff (docs/vm-user.md, "Merging"). */
static void test_merge(void)
{
	reset();
	/* written apart: the gap refilled by mmap joins the upper only (mmap_region: next first) */
	EXPECT(do_mmap(B, PG, RW, ANON | MAP_FIXED), B);
	EXPECT(do_mmap(B + 2 * PG, PG, RW, ANON | MAP_FIXED), B + 2 * PG);
	EXPECT(touch(B, true, 1) + touch(B + 2 * PG, true, 2), 0);
	EXPECT(vma_lookup(mm, B)->anon_vma != vma_lookup(mm, B + 2 * PG)->anon_vma, 1);
	EXPECT(do_mmap(B + PG, PG, RW, ANON | MAP_FIXED), B + PG);
	EXPECT(vend(B) == B + PG && vstart(B + PG) == B + PG && vend(B + PG) == B + 3 * PG, 1);
	EXPECT(sys_mremap(B, 2 * PG, 3 * PG, 0, 0), -EFAULT);
	/* the same protection over both does not merge them either */
	EXPECT(sys_mprotect(B, 3 * PG, PROT_READ), 0);
	EXPECT(mm->map_count, 1 + 2);
	STATE();

	/* a written part made equal to a never-written neighbour stays apart; the reverse joins */
	reset();
	EXPECT(do_mmap(B, 2 * PG, RW, ANON | MAP_FIXED), B);
	EXPECT(sys_mprotect(B + PG, PG, PROT_READ), 0);
	EXPECT(touch(B, true, 3), 0);
	EXPECT(sys_mprotect(B, PG, PROT_READ), 0);
	EXPECT(mm->map_count, 1 + 2);
	EXPECT(sys_mprotect(B, 2 * PG, RW), 0);
	EXPECT(mm->map_count, 1 + 1);
	EXPECT(vma_lookup(mm, B + PG)->anon_vma != 0, 1); /* the merged VMA keeps it */
	STATE();

	/* the first write reuses a neighbour's anon_vma when they differ in protection only */
	reset();
	EXPECT(do_mmap(B, 2 * PG, RW, ANON | MAP_FIXED), B);
	EXPECT(sys_mprotect(B + PG, PG, RW | PROT_EXEC), 0);
	EXPECT(touch(B, true, 4) + touch(B + PG, true, 5), 0);
	EXPECT(vma_lookup(mm, B)->anon_vma, vma_lookup(mm, B + PG)->anon_vma);
	EXPECT(sys_mprotect(B + PG, PG, RW), 0);
	EXPECT(mm->map_count, 1 + 1);
	STATE();

	/* mremap: never written takes its new address's pgoff and merges; written keeps its own */
	reset();
	EXPECT(do_mmap(B, PG, RW, ANON | MAP_FIXED), B);
	EXPECT(do_mmap(B + 8 * PG, 2 * PG, RW, ANON | MAP_FIXED), B + 8 * PG);
	EXPECT(sys_mremap(B + 8 * PG, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, B + PG), B + PG);
	EXPECT(vend(B), B + 2 * PG);
	EXPECT(touch(B + 9 * PG, true, 6), 0);
	EXPECT(sys_mremap(B + 9 * PG, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, B + 2 * PG),
	       B + 2 * PG);
	EXPECT(vend(B) == B + 2 * PG &&
		       vma_lookup(mm, B + 2 * PG)->vm_pgoff == (B >> PAGE_SHIFT) + 9,
	       1);
	STATE();

	/* two shared objects whose pgoffs continue each other stay apart */
	reset();
	EXPECT(do_mmap(B + PG, 2 * PG, RW, SHANON | MAP_FIXED), B + PG);
	EXPECT(sys_munmap(B + PG, PG), 0);
	EXPECT(do_mmap(B + PG, PG, RW, SHANON | MAP_FIXED), B + PG);
	EXPECT(mm->map_count, 1 + 2);
	EXPECT(sys_mprotect(B + 2 * PG, PG, PROT_READ), 0);
	EXPECT(sys_mprotect(B + 2 * PG, PG, RW), 0);
	EXPECT(mm->map_count, 1 + 2);
	STATE();
}

static void test_lookup(void)
{
	struct vm_area_struct *v, *prev;

	reset();
	EXPECT(do_mmap(B, 2 * PG, RW, ANON | MAP_FIXED), B);
	EXPECT(do_mmap(B + 4 * PG, 2 * PG, RW, ANON | MAP_FIXED), B + 4 * PG);
	v = find_vma(mm, B + 2 * PG);
	EXPECT(v->vm_start, B + 4 * PG);
	EXPECT(mm->mmap_cache, v);
	EXPECT(find_vma(mm, B + 5 * PG), v); /* from the cache */
	EXPECT(find_vma(mm, STACK_TOP), NULL);
	EXPECT(find_vma(mm, 0)->vm_start, B);
	v = find_vma_prev(mm, B + 3 * PG, &prev);
	EXPECT(v->vm_start == B + 4 * PG && prev->vm_start == B, 1);
	v = find_vma_prev(mm, B, &prev);
	EXPECT(v->vm_start == B && prev == NULL, 1);
	v = find_vma_prev(mm, STACK_TOP, &prev);
	EXPECT(v == NULL && prev->vm_start == STACK_LO, 1);
	EXPECT(find_vma_intersection(mm, B + 2 * PG, B + 4 * PG), NULL);
	EXPECT(find_vma_intersection(mm, B + 2 * PG, B + 4 * PG + 1)->vm_start, B + 4 * PG);
	/* the cache never keeps a freed VMA */
	EXPECT(find_vma(mm, B)->vm_start, B);
	EXPECT(sys_munmap(B, 2 * PG), 0);
	EXPECT(mm->mmap_cache == NULL || vma_in_tree(mm->mmap_cache), 1);
	EXPECT(find_vma(mm, B)->vm_start, B + 4 * PG);
	EXPECT(do_mmap(B + 2 * PG, 2 * PG, RW, ANON | MAP_FIXED), B + 2 * PG); /* merges */
	EXPECT(vma_in_tree(mm->mmap_cache), 1);
	EXPECT(find_vma(mm, B + 5 * PG)->vm_start, B + 2 * PG);
	STATE();
}

static void table_tests(void)
{
	test_mmap_args();
	test_mmap_placement();
	test_mmap_flags();
	test_map_count();
	test_munmap();
	test_mprotect();
	test_mremap();
	test_madvise();
	test_mlock();
	test_mincore_msync();
	test_brk();
	test_overcommit();
	test_stack();
	test_merge();
	test_lookup();
	printf("table tests: %lu passed, %lu failed\n", passed, failed);
}

/* ---- part 2: the random run ----------------------------------------------------------------- */

enum {
	OP_MMAP,
	OP_MUNMAP,
	OP_MPROTECT,
	OP_MREMAP,
	OP_MADVISE,
	OP_MLOCK,
	OP_MUNLOCK,
	OP_MLOCKALL,
	OP_BRK,
	OP_TOUCH,
	OP_MINCORE,
	OP_MSYNC,
	OP_CLEANUP,
	OP_NR
};
static const char *const op_names[OP_NR] = {
	"mmap",	    "munmap", "mprotect", "mremap",  "madvise", "mlock",   "munlock",
	"mlockall", "brk",    "touch",	  "mincore", "msync",	"cleanup",
};

struct op_rec {
	unsigned long step;
	int kind;
	unsigned long a[6];
	long want, got;
};
static struct op_rec ring[12];
static unsigned long op_counts[OP_NR], op_fail_counts[OP_NR], op_errno[OP_NR][160];
static unsigned long zone_lo, zone_hi; /* where most of the random addresses fall */
static unsigned char vec_model[MNP];

static void dump_ops(unsigned long step)
{
	printf("last operations (seed replays them):\n");
	for (unsigned long i = step >= 11 ? step - 11 : 0; i <= step; i++) {
		const struct op_rec *r = &ring[i % 12];

		if (r->step != i)
			continue;
		printf("  #%lu %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) = %ld, model %ld\n", r->step,
		       op_names[r->kind], r->a[0], r->a[1], r->a[2], r->a[3], r->a[4], r->a[5],
		       r->got, r->want);
	}
}

static unsigned long rnd_zone_page(void)
{
	return zone_lo + rndn((zone_hi - zone_lo) >> PAGE_SHIFT) * PG;
}

/* The start or end of a VMA near a random place of the zone, give or take a page or two. */
static unsigned long rnd_boundary(void)
{
	struct mv v;
	unsigned long a;

	if (!mv_find(rnd_zone_page() >> PAGE_SHIFT, &v))
		return rnd_zone_page();
	a = (rnd() & 1 ? v.s : v.e) << PAGE_SHIFT;
	return a + (rndn(5) - 2) * PG;
}

/* A range inside one VMA (most calls should find something to work on). */
static bool rnd_inside(unsigned long *start, unsigned long *len)
{
	struct mv v;
	unsigned long n, o;

	if (!mv_find(rnd_zone_page() >> PAGE_SHIFT, &v))
		return false;
	n = v.e - v.s;
	o = rndn(3) ? 0 : rndn(n);
	*start = (v.s + o) << PAGE_SHIFT;
	*len = (rndn(3) ? n - o : 1 + rndn(n - o)) << PAGE_SHIFT;
	if (rndn(8) == 0)
		*len += (1 + rndn(4)) << PAGE_SHIFT; /* and a bit beyond */
	return true;
}

static unsigned long rnd_addr(void)
{
	unsigned long r = rndn(100), s;

	if (r < 50)
		return rnd_zone_page();
	if (r < 75)
		return rnd_boundary();
	if (r < 83) {
		s = mm->start_stack - (128UL << 10);
		return s - rndn(2400) * PG;
	}
	if (r < 88)
		return (m_brk & PAGE_MASK) + (rndn(9) - 4) * PG;
	if (r < 91)
		return rndn(40) * PG;
	if (r < 94)
		return TASK_SIZE + (rndn(7) - 4) * PG;
	if (r < 97)
		return rnd_zone_page() + 1 + rndn(PG - 1);
	return rnd() & ~0xfffUL;
}

static unsigned long rnd_len(void)
{
	unsigned long r = rndn(100);

	if (r < 50)
		return (1 + rndn(8)) * PG;
	if (r < 75)
		return (1 + rndn(64)) * PG;
	if (r < 82)
		return (1 + rndn(512)) * PG;
	if (r < 89)
		return 1 + rndn(8 * PG);
	if (r < 93)
		return 0;
	if (r < 96) {
		static const unsigned long huge[] = {ULONG_MAX,	     ULONG_MAX - PG, TASK_SIZE,
						     TASK_SIZE - PG, TASK_SIZE + PG, 1UL << 31,
						     ULONG_MAX - 100};
		return huge[rndn(sizeof(huge) / sizeof(huge[0]))];
	}
	if (r < 98)
		return (totalram_pages() - 2 + rndn(4)) * PG;
	return (vm_commit_limit() / 2 + rndn(64)) * PG;
}

static unsigned long rnd_prot(void)
{
	static const unsigned long prots[] = {PROT_READ,
					      RW_PROT,
					      RW_PROT,
					      RW_PROT,
					      PROT_READ | PROT_WRITE | PROT_EXEC,
					      PROT_NONE,
					      PROT_WRITE,
					      PROT_EXEC,
					      PROT_READ | PROT_EXEC};
	unsigned long r = rndn(100), p = prots[rndn(sizeof(prots) / sizeof(prots[0]))];

	if (r < 85)
		return p;
	if (r < 90)
		return p | PROT_SEM;
	if (r < 94)
		return p | PROT_GROWSDOWN;
	if (r < 96)
		return p | PROT_GROWSUP;
	if (r < 97)
		return p | PROT_GROWSUP | PROT_GROWSDOWN;
	return rnd() & 0xffffffffUL;
}

static unsigned long rnd_mmap_flags(void)
{
	unsigned long r = rndn(100), f;

	f = r < 85 ? MAP_PRIVATE : r < 95 ? MAP_SHARED : (unsigned long[]){0, 3, 0xf, 6}[rndn(4)];
	if (rndn(100) < 95)
		f |= MAP_ANONYMOUS;
	if (rndn(100) < 25)
		f |= MAP_FIXED;
	if (rndn(100) < 8)
		f |= MAP_FIXED_NOREPLACE;
	if (rndn(100) < 15)
		f |= MAP_NORESERVE;
	if (rndn(100) < 10)
		f |= MAP_POPULATE;
	if (rndn(100) < 3)
		f |= MAP_NONBLOCK;
	if (rndn(100) < 8)
		f |= MAP_GROWSDOWN;
	if (rndn(100) < 4)
		f |= MAP_LOCKED;
	if (rndn(100) < 5)
		f |= MAP_STACK;
	if (rndn(100) < 1)
		f |= MAP_HUGETLB;
	if (rndn(100) < 2)
		f |= 0x400000 | MAP_DENYWRITE;
	return f;
}

static int rnd_advice(void)
{
	static const int good[] = {
		MADV_NORMAL,	    MADV_RANDOM,	 MADV_SEQUENTIAL,     MADV_WILLNEED,
		MADV_DONTNEED,	    MADV_DONTNEED,	 MADV_FREE,	      MADV_REMOVE,
		MADV_DONTFORK,	    MADV_DOFORK,	 MADV_DONTDUMP,	      MADV_DODUMP,
		MADV_WIPEONFORK,    MADV_KEEPONFORK,	 MADV_COLD,	      MADV_PAGEOUT,
		MADV_POPULATE_READ, MADV_POPULATE_WRITE, MADV_DONTNEED_LOCKED};

	if (rndn(100) < 88)
		return good[rndn(sizeof(good) / sizeof(good[0]))];
	return (int)rndn(36) - 3 + (rndn(4) == 0 ? 97 : 0);
}

/* One random call on both sides; false when they disagree. */
static bool random_step(unsigned long step)
{
	struct op_rec *r = &ring[step % 12];
	unsigned long *a = r->a;
	unsigned long nvalid = 0;
	long want = 0, got = 0;
	int k, pick = (int)rndn(1000);

	memset(r, 0, sizeof(*r));
	r->step = step;
	if (m_total > 60000)
		k = OP_CLEANUP;
	else if (pick < 230)
		k = OP_MMAP;
	else if (pick < 360)
		k = OP_MUNMAP;
	else if (pick < 470)
		k = OP_MPROTECT;
	else if (pick < 570)
		k = OP_MREMAP;
	else if (pick < 650)
		k = OP_MADVISE;
	else if (pick < 690)
		k = OP_MLOCK;
	else if (pick < 730)
		k = OP_MUNLOCK;
	else if (pick < 732)
		k = OP_MLOCKALL;
	else if (pick < 780)
		k = OP_BRK;
	else if (pick < 940)
		k = OP_TOUCH;
	else if (pick < 960)
		k = OP_MINCORE;
	else if (pick < 985)
		k = OP_MSYNC;
	else
		k = OP_CLEANUP;
	r->kind = k;
	op_counts[k]++;

	switch (k) {
	case OP_MMAP:
		a[1] = rnd_len();
		a[0] = rndn(100) < 35 ? 0 : rnd_addr();
		a[2] = rnd_prot();
		a[3] = rnd_mmap_flags();
		a[4] = (a[3] & MAP_ANONYMOUS) ? (unsigned long)-1
					      : (unsigned long[]){3, 4, 5, 6, 7}[rndn(5)];
		a[5] = rndn(100) < 90 ? 0 : rndn(4) ? rnd() & 0xfffff : ULONG_MAX - rndn(4);
		want = m_mmap(a[0], a[1], a[2], a[3], a[4], a[5]);
		got = sys_mmap_pgoff(a[0], a[1], a[2], a[3], a[4], a[5]);
		break;
	case OP_MUNMAP:
		a[0] = rnd_addr();
		a[1] = rnd_len();
		want = m_vm_munmap(a[0], a[1]);
		got = sys_munmap(a[0], a[1]);
		break;
	case OP_MPROTECT:
		a[0] = rndn(100) < 60 ? rnd_boundary() : rnd_addr();
		a[1] = rnd_len();
		if (rndn(2))
			rnd_inside(&a[0], &a[1]);
		a[2] = rnd_prot();
		want = m_mprotect(a[0], a[1], a[2]);
		got = sys_mprotect(a[0], a[1], a[2]);
		break;
	case OP_MREMAP: {
		struct mv v;
		unsigned long f = rndn(100);

		a[0] = rnd_addr();
		if (rndn(100) < 60 && mv_find(rnd_zone_page() >> PAGE_SHIFT, &v)) {
			a[0] = (v.s + rndn(v.e - v.s)) << PAGE_SHIFT;
			a[1] = rndn(3) ? (v.e << PAGE_SHIFT) - a[0] : rnd_len();
		} else {
			a[1] = rnd_len();
		}
		if (rndn(20) == 0)
			a[1] = 0;
		a[2] = rndn(3) ? a[1] + (rndn(9) - 4) * PG : rnd_len();
		a[3] = f < 20	? 0
		       : f < 55 ? MREMAP_MAYMOVE
		       : f < 75 ? MREMAP_MAYMOVE | MREMAP_FIXED
		       : f < 88 ? MREMAP_MAYMOVE | MREMAP_DONTUNMAP
		       : f < 93 ? MREMAP_MAYMOVE | MREMAP_DONTUNMAP | MREMAP_FIXED
				: rndn(16);
		if ((a[3] & MREMAP_DONTUNMAP) && rndn(10))
			a[2] = a[1];
		a[4] = rndn(100) < 20 ? 0 : rnd_addr();
		if (rndn(100) < 2)
			fake_fail_move = 1;
		if (rndn(100) < 2)
			fake_fail_dup = 1;
		want = m_mremap(a[0], a[1], a[2], a[3], a[4]);
		got = sys_mremap(a[0], a[1], a[2], a[3], a[4]);
		fake_fail_move = fake_fail_dup = 0;
		break;
	}
	case OP_MADVISE:
		a[0] = rndn(100) < 50 ? rnd_boundary() : rnd_addr();
		a[1] = rnd_len();
		if (rndn(2))
			rnd_inside(&a[0], &a[1]);
		a[2] = (unsigned long)(long)rnd_advice();
		want = m_madvise(a[0], a[1], (int)a[2]);
		got = sys_madvise(a[0], a[1], (int)a[2]);
		break;
	case OP_MLOCK:
	case OP_MUNLOCK:
		a[0] = rnd_addr();
		a[1] = rnd_len();
		if (rndn(2))
			rnd_inside(&a[0], &a[1]);
		if (rndn(4) == 0)
			a[0] += rndn(PG);
		want = k == OP_MLOCK ? m_mlock(a[0], a[1]) : m_munlock(a[0], a[1]);
		got = k == OP_MLOCK ? sys_mlock(a[0], a[1]) : sys_munlock(a[0], a[1]);
		break;
	case OP_MLOCKALL:
		a[0] = rndn(3) ? (unsigned long)-1 : rndn(9);
		want = m_mlockall((int)(long)a[0]);
		got = (long)a[0] == -1 ? sys_munlockall() : sys_mlockall((int)a[0]);
		break;
	case OP_BRK: {
		unsigned long r = rndn(100);

		a[0] = r < 70	? m_brk + (rndn(49) - 24) * PG + (rndn(3) ? 0 : rndn(PG))
		       : r < 80 ? mm->start_brk + rndn(1024) * PG
		       : r < 84 ? 0
		       : r < 88 ? mm->start_brk - PG
		       : r < 92 ? BRK_LIMIT + rndn(2) * PG
		       : r < 96 ? m_brk + rndn(1024) * PG
				: mm->start_brk + rndn(4) * PG;
		want = m_sys_brk(a[0]);
		got = sys_brk(a[0]);
		break;
	}
	case OP_TOUCH: {
		uint32_t tag = next_tag++;

		a[0] = rndn(100) < 70 ? rnd_boundary() + rndn(8) * PG : rnd_addr();
		a[1] = rndn(2);
		a[2] = tag;
		want = m_touch(a[0], a[1], tag);
		got = touch(a[0], a[1], tag);
		break;
	}
	case OP_MINCORE: {
		/* vectors outside the buffer are never in writable memory: EFAULT */
		static const unsigned long odd[] = {
			0, PG, MMAP_MIN_ADDR - 8, TASK_SIZE, TASK_SIZE + PG, ULONG_MAX - 8};

		/* often the vector's pages are mapped again (an mmap the model follows) */
		if (rndn(2) == 0 &&
		    m_mmap(fake_vec_base, 2 * PG, RW_PROT, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			   (unsigned long)-1,
			   0) != sys_mmap_pgoff(fake_vec_base, 2 * PG, RW_PROT,
						MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
						(unsigned long)-1, 0)) {
			CHECK(false, "mapping mincore's vector at step %lu", step);
			return false;
		}
		a[0] = rndn(100) < 50 ? rnd_boundary() : rnd_addr();
		a[1] = rndn(10) ? rndn(300) * PG + rndn(2) : rnd_len();
		/* the vector: an application address, mostly the page kept mapped for it */
		a[2] = rndn(10) ? fake_vec_base + rndn(PG) : odd[rndn(6)];
		memset(vec_model, 0, sizeof(vec_model));
		want = m_mincore(a[0], a[1], a[2], vec_model, &nvalid);
		got = sys_mincore(a[0], a[1], (unsigned char *)a[2]);
		if (nvalid &&
		    (a[2] < fake_vec_base || a[2] + nvalid > fake_vec_base + FAKE_VEC_SIZE)) {
			CHECK(false, "mincore vector outside the buffer at step %lu", step);
			dump_ops(step);
			return false;
		}
		if (want == got && nvalid &&
		    memcmp(vec_model, fake_vec_shadow + (a[2] - fake_vec_base), nvalid)) {
			CHECK(false, "mincore vector differs at step %lu", step);
			dump_ops(step);
			return false;
		}
		break;
	}
	case OP_MSYNC:
		a[0] = rnd_addr();
		a[1] = rnd_len();
		if (rndn(2))
			rnd_inside(&a[0], &a[1]);
		a[2] = rndn(10) ? rndn(8) : rnd() & 0xff;
		want = m_msync(a[0], a[1], (int)a[2]);
		got = sys_msync(a[0], a[1], (int)a[2]);
		break;
	case OP_CLEANUP:
		a[0] = rndn(4) ? zone_lo - (256UL << 20) + rndn(16) * PG : MMAP_MIN_ADDR;
		a[1] = (zone_hi - a[0]) - rndn(512) * PG;
		want = m_vm_munmap(a[0], a[1]);
		got = sys_munmap(a[0], a[1]);
		break;
	}
	r->want = want;
	r->got = got;
	if (want < 0 && want > -4096) {
		op_fail_counts[k]++;
		if (-want < 160)
			op_errno[k][-want]++;
	}
	CHECK(want == got, "step %lu: %s returned %ld (%#lx), the model says %ld (%#lx)", step,
	      op_names[k], got, (unsigned long)got, want, (unsigned long)want);
	if (want != got) {
		dump_ops(step);
		return false;
	}
	return true;
}

static const char *strerrorname(int e)
{
	switch (e) {
	case EPERM:
		return "EPERM";
	case EBADF:
		return "EBADF";
	case EAGAIN:
		return "EAGAIN";
	case ENOMEM:
		return "ENOMEM";
	case EACCES:
		return "EACCES";
	case EFAULT:
		return "EFAULT";
	case EBUSY:
		return "EBUSY";
	case EEXIST:
		return "EEXIST";
	case ENODEV:
		return "ENODEV";
	case EINVAL:
		return "EINVAL";
	case EOVERFLOW:
		return "EOVERFLOW";
	case EOPNOTSUPP:
		return "EOPNOTSUPP";
	default:
		return "E?";
	}
}

static void random_run(unsigned long nops)
{
	unsigned long i, limit_phase_lo = nops * 6 / 10, limit_phase_hi = nops * 7 / 10;
	char when[64];

	reset();
	zone_lo = mm->mmap_base - (24UL << 20);
	zone_hi = mm->mmap_base + (8UL << 20);
	for (i = 0; i < nops; i++) {
		if (i % 100000 == 0) {
			sysctl_overcommit_memory = (int)((i / 100000) % 3);
			sysctl_overcommit_ratio = (i / 100000) % 2 ? 50 : 20;
		}
		if (i >= limit_phase_lo && i < limit_phase_hi)
			sysctl_max_map_count = (int)(24 + ((i / 10000) % 3) * 12);
		else
			sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
		if (!random_step(i))
			break;
		if (i < 20000 || i % 1000 == 0) {
			snprintf(when, sizeof(when), "after step %lu (%s)", i,
				 op_names[ring[i % 12].kind]);
			if (!state_check(when, true)) {
				dump_ops(i);
				break;
			}
		}
	}
	snprintf(when, sizeof(when), "after %lu random steps", i);
	state_check(when, true);
	printf("random run: %lu steps, %lu state checks, %ld VMAs at the end\n", i, checks_done,
	       m_count);
	for (int k = 0; k < OP_NR; k++) {
		printf("  %-9s %8lu calls, %7lu failing:", op_names[k], op_counts[k],
		       op_fail_counts[k]);
		for (int e = 1; e < 160; e++)
			if (op_errno[k][e])
				printf(" %s %lu", strerrorname(e), op_errno[k][e]);
		printf("\n");
	}
	CHECK(i == nops, "the random run stopped at step %lu", i);
}

int main(int argc, char **argv)
{
	unsigned long nops = 1000000;

	if (argc > 1)
		rng_state = strtoull(argv[1], NULL, 0) | 1;
	if (argc > 2)
		nops = strtoul(argv[2], NULL, 0);
	printf("test_vma: seed %#llx, %lu operations\n", (unsigned long long)rng_state, nops);

	fake_ram_init(RAM_BYTES);
	fake_printk_quiet = true;
	fake_memory_init();
	mmap_file_check = test_fd_check;
	m_flags = calloc(MNP, sizeof(*m_flags));
	m_pgoff = calloc(MNP, sizeof(*m_pgoff));
	m_anon = calloc(MNP, sizeof(*m_anon));
	m_cut = calloc(MNP, 1);
	m_tag = calloc(MNP, sizeof(*m_tag));
	m_present = calloc(MNP, 1);
	m_bits = calloc(NW, sizeof(*m_bits));
	if (!m_flags || !m_pgoff || !m_tag || !m_present || !m_bits)
		return 2;
	mm_init_layout(mm);
	fake_vec_base = mm->mmap_base - (16UL << 20);

	table_tests();
	random_run(nops);

	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
