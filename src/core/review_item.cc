#include "core/review_item.h"

#include <algorithm>

namespace rightsdesk {

std::string_view Name(ReviewKind kind) {
  return kind == ReviewKind::kLegal ? "legal" : "technical";
}

std::optional<ReviewKind> ParseReviewKind(std::string_view name) {
  if (name == "legal") return ReviewKind::kLegal;
  if (name == "technical") return ReviewKind::kTechnical;
  return std::nullopt;
}

std::string_view Name(ReviewStatus status) {
  return status == ReviewStatus::kOpen ? "open" : "done";
}

std::optional<ReviewStatus> ParseReviewStatus(std::string_view name) {
  if (name == "open") return ReviewStatus::kOpen;
  if (name == "done") return ReviewStatus::kDone;
  return std::nullopt;
}

std::string_view Name(ReviewReminderStage stage) {
  return stage == ReviewReminderStage::kDueSoon ? "due_soon" : "overdue";
}

std::optional<ReviewReminderStage> ParseReviewReminderStage(std::string_view name) {
  if (name == "due_soon") return ReviewReminderStage::kDueSoon;
  if (name == "overdue") return ReviewReminderStage::kOverdue;
  return std::nullopt;
}

bool OwnerIsEmail(std::string_view owner) {
  auto at = owner.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < owner.size() &&
         owner.find('@', at + 1) == std::string_view::npos &&
         owner.find('.', at + 1) != std::string_view::npos &&
         std::ranges::none_of(owner, [](char c) {
           return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>' ||
                  c == ',';
         });
}

namespace {

bool IsReviewOwnerUsername(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

bool ReviewTextHasLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

Result<void> CheckNewReviewItem(const ReviewItem& item) {
  if (item.title.empty() || item.title.size() > 200 || ReviewTextHasLineBreak(item.title)) {
    return Fail(ErrorCode::kInvalidArgument,
                "a review item needs a title of one line, at most 200 "
                "characters",
                "/title");
  }
  if (!OwnerIsEmail(item.owner) && !IsReviewOwnerUsername(item.owner)) {
    return Fail(ErrorCode::kInvalidArgument,
                "the owner must be an email address or a staff username (a-z 0-9 . _ -)", "/owner");
  }
  if (item.source.size() > 2000 || ReviewTextHasLineBreak(item.source)) {
    return Fail(ErrorCode::kInvalidArgument, "the source must be one line, at most 2000 characters",
                "/source");
  }
  return {};
}

std::optional<ReviewReminderStage> ReviewReminderDue(const ReviewItem& item, Date today,
                                                     int due_soon_days) {
  if (item.status != ReviewStatus::kOpen) return std::nullopt;
  if (today > item.due_on) {
    if (item.reminded_overdue) return std::nullopt;
    return ReviewReminderStage::kOverdue;
  }
  if (item.reminded_due_soon || due_soon_days < 0) return std::nullopt;
  const auto days_left =
      (std::chrono::sys_days(item.due_on) - std::chrono::sys_days(today)).count();
  if (days_left <= due_soon_days) return ReviewReminderStage::kDueSoon;
  return std::nullopt;
}

}  // namespace rightsdesk
