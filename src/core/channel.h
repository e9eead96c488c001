// How a request reached us. Recorded for the §7101 records ("manner in which the request was
// made").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rightsdesk {

enum class Channel { kWeb, kApi, kEmail, kPhone, kMail, kAgent, kGpc };

std::string_view Name(Channel channel);
std::optional<Channel> ParseChannel(std::string_view name);
std::string ChannelNames();

}  // namespace rightsdesk
