/*
 * start_kernel: from head.S (MMU on, .bss clear, on the SVC stack) to the application's main.
 * The order matters: the device tree first (everything else is described by it), then the
 * console (so every later failure can be reported), memory, interrupts and time, the boot
 * arguments, and last the application.
 */
#include "runtime/setup.h"
#include "runtime/printk.h"
#include "runtime/cmdline.h"
#include "runtime/params.h"
#include "runtime/sched.h"
#include "runtime/time.h"
#include "runtime/file.h"
#include "fs/fs.h"
#include "runtime/exit.h"
#include "runtime/exec.h"
#include "runtime/pid.h"
#include "runtime/fork.h"
#include "runtime/kthread.h"
#include "runtime/ktest.h"
#include "platform/power.h"
#include "vm/mmap_internal.h"
#include "vm/slab.h"
#include "vm/vmalloc.h"
#include "platform/extable.h"
#include "platform/fdt.h"
#include "platform/memory.h"
#include "platform/mmu.h"
#include "platform/io.h"
#include "platform/pl011.h"
#include "platform/gic.h"
#include "platform/arch_timer.h"
#include "platform/unwind.h"
#include "platform/semihosting.h"
#include "platform/hwcap.h"
#include "vm/prezero.h"

#include <string.h>

extern const char uniarm_app_name[];
extern long __pv_offset;
int vfp_init(void); /* platform/vfp.S */

struct boot_info boot_info;
static struct fdt fdt;
static char cmdline_buf[1024];
static struct cmdline cmdline;

/* Before the console exists, the only voice is semihosting (QEMU prints it on the host). */
__attribute__((noreturn)) static void early_fail(const char *msg)
{
	semihosting_write0("uniarm: ");
	semihosting_write0(msg);
	semihosting_write0("\n");
	do_exit_machine(EXIT_REASON_OOPS, EXIT_OOPS);
}

static void setup_fdt(phys_addr_t dtb_phys)
{
	static char err[160];
	uint32_t size;

	if (dtb_phys < PHYS_OFFSET || dtb_phys >= PHYS_OFFSET + LOWMEM_LIMIT)
		early_fail("device tree blob is outside RAM");
	early_map_lowmem(dtb_phys, 64);
	if (fdt_peek_totalsize(__va(dtb_phys), &size))
		early_fail("no device tree blob (bad magic)");
	if (size > LOWMEM_LIMIT - (dtb_phys - PHYS_OFFSET))
		early_fail("device tree blob size runs past the end of the linear map");
	early_map_lowmem(dtb_phys, size);
	if (fdt_init(&fdt, __va(dtb_phys), size, err, sizeof(err)))
		early_fail(err);
	boot_info.dtb_phys = dtb_phys;
	boot_info.dtb_size = size;
}

/* The console: /chosen stdout-path if it names a PL011, else the first PL011 in the tree. */
static void setup_console(void)
{
	int node = -1;
	uint32_t len;
	uint64_t addr, size;
	int chosen = fdt_path_offset(&fdt, "/chosen");
	const char *path = chosen >= 0 ? fdt_getprop(&fdt, chosen, "stdout-path", &len) : NULL;

	if (path && len > 0 && path[len - 1] == '\0') {
		char p[128];
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);
		if (n < sizeof(p)) {
			memcpy(p, path, n);
			p[n] = '\0';
			node = fdt_path_offset(&fdt, p);
		}
		if (node >= 0 && !fdt_node_is_compatible(&fdt, node, "arm,pl011"))
			node = -1;
	}
	if (node < 0)
		node = fdt_node_offset_by_compatible(&fdt, -1, "arm,pl011");
	if (node < 0 || !fdt_read_reg(&fdt, node, 0, &addr, &size))
		early_fail("device tree has no arm,pl011 console with a reg property");
	pl011_init(early_ioremap((phys_addr_t)addr, (size_t)size));
	boot_info.uart_node = node;
	boot_info.uart_phys = (phys_addr_t)addr;
}

static unsigned int fdt_irq_to_intid(const uint32_t cells[3])
{
	/* GIC binding: cell 0 is 0 for SPI, 1 for PPI; cell 1 the number within that range. */
	return cells[1] + (cells[0] == 1 ? 16 : 32);
}

static int fdt_irq(int node, unsigned int index, unsigned int *intid)
{
	uint32_t c[3];

	for (unsigned int i = 0; i < 3; i++)
		if (!fdt_prop_cell(&fdt, node, "interrupts", index * 3 + i, &c[i]))
			return -1;
	*intid = fdt_irq_to_intid(c);
	return 0;
}

static void setup_irq_and_time(void)
{
	uint64_t d, ds, c, cs;
	unsigned int irq;
	int gic = fdt_node_offset_by_compatible(&fdt, -1, "arm,cortex-a15-gic");
	int timer = fdt_node_offset_by_compatible(&fdt, -1, "arm,armv7-timer");
	int rtc = fdt_node_offset_by_compatible(&fdt, -1, "arm,pl031");
	int psci = fdt_path_offset(&fdt, "/psci");
	uint64_t rtc_seconds = 0;

	if (gic < 0)
		gic = fdt_node_offset_by_compatible(&fdt, -1, "arm,gic-400");
	if (gic < 0 || !fdt_read_reg(&fdt, gic, 0, &d, &ds) || !fdt_read_reg(&fdt, gic, 1, &c, &cs))
		panic("device tree has no GICv2 (arm,cortex-a15-gic) with distributor and CPU "
		      "interface registers");
	gic_init(early_ioremap((phys_addr_t)d, (size_t)ds),
		 early_ioremap((phys_addr_t)c, (size_t)cs));

	/* Timer interrupts: secure physical, non-secure physical, virtual, hypervisor. */
	if (timer < 0 || fdt_irq(timer, 2, &irq))
		panic("device tree has no arm,armv7-timer with its virtual timer interrupt");
	arch_timer_init(irq);

	if (rtc >= 0 && fdt_read_reg(&fdt, rtc, 0, &d, &ds)) {
		void __iomem *regs = ioremap((phys_addr_t)d, (size_t)ds);
		if (regs) {
			rtc_seconds = readl(regs);
			iounmap(regs);
		}
	}
	time_init(rtc_seconds);

	if (fdt_irq(boot_info.uart_node, 0, &irq) == 0)
		request_irq(irq, pl011_irq, NULL);

	if (psci >= 0) {
		uint32_t len;
		const char *method = fdt_getprop(&fdt, psci, "method", &len);
		if (method && len > 0 && method[len - 1] == '\0')
			psci_init(method);
	}
}

/* Linux's "initrd=ADDR,SIZE" has no dot, so the splitter files it under the environment; it
 * is the runtime's (the blob it names is reserved), so take it out of there. */
static const char *initrd_arg;

static void take_initrd_arg(void)
{
	int j = 0;

	for (int i = 0; i < cmdline.envc; i++) {
		if (strlen(cmdline.envp[i]) >= 7 && !memcmp(cmdline.envp[i], "initrd=", 7))
			initrd_arg = cmdline.envp[i] + 7;
		else
			cmdline.envp[j++] = cmdline.envp[i];
	}
	cmdline.envc = j;
	cmdline.envp[j] = NULL;
}

/* The console moves from its early section to an ioremap'd page, like every other device. */
static void remap_console(void)
{
	void __iomem *uart = ioremap(boot_info.uart_phys, PAGE_SIZE);

	if (!uart)
		panic("ioremap of the console failed");
	pl011_init(uart);
	early_ioremap_reset();
}

static void setup_cmdline(void)
{
	static char err[96];
	uint32_t len = 0;
	int chosen = fdt_path_offset(&fdt, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(&fdt, chosen, "bootargs", &len) : NULL;

	if (args && len > 0) {
		if (args[len - 1] != '\0' || len > sizeof(cmdline_buf))
			panic("bootargs: not a string of at most %u bytes",
			      (unsigned)sizeof(cmdline_buf) - 1);
		memcpy(cmdline_buf, args, len);
	}
	/* argv[0] is the application's name (exec copies every string onto its stack). */
	if (cmdline_parse(cmdline_buf, uniarm_app_name, &cmdline, err, sizeof(err)))
		panic("%s", err);
	/* Until here the runtime could not know whether the record was asked for, and a death
	 * before (a bad device tree) still owes uniarm-run its reason; from here it is asked. */
	runtime_exit_record = false;
	for (int i = 0; i < cmdline.nparams; i++)
		runtime_param_set(cmdline.params[i]);
	take_initrd_arg();
}

static void check_link_layout(void)
{
	if ((uintptr_t)_text != PAGE_OFFSET + TEXT_OFFSET ||
	    __pv_offset != (long)(PHYS_OFFSET - PAGE_OFFSET))
		panic("image linked at %p, loaded %#lx from it; expected %#lx and %#lx",
		      (void *)_text, (unsigned long)__pv_offset,
		      (unsigned long)(PAGE_OFFSET + TEXT_OFFSET),
		      (unsigned long)(PHYS_OFFSET - PAGE_OFFSET));
}

static int kernel_init(void *unused);

void start_kernel(phys_addr_t dtb_phys)
{
	/* current is init_task (head.S set it, before anything could report a fault). */
	setup_fdt(dtb_phys);
	setup_console();
	if (vfp_init())
		panic("no VFPv4 + NEON floating-point unit: uniarm's images are built for it");
	if (check_exception_table())
		panic("refusing to start with an unsorted exception table");
	check_link_layout();
	setup_cmdline();
	setup_memory(&fdt, initrd_arg);
	kmem_cache_init();
	vmalloc_init();
	zero_page_init();
	remap_console();
	setup_irq_and_time();

	if (runtime_verbose) {
		printk("uniarm " UNIARM_VERSION
		       ": %s, RAM %lu MiB at %#lx, image %p-%p, device tree "
		       "%#lx (%lu bytes)\n",
		       uniarm_app_name, (unsigned long)(boot_info.ram_size >> 20),
		       (unsigned long)boot_info.ram_base, (void *)_text, (void *)_end,
		       (unsigned long)boot_info.dtb_phys, (unsigned long)boot_info.dtb_size);
	}
	mm_init_layout(current_mm);
	pid_init();
	sched_init();
	/* pid 1 first: the application's first thread, which finishes the boot in kernel_init;
	 * then kthreadd (pid 2); then this context becomes the idle task (pid 0). */
	if (!create_init_process(current_mm, uniarm_app_name, kernel_init))
		panic("no memory or pid for the application's task");
	kthreadd_start();
	cpu_startup_entry();
}

/* pid 1's start, as Linux's kernel_init: the rest of the set-up, then the application (or the
 * ktest) in this task. */
static int kernel_init(void *unused)
{
	struct exec_start start;
	int vfs_err;

	(void)unused;
	mmap_file_check = file_mmap_check;
	files_init();
	/* The name space: tmpfs at "/" and at "/dev" (fs/namespace.c). */
	vfs_err = vfs_init();
	if (vfs_err)
		panic("VFS: cannot mount the root file system: error %d", vfs_err);
	pmu_user_enable();
	prezero_init();
	if (main) /* a ktest image: the test runs in the runtime (runtime/ktest.c) */
		run_ktest(cmdline.argc, cmdline.argv);
	exec_application(current_mm, &cmdline, &start);
	application_stack_top = STACK_TOP;
	start_user_thread(start.pc, start.sp, task_stack_top(current));
}
