# Compiler warnings and sanitizers, applied through the interface target pharos_options.
add_library(pharos_options INTERFACE)
target_compile_options(pharos_options INTERFACE
  -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wcast-align -Wimplicit-fallthrough
  # gcc's -Wshadow=local has no clang spelling; clang's -Wshadow is broader, so only gcc gets it.
  $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local -Wno-maybe-uninitialized>)
if(PHAROS_WERROR)
  target_compile_options(pharos_options INTERFACE -Werror)
endif()
if(PHAROS_SANITIZE)
  string(REPLACE ";" "," _san "${PHAROS_SANITIZE}")
  target_compile_options(pharos_options INTERFACE -fsanitize=${_san} -fno-omit-frame-pointer
                         -fno-sanitize-recover=all)
  target_link_options(pharos_options INTERFACE -fsanitize=${_san})
endif()
