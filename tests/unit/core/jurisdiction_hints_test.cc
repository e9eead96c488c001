// Jurisdiction hints in free text: the laws' and states' names in English and Spanish, in the
// order named, once each; ordinary words that look alike are not hints.
#include "core/jurisdiction_hints.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rightsdesk {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(JurisdictionHints, LawsAndStatesAreNamedInOrderOnce) {
  EXPECT_THAT(JurisdictionHints("Under the CCPA, as a California resident, delete my data"),
              ElementsAre("US-CA"));
  EXPECT_THAT(JurisdictionHints("I live in Virginia (VCDPA) but used to live in Texas."),
              ElementsAre("US-VA", "US-TX"));
  EXPECT_THAT(JurisdictionHints("Ejerzo mi derecho de acceso según el RGPD, artículo 15"),
              ElementsAre("EU"));
  EXPECT_THAT(JurisdictionHints("I am a citizen of the European Union"), ElementsAre("EU"));
  EXPECT_THAT(JurisdictionHints("Soy residente de la Unión Europea"), ElementsAre("EU"));
  EXPECT_THAT(JurisdictionHints("As a Colorado resident under the Colorado Privacy Act"),
              ElementsAre("US-CO"));
}

TEST(JurisdictionHints, LookalikesAreNotHints) {
  EXPECT_THAT(JurisdictionHints("Mi coche es colorado y quiero borrar mis datos"), IsEmpty());
  EXPECT_THAT(JurisdictionHints("Please delete my account, thanks"), IsEmpty());
  EXPECT_THAT(JurisdictionHints("californium texasx"), IsEmpty());
}

}  // namespace
}  // namespace rightsdesk
