# CTest script (cmake -P): bad input to uniarm's CMake interface must stop the configure with
# a message that names the cause. Each case is a project (CMakeLists.txt written here) using
# the uniarm installed in PREFIX, configured in the same build directory (the compiler checks
# run once); the configure must fail and its message match. The functions are the same from a
# source tree (cmake/uniarm.cmake). Variables: UNIARM_ROOT, PREFIX, WORK.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/src)
file(WRITE ${WORK}/src/main.c "int main(void)\n{\n\treturn 0;\n}\n")
set(toolchain ${PREFIX}/share/uniarm/toolchain-armv7.cmake)

# expect_error(<case> <find_package line> <call> <regex parts...>): configure a project whose
# last line is <call>; the configure must fail with a message matching the regex.
function(expect_error case find call)
	string(JOIN "" re ${ARGN})
	file(WRITE ${WORK}/src/CMakeLists.txt "cmake_minimum_required(VERSION 3.21)\n"
		"project(errors C)\n${find}\n${call}\n")
	t_run(out FAIL ${WORK} ${CMAKE_COMMAND} -S ${WORK}/src -B ${WORK}/build -G Ninja
		-DCMAKE_TOOLCHAIN_FILE=${toolchain})
	t_unwrap(out "${out}")
	if(NOT out MATCHES "${re}")
		t_fail("case ${case}: `${call}` should stop the configure with a message matching "
			"'${re}'. Output:\n${out}")
	endif()
	message("${case}: ${CMAKE_MATCH_0}")
endfunction()

set(find "find_package(uniarm 0.9 REQUIRED)")
expect_error(misspelled_after_sources "${find}"
	"uniarm_add_app(app SOURCES main.c MEMROY 64)"
	"uniarm_add_app\\(app\\): unknown keyword 'MEMROY'")
expect_error(misspelled_after_value "${find}"
	"uniarm_add_test(t SOURCES main.c EXPECT_EXIT 3 TIMOUT 60)"
	"uniarm_add_test\\(t\\): unknown keyword 'TIMOUT'")
expect_error(misspelled_in_ktest "${find}"
	"uniarm_add_ktest(k SOURCES main.c QEMU_ARGS -d int EXPECT_OUTPT done)"
	"uniarm_add_ktest\\(k\\): unknown keyword 'EXPECT_OUTPT'")
expect_error(unquoted_value "${find}"
	"uniarm_add_app(app SOURCES main.c APPEND first second)"
	"uniarm_add_app\\(app\\): unexpected argument 'second'")
expect_error(memory_with_unit "${find}"
	"uniarm_add_app(app SOURCES main.c MEMORY 64M)"
	"uniarm_add_app\\(app\\): MEMORY is the RAM size in MiB \\(a whole number such as 128\\), "
	"not '64M'")
expect_error(missing_value "${find}"
	"uniarm_add_test(t SOURCES main.c EXPECT_EXIT)"
	"uniarm_add_test\\(t\\): EXPECT_EXIT needs a value")
expect_error(exit_status_range "${find}"
	"uniarm_add_test(t SOURCES main.c EXPECT_EXIT 256)"
	"uniarm_add_test\\(t\\): EXPECT_EXIT is an exit status \\(0-255\\), not '256'")
expect_error(ktest_from_package "${find}"
	"uniarm_add_ktest(k SOURCES main.c)"
	"uniarm_add_ktest\\(k\\): tests of the runtime itself need uniarm's source tree")
expect_error(cxx_not_enabled "${find}"
	"uniarm_add_app(app SOURCES main.cpp)"
	"uniarm_add_app\\(app\\): main\\.cpp is C\\+\\+, but C\\+\\+ is not enabled")
expect_error(files_missing "${find}"
	"uniarm_add_app(app SOURCES main.c FILES no-such-dir)"
	"uniarm_add_app\\(app\\): FILES 'no-such-dir' does not exist")
expect_error(files_not_a_directory "${find}"
	"uniarm_add_test(t SOURCES main.c FILES main.c)"
	"uniarm_add_test\\(t\\): FILES 'main.c' is not a directory")
expect_error(files_twice "${find}"
	"uniarm_add_test(t SOURCES main.c FILES . MEMORY 64 FILES .)"
	"uniarm_add_test\\(t\\): FILES given 2 times \\(it takes one value\\)")
expect_error(files_twice_app "${find}"
	"uniarm_add_app(app SOURCES main.c FILES . FILES .)"
	"uniarm_add_app\\(app\\): FILES given 2 times")
# 0.x: another minor version is another interface.
expect_error(older_minor_version "find_package(uniarm 0.8 REQUIRED)"
	"uniarm_add_app(app SOURCES main.c)"
	"compatible with requested version \"0\\.8\".*uniarmConfig\\.cmake, version: 0\\.9\\.")

# The package with a project that is not configured with its toolchain file: for the host...
file(WRITE ${WORK}/src/CMakeLists.txt "cmake_minimum_required(VERSION 3.21)\n"
	"project(errors C)\nfind_package(uniarm 0.9 REQUIRED)\n")
t_run(out FAIL ${WORK} ${CMAKE_COMMAND} -S ${WORK}/src -B ${WORK}/host -G Ninja
	-DCMAKE_PREFIX_PATH=${PREFIX})
t_unwrap(out "${out}")
t_expect("${out}" "uniarm builds ARM images.*configure it with -DCMAKE_TOOLCHAIN_FILE=${toolchain}"
	"the package in a host project")
# ... or with the toolchain file of a source tree, which links another newlib build.
t_run(out FAIL ${WORK} ${CMAKE_COMMAND} -S ${WORK}/src -B ${WORK}/source-toolchain -G Ninja
	-DCMAKE_TOOLCHAIN_FILE=${UNIARM_ROOT}/cmake/toolchain-armv7.cmake
	-DCMAKE_PREFIX_PATH=${PREFIX})
t_unwrap(out "${out}")
t_expect("${out}"
	"another uniarm's toolchain file.*configure it with -DCMAKE_TOOLCHAIN_FILE=${toolchain}"
	"the package with a source tree's toolchain file")
