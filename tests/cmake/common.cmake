# Helpers of the tests of uniarm's CMake interface and package (tests/cmake/*.cmake, run with
# cmake -P; docs/cmake.md). Each stops the test with a message saying what a user would have
# seen go wrong, and the output that shows it.
cmake_minimum_required(VERSION 3.21)

# t_fail(<message...>)
function(t_fail)
	string(JOIN "" msg ${ARGN})
	message(FATAL_ERROR "${msg}")
endfunction()

# t_run(<var> <status> <dir> <command...>): runs the command in <dir>, stderr merged into stdout
# in the order produced, and stores the output in <var>. <status> is the exit status it must
# have, or FAIL for any non-zero one.
function(t_run var status dir)
	execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${dir}
		OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE rc)
	list(JOIN ARGN " " cmd)
	set(${var} "${out}" PARENT_SCOPE)
	if(status STREQUAL "FAIL")
		if(rc STREQUAL "0")
			t_fail("`${cmd}` succeeded; it should have failed. Output:\n${out}")
		endif()
	elseif(NOT rc STREQUAL status)
		t_fail("`${cmd}` exited with ${rc}, expected ${status}. Output:\n${out}")
	endif()
endfunction()

# CMake wraps long messages and indents them: one line per paragraph for matching.
function(t_unwrap var text)
	string(REGEX REPLACE "\n  +" " " text "${text}")
	set(${var} "${text}" PARENT_SCOPE)
endfunction()

# t_expect(<output> <regex> <what>): fails unless the output matches.
function(t_expect out re what)
	if(NOT out MATCHES "${re}")
		t_fail("${what}: the output does not match '${re}'. Output:\n${out}")
	endif()
endfunction()

# t_reject(<output> <regex> <what>): fails if the output matches.
function(t_reject out re what)
	if(out MATCHES "${re}")
		t_fail("${what}: the output matches '${re}' ('${CMAKE_MATCH_0}'). Output:\n${out}")
	endif()
endfunction()

# t_compile_line(<var> <commands> <source>): the compile command of <source> in the output of
# `ninja -t commands`, with a space at each end.
function(t_compile_line var commands source)
	string(REGEX MATCH "[^\n]* -c ${source}[^\n]*" line "${commands}")
	if(NOT line)
		t_fail("no compile command for ${source} in:\n${commands}")
	endif()
	set(${var} " ${line} " PARENT_SCOPE)
endfunction()

# The debug-<app> target runs `debugger` with the image and `--memory <memory>`.
function(t_expect_debug_target work app debugger memory)
	t_run(out 0 ${work} ${NINJA} -t commands debug-${app})
	t_expect("${out}" "${debugger} ${work}/${app}\\.elf --memory ${memory}\n$"
		"debug-${app}'s command")
endfunction()

# ctest in the project's build finds its one test, `test`, and it passes.
function(t_expect_one_ctest work test)
	t_run(out 0 ${work} ctest --test-dir ${work})
	t_expect("${out}" "Test +#1: ${test} [.]+ +Passed" "ctest in the project's build")
	t_expect("${out}" "100% tests passed, 0 tests failed out of 1" "ctest in the project's build")
endfunction()
