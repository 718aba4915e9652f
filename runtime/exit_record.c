/*
 * The exit record: one line that tells uniarm-run how the machine ended and what the run cost,
 * written on the semihosting console (QEMU's stderr, apart from the application's output on
 * the serial console) when the boot arguments ask for it (uniarm.exit_record=1, which
 * uniarm-run always passes). Without the record uniarm-run knows the run did not end through
 * the runtime (QEMU killed, Ctrl-A x) and says so. Format and meaning: docs/uniarm-run.md.
 */
#include "runtime/exit.h"
#include "runtime/params.h"
#include "runtime/time.h"
#include "runtime/vsprintf.h"
#include "platform/arch_timer.h"
#include "platform/semihosting.h"
#include "vm/gfp.h"
#include "vm/mm_user.h"

#define PAGE_KB (PAGE_SIZE / 1024)

static const char *const reason_names[] = {
	[EXIT_REASON_EXIT] = "exit",
	[EXIT_REASON_SIGNAL] = "signal",
	[EXIT_REASON_OOPS] = "oops",
	[EXIT_REASON_OOM] = "oom",
};

void exit_record_write(enum exit_reason reason, int status)
{
	char line[512];
	/* Guest instructions, exact under -icount shift=0,sleep=off up to the counter's tick
	 * (16 ns at 62.5 MHz): the clock's nanoseconds less those it jumped while idle. */
	uint64_t insns = counter_to_ns(arch_counter_read() - arch_timer_idle_ticks);
	struct mm_struct *mm = current_mm;

	update_hiwater_rss(mm);
	scnprintf(line, sizeof(line),
		  "uniarm-exit-record reason=%s status=%d insns=%llu pf_minor=%lu pf_major=%lu "
		  "pf_zero_page=%lu pf_zero_fill=%lu pf_cow=%lu pf_reuse=%lu pf_stack_growth=%lu "
		  "pf_access_flag=%lu pf_dirty=%lu rss_peak_kb=%lu runtime_peak_kb=%lu\n",
		  reason_names[reason], status, (unsigned long long)insns, mm->min_flt, mm->maj_flt,
		  vm_events.zero_page_maps, vm_events.zero_fill, vm_events.cow, vm_events.reuse,
		  vm_events.stack_growth, vm_events.access_flag, vm_events.dirty,
		  mm->hiwater_rss * PAGE_KB, page_counts.runtime_peak * PAGE_KB);
	semihosting_write0(line);
}
