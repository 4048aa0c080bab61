#include "http/pagination.h"

#include <QPointer>

#include <memory>

using namespace Qt::StringLiterals;

QHash<QString, QUrl> parseLinkHeader(const QByteArray &value)
{
    QHash<QString, QUrl> links;
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = value.indexOf('<', pos);
        if (open < 0)
            break;
        const qsizetype close = value.indexOf('>', open + 1);
        if (close < 0)
            break;
        const QUrl url = QUrl::fromEncoded(value.mid(open + 1, close - open - 1).trimmed());
        qsizetype end = value.indexOf(',', close + 1);
        const qsizetype nextOpen = value.indexOf('<', close + 1);
        if (end < 0 || (nextOpen >= 0 && nextOpen < end))
            end = nextOpen < 0 ? value.size() : nextOpen;
        const QList<QByteArray> params = value.mid(close + 1, end - close - 1).split(';');
        for (const QByteArray &param : params) {
            const qsizetype eq = param.indexOf('=');
            if (eq < 0 || param.left(eq).trimmed().toLower() != "rel")
                continue;
            QByteArray rels = param.mid(eq + 1).trimmed();
            if (rels.startsWith('"') && rels.endsWith('"') && rels.size() >= 2)
                rels = rels.mid(1, rels.size() - 2);
            for (const QByteArray &rel : rels.split(' ')) {
                if (!rel.isEmpty() && url.isValid())
                    links.insert(QString::fromLatin1(rel.toLower()), url);
            }
        }
        pos = end;
    }
    return links;
}

std::optional<QUrl> nextPageUrl(const HttpResponse &response)
{
    const QByteArray link = response.header("link");
    if (link.isEmpty())
        return std::nullopt;
    const QHash<QString, QUrl> links = parseLinkHeader(link);
    const auto next = links.constFind(u"next"_s);
    if (next == links.cend())
        return std::nullopt;
    return response.url.isValid() ? response.url.resolved(*next) : *next;
}

namespace {

struct PageFetch
{
    QPointer<HttpClient> client;
    HttpRequest request;
    QUrl scope;  // where next links may lead
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<bool(const HttpResponse &)> onPage;
    std::function<void(std::expected<void, ApiError>)> done;
    int pages = 0;
    int maxPages = 0;

    bool gone() const { return !client || (hasContext && !context); }
};

void fetchPage(const std::shared_ptr<PageFetch> &fetch)
{
    fetch->client->send(fetch->request, fetch->context, [fetch](HttpClient::Result result) {
        if (!result) {
            fetch->done(std::unexpected(result.error()));
            return;
        }
        ++fetch->pages;
        if (!fetch->onPage(*result)) {
            if (!fetch->gone())
                fetch->done({});
            return;
        }
        if (fetch->gone())
            return;
        const auto next = nextPageUrl(*result);
        if (!next) {
            fetch->done({});
            return;
        }
        if (fetch->maxPages > 0 && fetch->pages >= fetch->maxPages) {
            fetch->done(std::unexpected(ApiError::decode(
                fetch->request.url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)
                + u": more than "_s + QString::number(fetch->maxPages) + u" pages"_s)));
            return;
        }
        // A Link may name any URL; the request's credentials belong to its scope only. A page
        // outside it is not asked for at all (the HTTP layer would refuse it too).
        if (!isWithinScope(*next, fetch->scope)) {
            fetch->done(std::unexpected(ApiError::foreignOrigin(
                QString::fromLatin1(fetch->request.method) + u' '
                + fetch->request.url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment)
                + u": the next page's link points to "_s + originText(*next) + u", outside "_s + scopeText(fetch->scope)
                + u"; not followed"_s)));
            return;
        }
        fetch->request.url = *next;
        fetchPage(fetch);
    });
}

} // namespace

void fetchAllPages(HttpClient *client, HttpRequest first, QObject *context,
                   std::function<bool(const HttpResponse &page)> onPage,
                   std::function<void(std::expected<void, ApiError>)> done, int maxPages)
{
    auto fetch = std::make_shared<PageFetch>();
    fetch->client = client;
    fetch->request = std::move(first);
    fetch->scope = fetch->request.scope.isEmpty()
        ? fetch->request.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        : fetch->request.scope;
    fetch->context = context;
    fetch->hasContext = context != nullptr;
    fetch->onPage = std::move(onPage);
    fetch->done = std::move(done);
    fetch->maxPages = maxPages;
    fetchPage(fetch);
}
