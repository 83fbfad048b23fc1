# Every third-party dependency is found here, and only here; all come from Debian 12 packages
# (see scripts/deps.sh for the package names).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

# yaml-cpp: rule files, alertmanager.yml, prometheus.yml.
find_package(yaml-cpp REQUIRED)
if(NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()

# RE2: Go-compatible regular expressions for matchers and relabelling.
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
add_library(pharos::re2 ALIAS PkgConfig::RE2)

# zstd: compression of sealed chunk files.
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
add_library(pharos::zstd ALIAS PkgConfig::ZSTD)

# Howard Hinnant's date/tz (header-only with the system tzdata on Debian).
find_path(DATE_TZ_INCLUDE_DIR date/tz.h REQUIRED)
find_library(DATE_TZ_LIBRARY NAMES date-tz REQUIRED)
add_library(pharos_date_tz INTERFACE)
target_include_directories(pharos_date_tz SYSTEM INTERFACE ${DATE_TZ_INCLUDE_DIR})
target_link_libraries(pharos_date_tz INTERFACE ${DATE_TZ_LIBRARY})
target_compile_definitions(pharos_date_tz INTERFACE USE_OS_TZDB=1)
add_library(pharos::date_tz ALIAS pharos_date_tz)

if(PHAROS_WITH_QT)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Charts Network Sql Concurrent Test
               LinguistTools)
  # AUTOMOC is switched on per Qt target (core, GUI, Qt tests), never for libs/tsdb or libs/rules.
  include(GNUInstallDirs)
  # libgit2: export into a git repository.
  pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
  add_library(pharos::git2 ALIAS PkgConfig::LIBGIT2)
  # QtKeychain: receiver secrets in the system keychain.
  find_package(Qt6Keychain REQUIRED)
  add_library(pharos::keychain ALIAS qt6keychain)
endif()

if(PHAROS_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
