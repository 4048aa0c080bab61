#include "recordref.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

QString RecordRef::label() const
{
    switch (kind) {
    case Kind::Draft: return u"Draft #%1"_s.arg(id);
    case Kind::User: return u"User %1"_s.arg(id);
    case Kind::Installation: return u"Installation %1"_s.arg(id);
    case Kind::UserDrafts:
        return status.isEmpty() ? u"Drafts of %1"_s.arg(userGithubId)
                                : u"Drafts of %1 (%2)"_s.arg(userGithubId, status);
    }
    return {};
}

QUrl RecordRef::toUrl() const
{
    QUrl url;
    url.setScheme(scheme());
    switch (kind) {
    case Kind::Draft: url.setPath(u"draft/"_s + QString::number(id)); break;
    case Kind::User: url.setPath(u"user/"_s + QString::number(id)); break;
    case Kind::Installation: url.setPath(u"installation/"_s + QString::number(id)); break;
    case Kind::UserDrafts: {
        url.setPath(u"drafts"_s);
        QUrlQuery query;
        query.addQueryItem(u"user"_s, userGithubId);
        query.addQueryItem(u"status"_s, status);
        url.setQuery(query);
        break;
    }
    }
    return url;
}

std::optional<RecordRef> RecordRef::fromUrl(const QUrl &url)
{
    if (url.scheme() != scheme())
        return std::nullopt;
    const QString path = url.path();
    if (path == u"drafts"_s) {
        const QUrlQuery query(url);
        const QString user = query.queryItemValue(u"user"_s);
        if (user.isEmpty())
            return std::nullopt;
        return userDrafts(user, query.queryItemValue(u"status"_s));
    }
    const QString kind = path.section(u'/', 0, 0);
    bool ok = false;
    const qint64 id = path.section(u'/', 1).toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    if (kind == u"draft"_s)
        return draft(id);
    if (kind == u"user"_s)
        return user(id);
    if (kind == u"installation"_s)
        return installation(id);
    return std::nullopt;
}

QUrl IssueRef::toUrl() const
{
    QUrl url;
    url.setScheme(RecordRef::scheme());
    url.setPath(u"issue"_s);
    QUrlQuery query;
    query.addQueryItem(u"repo"_s, repository);
    query.addQueryItem(u"number"_s, QString::number(number));
    url.setQuery(query);
    return url;
}

std::optional<IssueRef> IssueRef::fromUrl(const QUrl &url)
{
    if (url.scheme() != RecordRef::scheme() || url.path() != u"issue"_s)
        return std::nullopt;
    const QUrlQuery query(url);
    bool ok = false;
    const qint64 number = query.queryItemValue(u"number"_s).toLongLong(&ok);
    const QString repository = query.queryItemValue(u"repo"_s, QUrl::FullyDecoded);
    if (!ok || number < 1 || repository.isEmpty())
        return std::nullopt;
    return IssueRef{repository, number};
}

std::optional<RecordRef> RecordRef::fromAuditRow(const QString &table, const QString &rowKey)
{
    const QJsonObject key = QJsonDocument::fromJson(rowKey.toUtf8()).object();
    const auto number = [&key](const QString &name) -> qint64 {
        const QJsonValue value = key.value(name);
        return value.isString() ? value.toString().toLongLong() : value.toInteger();
    };
    qint64 id = 0;
    Kind kind = Kind::Draft;
    if (table == u"draft_content"_s) {
        id = number(u"id"_s);
    } else if (table == u"users"_s) {
        kind = Kind::User;
        id = number(u"id"_s);
    } else if (table == u"github_app_installations"_s) {
        kind = Kind::Installation;
        id = number(u"id"_s);
    } else if (table == u"user_installations"_s) {
        kind = Kind::User;
        id = number(u"user_id"_s);
    }
    if (id <= 0)
        return std::nullopt;
    return RecordRef{kind, id, {}, {}};
}
