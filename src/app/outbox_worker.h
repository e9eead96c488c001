// Runs the outbox delivery (outbox_delivery.h) on its own thread: at start, then every poll
// interval (default 5 s, so an acknowledgment leaves well within the minute). Stop() lets a pass in
// progress finish the message it is sending and returns when the thread is gone.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/outbox_delivery.h"

namespace rightsdesk::app {

class OutboxWorker {
 public:
  // `pass` delivers what is due and returns early once `stop` is set; its report and errors go
  // to `log` (counts and error messages only: no addresses). Both run on the worker's thread.
  using Pass = std::function<Result<DeliveryReport>(const std::atomic<bool>& stop)>;
  using Log = std::function<void(const Result<DeliveryReport>&)>;

  OutboxWorker(Pass pass, Log log, std::chrono::seconds poll);
  ~OutboxWorker();  // stops
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void Stop();

 private:
  void Loop();

  Pass pass_;
  Log log_;
  std::chrono::seconds poll_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> stop_pass_ = false;
  std::thread thread_;
};

}  // namespace rightsdesk::app
