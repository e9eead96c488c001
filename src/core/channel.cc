#include "core/channel.h"

#include <array>

#include "core/enum_names.h"

namespace rightsdesk {
namespace {

constexpr std::array<EnumName<Channel>, 7> kChannelNames{{
    {Channel::kWeb, "web"},
    {Channel::kApi, "api"},
    {Channel::kEmail, "email"},
    {Channel::kPhone, "phone"},
    {Channel::kMail, "mail"},
    {Channel::kAgent, "agent"},
    {Channel::kGpc, "gpc"},
}};

}  // namespace

std::string_view Name(Channel channel) { return NameIn(kChannelNames, channel); }
std::optional<Channel> ParseChannel(std::string_view name) { return ParseIn(kChannelNames, name); }
std::string ChannelNames() { return NamesIn(kChannelNames); }

}  // namespace rightsdesk
