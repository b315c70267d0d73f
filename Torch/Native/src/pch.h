// Precompiled header: the heavy libtorch headers every shim file needs.
#pragma once
#include <ATen/ATen.h>
#include <c10/util/Exception.h>
