# One INTERFACE target carries the project's warning flags; every project target links it.
add_library(rightsdesk_warnings INTERFACE)
target_compile_options(rightsdesk_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wmissing-declarations
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  # Designated initializers that leave defaulted members out are intended (GCC 12 warns).
  -Wno-missing-field-initializers)
if(RIGHTSDESK_WERROR)
  target_compile_options(rightsdesk_warnings INTERFACE -Werror)
endif()
