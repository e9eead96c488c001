// The staff console (docs/web.md): sign-in with password and TOTP, the dashboard, the work
// queue sorted by deadline with filters and search, a request's page with its timeline, its
// correspondence and the actions (transition, extend, note, assign), and the triage queue of
// email intake could not place. Server-rendered, no script.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "http/api_context.h"
#include "http/console/console_session.h"
#include "http/http_types.h"
#include "http/router.h"

namespace rightsdesk::http::console {

// What every console page's template sees (title, strings, the signed-in staff and their CSRF
// token), and a page rendered in the layout.
nlohmann::json BaseContext(const ApiContext& api, std::string_view title, const StaffCall* staff);
Response Page(const ApiContext& api, unsigned status, std::string_view name,
              const nlohmann::json& context);
// Stored email (store/inbox_store.h) as the templates show it.
nlohmann::json InboundRows(const std::vector<store::InboundRecord>& records);

Response LoginPage(const ApiContext& api, const Request& request);
Response PostLogin(const ApiContext& api, const Request& request);
Response PostLogout(const ApiContext& api, const Request& request);
Response Dashboard(const ApiContext& api, const Request& request);
Response Queue(const ApiContext& api, const Request& request);
Response RequestPage(const ApiContext& api, const Request& request, std::string_view id);
// POST /console/requests/{id}/{action}: transition, extend, note, assign, playbook (a step
// ticked or reopened).
// The triage queue, and a person's decision on one of its messages ("accept", "dismiss").
Response Triage(const ApiContext& api, const Request& request);
Response PostTriage(const ApiContext& api, const Request& request, std::string_view inbound,
                    std::string_view action);

// The Reports page ("" form), or its table as "csv" or as the publishable "html" page.
Response Reports(const ApiContext& api, const Request& request, std::string_view form);
// The §7101 records of the requests received in a period ("" form: the page), or as "csv" or
// "json" downloads; only for the roles that may read records (403 otherwise).
Response Records(const ApiContext& api, const Request& request, std::string_view form);

// The Feedback page ("" form): the consumers' survey answers by type, channel and stage, the
// recent answers and the recurring complaints; "csv": its tables.
// The Dashboards page (docs/dashboards.md), or with `file` "{table}.csv" that table as CSV.
Response DashboardsPage(const ApiContext& api, const Request& request, std::string_view file);
Response FeedbackPage(const ApiContext& api, const Request& request, std::string_view form);

Response PostAction(const ApiContext& api, const Request& request, std::string_view id,
                    std::string_view action);

// A request's page: `done` and `error` shown at the top, `fulfilment_extra` given to the
// fulfilment section (e.g. the deletion plan to approve).
Response ShowRequestPage(const ApiContext& api, const StaffCall& staff,
                         const rightsdesk::Request& r, unsigned status, const std::string& done,
                         const std::string& error,
                         const nlohmann::json& fulfilment_extra = nlohmann::json::object());
// The playbook section of a request's page: its steps against the request's events; null when
// the installation has no playbook for the request's type.
nlohmann::json PlaybookSection(const ApiContext& api, const rightsdesk::Request& r,
                               const std::vector<AuditEvent>& events);
// The fulfilment section of a request's page, as HTML (console_fulfil*.cc).
Result<std::string> FulfilmentSection(const ApiContext& api, const StaffCall& staff,
                                      const rightsdesk::Request& r,
                                      const std::vector<AuditEvent>& events,
                                      const nlohmann::json& extra);
// POST /console/requests/{id}/fulfil/{action}: search, package, categories, erase-plan, erase,
// honor, confirm.
Response PostFulfil(const ApiContext& api, const Request& request, std::string_view id,
                    std::string_view action);

// Manual tasks: the open ones, one task's page, the owner's update, and its attachments.
Response Tasks(const ApiContext& api, const Request& request);
Response TaskPage(const ApiContext& api, const Request& request, std::string_view task_id);
Response PostTask(const ApiContext& api, const Request& request, std::string_view task_id);
Response PostAttachment(const ApiContext& api, const Request& request, std::string_view task_id);
Response GetAttachment(const ApiContext& api, const Request& request, std::string_view task_id,
                       std::string_view attachment_id);
// An erasure certificate kept by the installation, as the JSON file it is.
Response GetCertificate(const ApiContext& api, const Request& request,
                        std::string_view certificate_id);

// The rule set (version, change log, rules and calendars in effect on ?at=) and the review
// checklist: shown to staff; items added ("" id) and marked done by admins.
Response RulesPage(const ApiContext& api, const Request& request);
Response PostReviewItem(const ApiContext& api, const Request& request, std::string_view id);
// Training mode (app/training.h): the scenarios and the trainee's attempts; starting one; an
// attempt's case and its answers; and the training records (all trainees: admin and auditor).
Response TrainingPage(const ApiContext& api, const Request& request);
Response PostTrainingStart(const ApiContext& api, const Request& request,
                           std::string_view scenario_id);
Response TrainingAttemptPage(const ApiContext& api, const Request& request,
                             std::string_view attempt_id);
Response PostTrainingAnswers(const ApiContext& api, const Request& request,
                             std::string_view attempt_id);
Response TrainingRecordsPage(const ApiContext& api, const Request& request, std::string_view form);

// The data map: shown to staff; its text edited by admins.
Response DataMapPage(const ApiContext& api, const Request& request);
Response PostDataMap(const ApiContext& api, const Request& request);

}  // namespace rightsdesk::http::console
