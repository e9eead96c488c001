#include "http/portal/package_download.h"

#include <spdlog/spdlog.h>

#include <expected>

#include "app/package_download.h"
#include "http/console/console_session.h"
#include "http/html/page_response.h"
#include "http/html/web_input.h"
#include "http/portal/page_context.h"
#include "http/responses.h"

namespace rightsdesk::http::portal {
namespace {

using nlohmann::json;

std::string PackagePath(std::string_view id, std::string_view secret) {
  return "/privacy/package/" + std::string(id) + "/" + std::string(secret);
}

// The language chosen on the page (query or form), else the request's, else the browser's.
std::string LanguageFor(const QueryParams& chosen, const Request& request,
                        const Result<app::OfferedPackage>& offered) {
  if (offered && !chosen.contains("lang")) return offered->request.language;
  return html::ChooseLanguage(chosen, View(request[beast_http::field::accept_language]));
}

Response MessagePage(const ApiContext& api, unsigned status, const std::string& lang,
                     std::string_view template_name, const std::string& title_key,
                     const std::string& text_key, const Gpc& gpc) {
  json context = PageContext(api, lang, title_key, "", gpc);
  context["heading"] = context["title"];
  context["text"] = Text(context["t"], text_key);
  return PageResponse(api, status, template_name, context, gpc);
}

Response ErrorPage(const ApiContext& api, const Error& error, const std::string& lang,
                   const Gpc& gpc) {
  const unsigned status = StatusFor(error.code());
  if (status >= 500) spdlog::error("package download: {}", error.message());
  return MessagePage(api, status, lang, "portal_message", "error_title", "error_text", gpc);
}

// A link that opens nothing says so, and how to ask again: the same 404 for a malformed and an
// unknown link, a 410 for one that expired.
Response LinkErrorPage(const ApiContext& api, const Error& error, const std::string& lang,
                       const Gpc& gpc) {
  switch (error.code()) {
    case ErrorCode::kNotFound:
      return MessagePage(api, 404, lang, "portal_package_gone", "package_not_found_title",
                         "package_not_found_text", gpc);
    case ErrorCode::kFailedPrecondition:
      return MessagePage(api, 410, lang, "portal_package_gone", "package_expired_title",
                         "package_expired_text", gpc);
    default:
      return ErrorPage(api, error, lang, gpc);
  }
}

// What the package page shows besides the package: the button to send a code, or the form to
// type it (with the notice that one was sent, or why the last one was refused).
struct PackageView {
  bool code_form = false;
  std::string sent;
  std::string refusal;
  bool may_send = true;
};

Response PackageResponse(const ApiContext& api, unsigned status, const std::string& lang,
                         const app::OfferedPackage& offered, std::string_view path,
                         const PackageView& view, const Gpc& gpc) {
  // The language link leads to the page itself: only the first page has one.
  json context = PageContext(api, lang, "package_title", view.code_form ? "" : path, gpc);
  const json& t = api.templates->Strings(lang);
  context["reference"] = offered.request.reference;
  context["expires_on"] = LongDate(offered.expires_on, t);
  context["code_action"] = std::string(path) + "/code";
  context["download_action"] = std::string(path) + "/download";
  context["code_form"] = view.code_form;
  context["may_send"] = view.may_send;
  if (!view.sent.empty()) context["sent"] = view.sent;
  if (!view.refusal.empty()) context["refusal"] = view.refusal;
  return PageResponse(api, status, "portal_package", context, gpc);
}

// A posted form on a link: its fields once the link opens, else the page to answer with.
struct PostedForm {
  QueryParams fields;
  app::OfferedPackage offered;
  std::string lang;
  Gpc gpc;
  std::string path;
};

std::expected<PostedForm, Response> OpenPostedForm(const ApiContext& api, const Request& request,
                                                   std::string_view id, std::string_view secret) {
  auto fields = html::ReadFormBody(request);
  if (!fields) return std::unexpected(std::move(fields.error()));
  if (!console::SameOrigin(request)) {  // the secret in the path is the form's real guard
    const std::string lang =
        html::ChooseLanguage(*fields, View(request[beast_http::field::accept_language]));
    return std::unexpected(
        MessagePage(api, 403, lang, "portal_message", "error_title", "package_cross_site", {}));
  }
  auto offered = app::OpenPackageLink(api.services, id, secret);
  std::string lang = LanguageFor(*fields, request, offered);
  Gpc gpc = HonorGpcSignal(api, request, offered ? offered->request.subject.email : "");
  if (!offered) return std::unexpected(LinkErrorPage(api, offered.error(), lang, gpc));
  return PostedForm{.fields = std::move(*fields),
                    .offered = std::move(*offered),
                    .lang = std::move(lang),
                    .gpc = std::move(gpc),
                    .path = PackagePath(id, secret)};
}

Response ZipResponse(std::string_view reference, const std::vector<std::uint8_t>& zip) {
  return html::DownloadResponse(std::string(zip.begin(), zip.end()), "application/zip",
                                std::string(reference) + "-personal-information.zip");
}

}  // namespace

Response PackagePage(const ApiContext& api, const Request& request, std::string_view id,
                     std::string_view secret) {
  const QueryParams params = QueryOf(request);
  auto offered = app::OpenPackageLink(api.services, id, secret);
  const std::string lang = LanguageFor(params, request, offered);
  Gpc gpc = HonorGpcSignal(api, request, offered ? offered->request.subject.email : "");
  if (!offered) return LinkErrorPage(api, offered.error(), lang, gpc);
  return PackageResponse(api, 200, lang, *offered, PackagePath(id, secret), {}, gpc);
}

Response PostPackageCode(const ApiContext& api, const Request& request, std::string_view id,
                         std::string_view secret) {
  auto form = OpenPostedForm(api, request, id, secret);
  if (!form) return std::move(form.error());
  store::CodeStore* codes = api.codes;
  if (codes == nullptr) {
    return ErrorPage(api, Error(ErrorCode::kUnavailable, "no code store"), form->lang, form->gpc);
  }
  auto sent = app::SendPackageCode(api.services, *codes, form->offered, form->lang);
  if (!sent && sent.error().code() == ErrorCode::kResourceExhausted) {
    return MessagePage(api, 429, form->lang, "portal_package_gone", "codes_exhausted_title",
                       "codes_exhausted_text", form->gpc);
  }
  if (!sent) return ErrorPage(api, sent.error(), form->lang, form->gpc);
  const json& t = api.templates->Strings(form->lang);
  PackageView view{.code_form = true,
                   .sent = Filled(Text(t, "package_code_sent"), "{minutes}", CodeMinutes())};
  return PackageResponse(api, 200, form->lang, form->offered, form->path, view, form->gpc);
}

Response PostPackageDownload(const ApiContext& api, const Request& request, std::string_view id,
                             std::string_view secret) {
  auto form = OpenPostedForm(api, request, id, secret);
  if (!form) return std::move(form.error());
  store::CodeStore* codes = api.codes;
  if (codes == nullptr) {
    return ErrorPage(api, Error(ErrorCode::kUnavailable, "no code store"), form->lang, form->gpc);
  }
  auto typed = form->fields.find("code");
  auto download = app::DownloadWithCode(api.services, *codes, form->offered,
                                        typed == form->fields.end() ? "" : typed->second);
  const json& t = api.templates->Strings(form->lang);
  PackageView refused{.code_form = true};
  if (!download) {
    if (download.error().code() != ErrorCode::kInvalidArgument) {
      return LinkErrorPage(api, download.error(), form->lang, form->gpc);
    }
    refused.refusal = Text(t, "code_malformed");
  } else if (!download->zip) {
    refused.refusal = CodeRefusalText(t, download->verdict, "code_");
    refused.may_send = download->verdict.codes_left > 0;
  } else {
    return ZipResponse(download->reference, *download->zip);
  }
  return PackageResponse(api, 422, form->lang, form->offered, form->path, refused, form->gpc);
}

void AddPackageRoutes(Router& router, const ApiContext& api) {
  router.Add(Verb::get, "/privacy/package/{id}/{secret}",
             [&api](const Request& request, const Call& call) {
               return PackagePage(api, request, call.params.at("id"), call.params.at("secret"));
             });
  router.Add(Verb::post, "/privacy/package/{id}/{secret}/code",
             [&api](const Request& request, const Call& call) {
               return PostPackageCode(api, request, call.params.at("id"), call.params.at("secret"));
             });
  router.Add(Verb::post, "/privacy/package/{id}/{secret}/download",
             [&api](const Request& request, const Call& call) {
               return PostPackageDownload(api, request, call.params.at("id"),
                                          call.params.at("secret"));
             });
}

}  // namespace rightsdesk::http::portal
