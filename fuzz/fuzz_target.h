// The libFuzzer entry point every fuzz target defines (declared here so that each definition
// has a prior declaration, as -Wmissing-declarations wants).
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
