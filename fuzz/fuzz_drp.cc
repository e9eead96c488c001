// The Data Rights Protocol's signed bodies, as any agent (or anyone holding a leaked token) may
// send them: base64 decoding, the split of the signature, and the parsers of the exercise,
// key-setup and revoke messages. Properties checked beside "no crash": a parsed exercise maps
// to a request type or is an action we refuse, its timestamps parse back, its strings stay
// within the limit, and a decoded envelope encodes back to itself.
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/drp.h"
#include "core/drp_message.h"
#include "fuzz_target.h"

namespace {

void Check(bool property) {
  if (!property) std::abort();
}

void ParseAsExercise(std::string_view text) {
  auto exercise = rightsdesk::ParseDrpExercise(text);
  if (!exercise) {
    Check(exercise.error().code() == rightsdesk::ErrorCode::kInvalidArgument);
    return;
  }
  Check(!exercise->claims.email.empty());
  Check(exercise->claims.email.size() <= rightsdesk::kDrpMaxField);
  Check(exercise->envelope.version == rightsdesk::kDrpVersion);
  auto again = rightsdesk::ParseDrpTime(rightsdesk::FormatInstant(exercise->envelope.issued_at));
  Check(again && *again == exercise->envelope.issued_at);
  (void)rightsdesk::RequestTypeFor(exercise->action);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // As the JSON an agent signed...
  ParseAsExercise(text);
  (void)rightsdesk::ParseDrpPairing(text);
  (void)rightsdesk::ParseDrpRevoke(text);
  (void)rightsdesk::ParseDrpTime(text);
  // ...and as the base64 envelope around it.
  auto message = rightsdesk::DecodeSignedMessage(text);
  if (message) {
    // Encoding what was decoded gives the same message back.
    std::string bytes(reinterpret_cast<const char*>(message->signature.data()),
                      message->signature.size());
    bytes += message->body;
    auto again = rightsdesk::DecodeSignedMessage(rightsdesk::Base64Encode(bytes));
    Check(again && again->body == message->body && again->signature == message->signature);
    (void)rightsdesk::SignatureValid(*message, rightsdesk::PublicKey{});
    ParseAsExercise(message->body);
  }
  return 0;
}
