#include "app/periodic_worker.h"

namespace rightsdesk::app {

PeriodicWorker::PeriodicWorker(Pass pass, std::chrono::seconds poll)
    : pass_(std::move(pass)), poll_(poll), thread_([this] { Loop(); }) {}

PeriodicWorker::~PeriodicWorker() { Stop(); }

void PeriodicWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    stop_pass_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void PeriodicWorker::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    pass_(stop_pass_);
    lock.lock();
    wake_.wait_for(lock, poll_, [this] { return stopping_; });
  }
}

}  // namespace rightsdesk::app
