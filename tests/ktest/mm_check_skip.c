/*
 * The mm tests' harness against their pass pattern (tests/qemu/mm/CMakeLists.txt): one case
 * passes and one is skipped, so "1 passed, 0 failed, 1 skipped" must not pass as
 * mm_all_passed (mm_check_unexpected_skip, WILL_FAIL) and passes only when the skip is
 * expected by count (mm_check_expected_skip). Not a test of the runtime: it lives here
 * because tests/qemu/mm holds the memory system calls' own tests.
 */
#include "../qemu/mm/mm_check.h"

int main(void)
{
	t_ok("harness_runs");
	t_skip("harness_skips", "on purpose: an unexpected skip must fail the run");
	return t_finish();
}
