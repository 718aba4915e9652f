# Boot one test image (cmake -P) and check its exit status and output. Variables: RUN, IMAGE,
# RUN_ARGS and EXPECT_OUTPUT (lists joined with the unit separator, ASCII 31), EXPECT_EXIT,
# TIMEOUT, STDIN (a file for the console's input; none by default). Prints the output, then each failed expectation, and fails if any did.
string(ASCII 31 sep)
string(REPLACE "${sep}" ";" run_args "${RUN_ARGS}")
string(REPLACE "${sep}" ";" expects "${EXPECT_OUTPUT}")
math(EXPR qemu_timeout "${TIMEOUT} - 2")
if(qemu_timeout LESS 1)
	set(qemu_timeout 1)
endif()

# uniarm-run takes its own options before "--"; insert --timeout there.
if(NOT STDIN)
	set(STDIN /dev/null)
endif()
execute_process(COMMAND ${RUN} ${IMAGE} --timeout ${qemu_timeout} ${run_args}
	INPUT_FILE ${STDIN} OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE rc)
message("${out}")
set(failed 0)
if(NOT rc STREQUAL "${EXPECT_EXIT}")
	message("check-run: exit status ${rc}, expected ${EXPECT_EXIT}")
	set(failed 1)
endif()
foreach(re IN LISTS expects)
	if(NOT out MATCHES "${re}")
		message("check-run: output does not match: ${re}")
		set(failed 1)
	endif()
endforeach()
if(failed)
	message(FATAL_ERROR "check-run: ${IMAGE} failed")
endif()
