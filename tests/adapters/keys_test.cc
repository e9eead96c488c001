#include "security/keys.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace rightsdesk::security {
namespace {

namespace fs = std::filesystem;

class KeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv(kMasterKeyEnv);
    char pattern[] = "/tmp/rightsdesk-keys-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    ::unsetenv(kMasterKeyEnv);
    fs::remove_all(dir_);
  }
  fs::path dir_;
};

TEST_F(KeysTest, CreatesAnOwnerOnlyKeyOnceAndLoadsIt) {
  ASSERT_TRUE(InstallationKeys::CreateMasterKeyFile(dir_));
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "master.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600U);
  EXPECT_EQ(InstallationKeys::CreateMasterKeyFile(dir_).error().code(), ErrorCode::kAlreadyExists);
  auto a = InstallationKeys::Load(dir_);
  auto b = InstallationKeys::Load(dir_);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->public_key(), b->public_key());
}

TEST_F(KeysTest, RefusesAKeyFileOthersCanRead) {
  ASSERT_TRUE(InstallationKeys::CreateMasterKeyFile(dir_));
  fs::permissions(dir_ / "master.key", fs::perms::group_read, fs::perm_options::add);
  auto loaded = InstallationKeys::Load(dir_);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(KeysTest, MissingKeyIsNotFound) {
  EXPECT_EQ(InstallationKeys::Load(dir_).error().code(), ErrorCode::kNotFound);
}

TEST_F(KeysTest, EnvironmentKeyWinsAndMalformedKeysAreRefused) {
  ASSERT_TRUE(InstallationKeys::CreateMasterKeyFile(dir_));
  auto from_file = InstallationKeys::Load(dir_);
  ::setenv(kMasterKeyEnv, std::string(64, 'a').c_str(), 1);
  auto from_env = InstallationKeys::Load(dir_);
  ASSERT_TRUE(from_file && from_env);
  EXPECT_NE(from_file->public_key(), from_env->public_key());
  ::setenv(kMasterKeyEnv, "not hex", 1);
  EXPECT_EQ(InstallationKeys::Load(dir_).error().code(), ErrorCode::kInvalidArgument);
  ::setenv(kMasterKeyEnv, std::string(62, 'a').c_str(), 1);
  EXPECT_EQ(InstallationKeys::Load(dir_).error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(KeysTest, DerivedKeysDifferPerPurpose) {
  Key32 master;
  std::fill(master.data(), master.data() + master.size(), 7);
  InstallationKeys keys = InstallationKeys::FromMaster(master);
  EXPECT_FALSE(
      std::equal(keys.seal_key().data(), keys.seal_key().data() + 32, keys.index_key().data()));
  EXPECT_EQ(InstallationKeys::FromMaster(master).public_key(), keys.public_key());
}

}  // namespace
}  // namespace rightsdesk::security
