// What the GMime readers share (messaging/inbound_email.cc, messaging/form_data.cc): owning
// pointers for GObjects and GLib strings, GMime's one-time initialisation, and text from outside
// made valid UTF-8. Internal to messaging/.
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <string>
#include <string_view>

namespace rightsdesk::messaging {

template <typename T>
struct GObjectUnref {
  void operator()(T* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref<T>>;

struct GFree {
  void operator()(char* text) const { g_free(text); }
};
using GString = std::unique_ptr<char, GFree>;

// Thread-safe; any number of calls.
void InitGMime();

// Text from outside as valid UTF-8 (bad bytes become U+FFFD).
std::string ToValidUtf8(std::string_view text);

// A part's content, decoded from its transfer encoding.
std::string PartBytes(GMimePart* part);

}  // namespace rightsdesk::messaging
