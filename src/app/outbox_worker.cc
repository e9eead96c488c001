#include "app/outbox_worker.h"

namespace rightsdesk::app {

OutboxWorker::OutboxWorker(Pass pass, Log log, std::chrono::seconds poll)
    : pass_(std::move(pass)), log_(std::move(log)), poll_(poll), thread_([this] { Loop(); }) {}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    stop_pass_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void OutboxWorker::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    auto report = pass_(stop_pass_);
    if (!report || report->total() > 0) log_(report);
    lock.lock();
    wake_.wait_for(lock, poll_, [this] { return stopping_; });
  }
}

}  // namespace rightsdesk::app
