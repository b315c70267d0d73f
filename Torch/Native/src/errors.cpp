// Error slot, handle lifetime and the live-tensor counter.
#include "common.h"

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
std::atomic<int64_t> live_tensors{0};
}  // namespace

namespace advt {
void set_error(const char* message) {
  last_error = message ? message : "unknown native error";
  has_error = true;
}
void set_error(const std::string& message) { set_error(message.c_str()); }
void count_created() { live_tensors.fetch_add(1, std::memory_order_relaxed); }
}  // namespace advt

/// The message of the last failure on this thread, and clears it; null when there was none.
/// The pointer stays valid until the next failing call on this thread.
ADVT_EXPORT const char* advt_take_error() {
  if (!has_error) return nullptr;
  has_error = false;
  return last_error.c_str();
}

/// Frees a handle returned by any export. Null is ignored.
ADVT_EXPORT void advt_free(TensorHandle h) {
  if (h == nullptr) return;
  delete h;
  live_tensors.fetch_sub(1, std::memory_order_relaxed);
}

/// Frees many handles at once (dispose scopes).
ADVT_EXPORT void advt_free_many(TensorHandle* handles, int count) {
  for (int i = 0; i < count; ++i) advt_free(handles[i]);
}

/// Number of tensor handles alive in this process.
ADVT_EXPORT int64_t advt_live_tensors() { return live_tensors.load(std::memory_order_relaxed); }
