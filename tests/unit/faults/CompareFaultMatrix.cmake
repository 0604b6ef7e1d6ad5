# Fails when docs/fault-matrix.md is not what the last run of test_fault_matrix generated.
if(NOT EXISTS "${GENERATED}")
    message(FATAL_ERROR "${GENERATED} is missing: run test_fault_matrix first")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${GENERATED}" "${CHECKED_IN}" RESULT_VARIABLE differs)
if(differs)
    execute_process(COMMAND diff -u "${CHECKED_IN}" "${GENERATED}")
    message(FATAL_ERROR "docs/fault-matrix.md differs from what the test produced (${GENERATED}); "
                        "run scripts/update-fault-matrix.sh and commit the result")
endif()
message(STATUS "docs/fault-matrix.md matches the generated table")
