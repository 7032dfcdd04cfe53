// unit_main.cpp — doctest's runner for the unit tests, native and WASM alike.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
