// A request's playbook on its console page (core/playbook.h, docs/training.md): each step, done
// or not, by whom and when; a manual step can be ticked or reopened by staff who work requests.
#include "http/console/console.h"

namespace rightsdesk::http::console {

nlohmann::json PlaybookSection(const ApiContext& api, const rightsdesk::Request& r,
                               const std::vector<AuditEvent>& events) {
  if (api.playbooks == nullptr) return nullptr;
  const Playbook* playbook = api.playbooks->For(r.type);
  if (playbook == nullptr) return nullptr;
  nlohmann::json steps = nlohmann::json::array();
  int done = 0;
  for (const StepProgress& p : PlaybookProgress(*playbook, events)) {
    if (p.done) ++done;
    steps.push_back({{"id", p.step->id},
                     {"title", p.step->title},
                     {"hint", p.step->hint},
                     {"done", p.done},
                     {"manual", p.step->manual()},
                     {"by", p.by},
                     {"at", p.at ? FormatInstant(*p.at).substr(0, 16) : std::string()}});
  }
  return {{"title", playbook->title},
          {"steps", std::move(steps)},
          {"done", done},
          {"total", playbook->steps.size()},
          {"open", !IsTerminal(r.status)}};
}

}  // namespace rightsdesk::http::console
