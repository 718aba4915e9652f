# cmake/check-run.cmake for ktest_bad_frees_reported, then what a regex cannot do: the page the
# test freed twice and the image page it freed are the pages the reports name (CMake's regular
# expressions have no back-references).
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/check-run.cmake)
foreach(what "freed twice:test page" "is reserved:image page")
	string(REPLACE ":" ";" what "${what}")
	list(GET what 0 reason)
	list(GET what 1 page)
	string(REGEX MATCH "pfn of the ${page}: (0x[0-9a-f]+)" m "${out}")
	set(want "${CMAKE_MATCH_1}")
	string(REGEX MATCH "BUG: Bad page state: pfn (0x[0-9a-f]+) ${reason}" m "${out}")
	if(want STREQUAL "" OR NOT CMAKE_MATCH_1 STREQUAL want)
		message(FATAL_ERROR "check-bad-free: the ${page} is pfn '${want}', the report "
			"\"${reason}\" names pfn '${CMAKE_MATCH_1}'")
	endif()
endforeach()
