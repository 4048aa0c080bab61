#pragma once

#include <QHash>
#include <QObject>
#include <QUrl>

#include <expected>
#include <functional>
#include <optional>

#include "http/httpclient.h"

// `Link: <url>; rel="next", <url>; rel="last"` → {"next": url, "last": url}.
QHash<QString, QUrl> parseLinkHeader(const QByteArray &value);
// The `rel="next"` URL of a response, resolved against the response's URL; nullopt on the last page.
std::optional<QUrl> nextPageUrl(const HttpResponse &response);

// Fetch `first` and then every `rel="next"` URL (resolved against the page's URL; same method,
// headers, scope, timeout). A next URL outside `first.scope` (without a scope: outside the first
// URL's origin) is not requested: `done` gets Kind::ForeignOrigin naming its origin.
// `onPage` sees each page in order and returns false to stop early; `done` is called once at the
// end (or with the first error). Neither is called after `context` is destroyed.
// `maxPages` guards against a server that never stops (0: no limit).
void fetchAllPages(HttpClient *client, HttpRequest first, QObject *context,
                   std::function<bool(const HttpResponse &page)> onPage,
                   std::function<void(std::expected<void, ApiError>)> done, int maxPages = 0);
