/* Generic timer: CNTVCT as the clock; CNTV_CVAL + its interrupt to wake a wfi sleeper. */
#include "platform/arch_timer.h"
#include "platform/cp15.h"
#include "platform/gic.h"
#include "runtime/hrtimer.h"

#define CNTV_CTL_ENABLE (1u << 0)
#define CNTV_CTL_IMASK	(1u << 1)

static uint32_t timer_rate;
uint64_t arch_timer_idle_ticks;

static void arch_timer_irq(unsigned int irq, void *data)
{
	(void)irq;
	(void)data;
	/* The timer condition is level: mask it until the next event is programmed. */
	write_cntv_ctl(CNTV_CTL_ENABLE | CNTV_CTL_IMASK);
	isb();
	hrtimer_interrupt();
}

void arch_timer_set_next_event(uint64_t cval)
{
	write_cntv_cval(cval);
	write_cntv_ctl(CNTV_CTL_ENABLE);
	isb();
}

void arch_timer_stop(void)
{
	write_cntv_ctl(CNTV_CTL_IMASK);
	isb();
}

#define CNTKCTL_PL0VCTEN (1u << 1)

void arch_timer_init(unsigned int virt_irq)
{
	timer_rate = read_cntfrq();
	write_cntv_ctl(CNTV_CTL_IMASK);
	/* The application may read the virtual counter (CNTVCT), as Linux lets user space read
	 * it for the vDSO's clocks; nothing else of the timer (CNTKCTL.PL0VCTEN only). */
	write_cntkctl(CNTKCTL_PL0VCTEN);
	request_irq(virt_irq, arch_timer_irq, NULL);
}

uint32_t arch_timer_rate(void)
{
	return timer_rate;
}

uint64_t arch_counter_read(void)
{
	return read_cntvct();
}

void cpu_idle_wfi(void)
{
	uint64_t t0 = read_cntvct();

	wfi();
	arch_timer_idle_ticks += read_cntvct() - t0;
}
