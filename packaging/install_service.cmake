# Installs the configuration and the systemd unit. Run at install time
# (install(SCRIPT) in packaging/CMakeLists.txt) because where they go depends
# on that install's prefix, which `cmake --install --prefix` and cpack choose
# after configuring: for /usr (and cpack -G DEB, whose prefix is /usr) the
# configuration goes to /etc/caf-comet, as GNUInstallDirs places SYSCONFDIR;
# for /usr/local to /usr/local/etc/caf-comet. The unit's paths are rewritten
# to match.
#
# Inputs, set just before by install(CODE): CAF_COMET_SOURCE_DIR (the
# repository), CAF_COMET_STAGING_DIR (a build directory for the rewritten
# unit), CAF_COMET_BINDIR, CAF_COMET_DOCDIR, CAF_COMET_SYSCONFDIR
# (GNUInstallDirs' values) and CAF_COMET_UNITDIR (relative to the prefix).

# "/" becomes "", so that "${prefix}/bin" is "/bin".
string(REGEX REPLACE "/+$" "" prefix "${CMAKE_INSTALL_PREFIX}")

function(full_path out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()

# GNUInstallDirs' special cases for SYSCONFDIR, applied to this prefix.
if(IS_ABSOLUTE "${CAF_COMET_SYSCONFDIR}")
  set(etc "${CAF_COMET_SYSCONFDIR}")
elseif(prefix STREQUAL "" OR prefix STREQUAL "/usr")
  set(etc "/${CAF_COMET_SYSCONFDIR}")
elseif(prefix MATCHES "^/opt/")
  set(etc "/${CAF_COMET_SYSCONFDIR}${prefix}")
else()
  set(etc "${prefix}/${CAF_COMET_SYSCONFDIR}")
endif()
full_path(bin "${CAF_COMET_BINDIR}")
full_path(doc "${CAF_COMET_DOCDIR}")
full_path(units "${CAF_COMET_UNITDIR}")

# A configuration already there is the operator's: an install of a new build
# keeps it, as dpkg keeps an edited conffile.
if(EXISTS "$ENV{DESTDIR}${etc}/caf-comet/server.ini")
  message(STATUS "Kept: $ENV{DESTDIR}${etc}/caf-comet/server.ini")
else()
  file(INSTALL "${CAF_COMET_SOURCE_DIR}/config/server.ini"
       DESTINATION "${etc}/caf-comet")
endif()

# The unit names the Debian package's paths; every other prefix gets its own.
file(READ "${CAF_COMET_SOURCE_DIR}/packaging/caf-comet.service" unit)
string(REPLACE "/usr/bin/caf-comet" "${bin}/caf-comet" unit "${unit}")
string(REPLACE "/usr/share/doc/caf-comet" "${doc}" unit "${unit}")
string(REPLACE "/etc/caf-comet/" "${etc}/caf-comet/" unit "${unit}")
file(WRITE "${CAF_COMET_STAGING_DIR}/caf-comet.service" "${unit}")
file(INSTALL "${CAF_COMET_STAGING_DIR}/caf-comet.service" DESTINATION "${units}")
