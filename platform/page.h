/*
 * Whole-page clear and copy (platform/clear_page.S), for the page-fault paths: a fresh page
 * for an anonymous write fault is cleared, a copy-on-write fault copies the shared page.
 */
#ifndef UNIARM_PLATFORM_PAGE_H
#define UNIARM_PLATFORM_PAGE_H

/* Zero the 4 KiB page at page (a page-aligned linear-map address). */
void clear_page(void *page);
/* Copy the 4 KiB page at from to the 4 KiB page at to (both page aligned, not overlapping). */
void copy_page(void *to, const void *from);

#endif
