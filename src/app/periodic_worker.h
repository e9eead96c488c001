// Runs a pass of background work (the outbox's delivery, the scheduler) on its own thread: at
// start, then every poll interval. Stop() lets a pass in progress finish what it is doing (the
// pass sees `stop` set and returns early) and returns when the thread is gone.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace rightsdesk::app {

class PeriodicWorker {
 public:
  // Runs on the worker's thread; reports (logs) its own outcome.
  using Pass = std::function<void(const std::atomic<bool>& stop)>;

  PeriodicWorker(Pass pass, std::chrono::seconds poll);
  ~PeriodicWorker();  // stops
  PeriodicWorker(const PeriodicWorker&) = delete;
  PeriodicWorker& operator=(const PeriodicWorker&) = delete;

  void Stop();

 private:
  void Loop();

  Pass pass_;
  std::chrono::seconds poll_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> stop_pass_ = false;
  std::thread thread_;
};

}  // namespace rightsdesk::app
