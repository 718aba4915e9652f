# CTest script (cmake -P): configure, build and boot tests/out-of-tree, a three-line project
# that uses uniarm through add_subdirectory, and check that its exit status comes back.
# Variables: UNIARM_ROOT, WORK (a scratch build directory).
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${UNIARM_ROOT}/tests/out-of-tree -B ${WORK} -G Ninja
		-DCMAKE_TOOLCHAIN_FILE=${UNIARM_ROOT}/cmake/toolchain-armv7.cmake
		-DUNIARM=${UNIARM_ROOT} -Wno-dev
	RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
	message(FATAL_ERROR "configure failed:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}
	RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc)
	message(FATAL_ERROR "build failed:\n${out}")
endif()
execute_process(COMMAND ${UNIARM_ROOT}/tools/uniarm-run ${WORK}/myapp.elf --append hello --timeout 20
	RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("${out}")
if(NOT rc EQUAL 7 OR NOT out MATCHES "out-of-tree app, 1 argument\\(s\\), first: hello")
	message(FATAL_ERROR "out-of-tree app: exit status ${rc} (expected 7) or output wrong")
endif()
