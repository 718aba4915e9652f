# The application in USR mode (PL0, docs/pl0.md), included from tests/qemu/CMakeLists.txt.
# pl0_escape.c: one attempt per test to reach past PL0, each of which must be stopped: the
# runtime's memory (above 0xc0000000) and the application's own execute/write protections end
# it with a segmentation-fault report (139), CP15 accesses with an illegal-instruction report
# (132); `cpsid i` is a no-op and an unknown system call gives ENOSYS (exit 0). The same source
# passes on Linux: ALL=1 ../shared/peer/linux/run-c.sh tests/qemu/pl0_escape.c
# (CMake's regular expressions have no {n}: hex digits are spelt out.)
set(pl0_x "[0-9a-f]")
set(pl0_h8 "${pl0_x}${pl0_x}${pl0_x}${pl0_x}${pl0_x}${pl0_x}${pl0_x}${pl0_x}")

# The runtime's memory: its linear map, text and vmalloc area, whatever the access.
foreach(c write-runtime-data read-runtime-data read-runtime-text write-runtime-text read-vmalloc)
	if(c MATCHES "runtime-data")
		set(addr c0001000)
	elseif(c MATCHES "runtime-text")
		set(addr c0200000)
	else()
		set(addr f0000000)
	endif()
	string(REPLACE "-" "_" n ${c})
	uniarm_add_test(pl0_escape_${n} SOURCES pl0_escape.c APPEND "${c}" EXPECT_EXIT 139
		EXPECT_OUTPUT "attempt ${c}\r?\n" "segmentation fault at ${addr}: runtime memory"
			"Mode USER_32")
endforeach()
uniarm_add_test(pl0_escape_jump_runtime_text SOURCES pl0_escape.c APPEND "jump-runtime-text"
	EXPECT_EXIT 139
	EXPECT_OUTPUT "attempt jump-runtime-text\r?\n"
		"segmentation fault at c0200000: runtime memory" "instruction fetch" "Mode USER_32")

# The application's own memory: the heap and the stack are not executable, text and rodata
# not writable.
foreach(c exec-heap exec-stack)
	string(REPLACE "-" "_" n ${c})
	uniarm_add_test(pl0_escape_${n} SOURCES pl0_escape.c APPEND "${c}" EXPECT_EXIT 139
		EXPECT_OUTPUT "attempt ${c}\r?\n"
			"segmentation fault at ${pl0_h8}: permission denied \\(execute of non-executable\\)"
			"Fault status ${pl0_x}+: [^\n]*, instruction fetch" "Mode USER_32")
endforeach()
foreach(c write-own-text write-own-rodata)
	string(REPLACE "-" "_" n ${c})
	uniarm_add_test(pl0_escape_${n} SOURCES pl0_escape.c APPEND "${c}" EXPECT_EXIT 139
		EXPECT_OUTPUT "attempt ${c}\r?\n"
			"segmentation fault at ${pl0_h8}: permission denied \\(write to read-only\\)"
			"Fault status ${pl0_x}+: [^\n]*, write access" "Mode USER_32")
endforeach()

# CP15 from USR mode is undefined: SIGILL, with the pc and the instruction word (mrc/mcr
# p15 encode as 0xee......).
foreach(c read-cp15 write-cp15)
	string(REPLACE "-" "_" n ${c})
	uniarm_add_test(pl0_escape_${n} SOURCES pl0_escape.c APPEND "${c}" EXPECT_EXIT 132
		EXPECT_OUTPUT "attempt ${c}\r?\n"
			"illegal instruction at ${pl0_h8} \\(ee${pl0_x}${pl0_x}${pl0_x}${pl0_x}${pl0_x}${pl0_x}\\)"
			"Mode USER_32")
endforeach()

# No-ops and errors that leave the application running.
uniarm_add_test(pl0_escape_cpsid SOURCES pl0_escape.c APPEND "cpsid"
	EXPECT_OUTPUT "attempt cpsid\r?\ncpsid i: no effect")
uniarm_add_test(pl0_escape_enosys SOURCES pl0_escape.c APPEND "enosys"
	EXPECT_OUTPUT "attempt enosys\r?\nunknown system call: ENOSYS")

# The exec-style start: argc, argv, envp and the auxiliary vector on the stack as Linux's
# create_elf_tables lays them out, and getauxval reading them (also passes on Linux:
# ALL=1 ../shared/peer/linux/run-c.sh tests/qemu/pl0_exec_start.c).
uniarm_add_test(pl0_exec_start SOURCES pl0_exec_start.c APPEND "one \"two words\" HOME=/root"
	EXPECT_OUTPUT "argc=3\r?\n" "argv\\[0\\]=<pl0_exec_start>" "argv\\[1\\]=<one>"
		"argv\\[2\\]=<two words>" "env <HOME=/root>" "execstart.environ: ok"
		"execstart.auxv_random: ok" "execstart.auxv_execfn: ok" "execstart.getauxval_unknown: ok"
		"execstart.hwcap: ok" "execstart.phdr_main: ok" "execstart.random_above_table: ok"
		"execstart.execfn: ok" "execstart.envp_strings: ok" "execstart: 0 failed")
