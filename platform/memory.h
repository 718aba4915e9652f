/*
 * The physical and virtual memory map of a uniarm image (see docs/architecture.md).
 * platform/uniarm.ld repeats PAGE_OFFSET, PHYS_OFFSET and TEXT_OFFSET; start_kernel() checks
 * that the two agree.
 */
#ifndef UNIARM_PLATFORM_MEMORY_H
#define UNIARM_PLATFORM_MEMORY_H

#include "platform/const.h"

#define PAGE_SHIFT    12
#define PAGE_SIZE     (_UL(1) << PAGE_SHIFT)
#define PAGE_MASK     (~(PAGE_SIZE - 1))
#define SECTION_SHIFT 20
#define SECTION_SIZE  (_UL(1) << SECTION_SHIFT)

#define PAGE_OFFSET   _UL(0xC0000000) /* virtual base of the linear map of RAM */
#define PHYS_OFFSET   _UL(0x40000000) /* physical base of RAM on QEMU virt */
#define TEXT_OFFSET   _UL(0x00200000) /* image offset from the start of RAM */
#define TASK_SIZE     _UL(0xBF000000) /* top of the application's regions */
#define MMAP_MIN_ADDR _UL(0x00010000)
/* The heap of an image without a program (ktests); exec puts an application's after its bss. */
#define BRK_BASE  _UL(0x01000000)
#define BRK_LIMIT _UL(0x80000000) /* and may grow up to here */

/* Largest RAM the linear map can hold: it must leave room for the vmalloc area. */
#define LOWMEM_LIMIT _UL(0x30000000) /* 768 MiB */

/* Early device window: 1 MiB sections for platform devices before the vmalloc area exists. */
#define EARLY_IO_BASE _UL(0xFF800000)
#define EARLY_IO_END  _UL(0xFFF00000)

#ifndef __ASSEMBLER__
#include <stdint.h>
typedef uint32_t phys_addr_t;

/* Host unit tests put their fake RAM anywhere: the linear map starts where they say. */
#ifdef UNIARM_HOST_TEST
extern uintptr_t host_linear_base;
#define LINEAR_BASE host_linear_base
#else
#define LINEAR_BASE PAGE_OFFSET
#endif

#define __pa(x) ((phys_addr_t)((uintptr_t)(x)-LINEAR_BASE + PHYS_OFFSET))
#define __va(x) ((void *)((uintptr_t)(x)-PHYS_OFFSET + LINEAR_BASE))

#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

/* Symbols from the linker script. */
extern char _text[], _etext[], __start_rodata[], __end_rodata[], _sdata[], _edata[];
extern char __bss_start[], __bss_stop[], _end[];
extern char __init_stack_guard[], __init_stack[], __init_stack_top[];
extern char __exc_stack_guard[], __exc_stacks[], __exc_stacks_end[];
extern char __stacks_pad_start[], __stacks_pad_end[];
extern uint32_t swapper_pg_dir[4096];
#endif

#endif
