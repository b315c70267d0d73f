// Image decode (PNG, JPEG, BMP, ...) and PNG encode through stb (Debian's libstb-dev).
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_STATIC
#define STB_IMAGE_WRITE_STATIC
#define STBI_NO_STDIO
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <stb_image.h>
#include <stb_image_write.h>
#pragma GCC diagnostic pop
#include "common.h"
#include <cstring>

/// Decodes an encoded image into a uint8 tensor [H, W, C]; `channels` 0 keeps the file's channel count.
ADVT_EXPORT TensorHandle advt_image_decode(const uint8_t* bytes, int64_t length, int channels) {
  ADVT_TRY
  if (bytes == nullptr || length <= 0) throw std::invalid_argument("empty image data");
  if (length > INT32_MAX) throw std::invalid_argument("image data larger than 2 GiB");
  if (channels < 0 || channels > 4) throw std::invalid_argument("channels must be 0..4, got " + std::to_string(channels));
  int w = 0, h = 0, c = 0;
  unsigned char* pixels = stbi_load_from_memory(bytes, static_cast<int>(length), &w, &h, &c, channels);
  if (pixels == nullptr) throw std::runtime_error(std::string("cannot decode image: ") + stbi_failure_reason());
  int out_c = channels == 0 ? c : channels;
  auto t = at::empty({h, w, out_c}, at::kByte);
  std::memcpy(t.data_ptr(), pixels, static_cast<size_t>(h) * w * out_c);
  stbi_image_free(pixels);
  return advt::wrap(std::move(t));
  ADVT_CATCH(nullptr)
}

static void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  auto* p = static_cast<uint8_t*>(data);
  out->insert(out->end(), p, p + size);
}

/// Encodes a uint8 tensor [H, W, C] (C in 1..4) as PNG; returns the file's bytes as a 1-D uint8 tensor.
ADVT_EXPORT TensorHandle advt_image_encode_png(TensorHandle image) {
  ADVT_TRY
  auto& t = advt::T(image, "image");
  if (t.scalar_type() != at::kByte) throw std::invalid_argument(std::string("PNG encoding needs uint8, got ") + c10::toString(t.scalar_type()));
  if (t.dim() != 3 || t.size(2) < 1 || t.size(2) > 4)
    throw std::invalid_argument("PNG encoding needs [H, W, C] with C in 1..4, got " + c10::str(t.sizes()));
  if (t.size(0) < 1 || t.size(1) < 1) throw std::invalid_argument("PNG encoding needs a non-empty image");
  auto c = t.to(at::kCPU).contiguous();
  std::vector<uint8_t> out;
  int w = static_cast<int>(c.size(1)), h = static_cast<int>(c.size(0)), ch = static_cast<int>(c.size(2));
  if (!stbi_write_png_to_func(append_bytes, &out, w, h, ch, c.data_ptr(), w * ch))
    throw std::runtime_error("PNG encoding failed");
  auto r = at::empty({static_cast<int64_t>(out.size())}, at::kByte);
  std::memcpy(r.data_ptr(), out.data(), out.size());
  return advt::wrap(std::move(r));
  ADVT_CATCH(nullptr)
}
