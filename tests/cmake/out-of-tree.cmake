# CTest script (cmake -P): configure, build and boot tests/out-of-tree, a project that uses
# uniarm through add_subdirectory and never calls enable_testing(), and check what its user
# sees: no CMake warning; the exit status comes back; run-myapp says which status it returns;
# a failing assert stops the app under the default build type; uniarm's runtime is compiled
# with its own -O2 -g while the app's sources get the (empty) build type's flags; debug-myapp
# runs tools/uniarm-debug with the app's run arguments; ctest finds the test of a subdirectory.
# Variables: UNIARM_ROOT, WORK (a scratch build directory), NINJA.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(run ${UNIARM_ROOT}/tools/uniarm-run)

t_run(out 0 ${WORK} ${CMAKE_COMMAND} -S ${UNIARM_ROOT}/tests/out-of-tree -B ${WORK} -G Ninja
	-DCMAKE_TOOLCHAIN_FILE=${UNIARM_ROOT}/cmake/toolchain-armv7.cmake -DUNIARM=${UNIARM_ROOT})
t_reject("${out}" "CMake Warning[^\n]*" "configure")
t_run(out 0 ${WORK} ${CMAKE_COMMAND} --build ${WORK})

t_run(out 7 ${WORK} ${run} ${WORK}/myapp.elf --append hello --timeout 20)
t_expect("${out}" "out-of-tree app, 1 argument\\(s\\), first: hello" "myapp's output")

# run-<app> returns the status (a failed build command) and says which it was.
t_run(out FAIL ${WORK} ${CMAKE_COMMAND} --build ${WORK} --target run-myapp)
t_expect("${out}" "out-of-tree app, 0 argument\\(s\\)" "run-myapp: the app's output")
t_expect("${out}" "\nmyapp: exit status 7\n" "run-myapp: the exit status")

# The default build type: no NDEBUG, the assert stops the app with newlib's message.
t_run(out 134 ${WORK} ${run} ${WORK}/assert_app.elf --timeout 20)
t_expect("${out}"
	"assertion \"argc == 42\" failed: file \"[^\"]*/assert\\.c\", line [0-9]+, function: main"
	"assert_app under the default build type")

# Flags: the runtime's are its own, the app's are the build type's (none: no -O, no NDEBUG).
t_run(commands 0 ${WORK} ${NINJA} -t commands)
t_compile_line(line "${commands}" "${UNIARM_ROOT}/runtime/start\\.c")
t_expect("${line}" " -O2 " "the runtime's compile command")
t_expect("${line}" " -g " "the runtime's compile command")
t_compile_line(line "${commands}" "${UNIARM_ROOT}/tests/out-of-tree/assert\\.c")
t_reject("${line}" " -O[0-9sgz]? |NDEBUG" "the app's compile command (default build type)")

# debug-<app>: tools/uniarm-debug with the image and the app's run arguments.
t_expect_debug_target(${WORK} myapp ${UNIARM_ROOT}/tools/uniarm-debug 128)

# The project never calls enable_testing(): uniarm_add_test does, up to the build root.
t_expect_one_ctest(${WORK} in_subdir)
