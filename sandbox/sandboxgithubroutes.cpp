// SandboxGitHub: dispatch of the endpoints (the JSON shapes are in sandboxgithub.cpp).
#include "sandboxgithub.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

FakeResponse error(int status, const QString &text)
{
    return FakeResponse::json(status, compactJson(QJsonObject{{u"message"_s, text},
                                                              {u"documentation_url"_s, u"https://docs.github.com/rest"_s}}));
}

FakeResponse validationFailed(const QString &resource, const QString &field, const QString &code,
                              const QString &text = QString())
{
    QJsonObject item{{u"resource"_s, resource}, {u"field"_s, field}, {u"code"_s, code}};
    if (!text.isEmpty())
        item[u"message"_s] = text;
    return FakeResponse::json(422, compactJson(QJsonObject{
                                       {u"message"_s, u"Validation Failed"_s},
                                       {u"errors"_s, QJsonArray{item}},
                                       {u"documentation_url"_s, u"https://docs.github.com/rest"_s}}));
}

bool isAppJwtHeader(const QByteArray &authorization)
{
    if (!authorization.startsWith("Bearer "))
        return false;
    const QList<QByteArray> parts = authorization.mid(7).trimmed().split('.');
    if (parts.size() != 3 || parts.at(1).isEmpty() || parts.at(2).isEmpty())
        return false;
    const QByteArray header = QByteArray::fromBase64(parts.at(0), QByteArray::Base64UrlEncoding);
    return QJsonDocument::fromJson(header).object().value("alg"_L1).toString() == u"RS256"_s;
}

bool isSandboxToken(const QByteArray &authorization)
{
    static const QRegularExpression pattern(u"^(Bearer|token) ghs_sandbox\\d+_[0-9a-f]+$"_s);
    return pattern.match(QString::fromLatin1(authorization.trimmed())).hasMatch();
}

struct Match
{
    QRegularExpressionMatch match;
    bool operator()(const QString &pattern, const QString &path)
    {
        match = QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(path);
        return match.hasMatch();
    }
    QString operator[](int i) const { return match.captured(i); }
};

} // namespace

FakeResponse SandboxGitHub::route(const RecordedRequest &request)
{
    const QString path = request.path();
    const QByteArray method = request.method;
    const QByteArray authorization = request.header("authorization");
    const bool appAuth = isAppJwtHeader(authorization);
    const bool installationAuth = isSandboxToken(authorization);
    const FakeResponse jwtRequired = error(401, u"A JSON web token could not be decoded"_s);
    const FakeResponse badCredentials = error(401, u"Bad credentials"_s);
    Match m;

    if (method == "GET" && path.startsWith(u"/web/"_s))
        return webPage(path.mid(4));

    if (method == "GET" && path == u"/rate_limit"_s) {
        QJsonObject body = fromTemplate(u"GET_rate_limit.json"_s).toObject();
        const QJsonObject core{{u"limit"_s, 5000}, {u"used"_s, 5000 - m_remaining}, {u"remaining"_s, m_remaining},
                               {u"reset"_s, QDateTime::currentSecsSinceEpoch() + 3600 - QDateTime::currentSecsSinceEpoch() % 3600}};
        QJsonObject resources = body.value("resources"_L1).toObject();
        resources[u"core"_s] = core;
        body[u"resources"_s] = resources;
        body[u"rate"_s] = core;
        return FakeResponse::json(200, compactJson(body));
    }

    // App endpoints: any JWT of the right shape.
    if (path.startsWith(u"/app"_s) || (m(u"/repos/([^/]+)/([^/]+)/installation"_s, path))) {
        if (!appAuth)
            return jwtRequired;
        if (method == "GET" && path == u"/app"_s)
            return FakeResponse::json(200, compactJson(app()));
        if (method == "GET" && path == u"/app/installations"_s) {
            QList<Installation> all = m_installations;
            if (all.isEmpty()) {
                for (qint64 id : {31415926, 27182818, 16180339})
                    all.append(*findInstallation(QString::number(id)));
            }
            QJsonArray items;
            for (const Installation &inst : std::as_const(all))
                items.append(installation(inst));
            return paged(request, items);
        }
        if (method == "GET" && m(u"/app/installations/(\\d+)"_s, path)) {
            const auto inst = findInstallation(m[1]);
            return inst ? FakeResponse::json(200, compactJson(installation(*inst))) : error(404, u"Not Found"_s);
        }
        if (method == "POST" && m(u"/app/installations/(\\d+)/access_tokens"_s, path)) {
            const auto inst = findInstallation(m[1]);
            if (!inst)
                return error(404, u"Not Found"_s);
            QJsonObject body = fromTemplate(u"POST_app_installation_access_token.json"_s).toObject();
            const QString token = u"ghs_sandbox"_s + m[1] + u'_'
                + QString::number(QRandomGenerator::global()->generate64(), 16);
            body[u"token"_s] = token;
            body[u"expires_at"_s] = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
            body[u"repository_selection"_s] = u"selected"_s;
            body.remove(u"repositories"_s);
            return FakeResponse::json(201, compactJson(body));
        }
        if (method == "GET" && m(u"/repos/([^/]+)/([^/]+)/installation"_s, path))
            return FakeResponse::json(200, compactJson(installation(installationFor(m[1]))));
        return error(404, u"Not Found"_s);
    }

    if (method == "GET" && m(u"/user/(\\d+)"_s, path)) {
        const qint64 id = m[1].toLongLong();
        const QString login = m_catalog.loginForAccountId(id);
        m_loginIds.insert(login.toLower(), id);
        QJsonObject user = fromTemplate(u"GET_user_by_id.json"_s).toObject();
        QJsonObject simple = account(login, u"User"_s);
        for (auto it = simple.constBegin(); it != simple.constEnd(); ++it)
            user[it.key()] = it.value();
        user[u"name"_s] = m_catalog.displayName(login);
        user[u"email"_s] = QJsonValue::Null;
        user[u"company"_s] = QJsonValue::Null;
        user[u"blog"_s] = u""_s;
        user[u"bio"_s] = QJsonValue::Null;
        user[u"twitter_username"_s] = QJsonValue::Null;
        user[u"location"_s] = QJsonValue::Null;
        user[u"public_repos"_s] = int(id % 40);
        user[u"followers"_s] = int(id % 97);
        return FakeResponse::json(200, compactJson(user));
    }
    if (method == "GET" && m(u"/users/([^/]+)"_s, path)) {
        const QString login = m[1];
        const Installation owner = installationFor(login);
        const bool organization = owner.accountType.compare(u"organization"_s, Qt::CaseInsensitive) == 0;
        QJsonObject user = fromTemplate(u"GET_user_by_id.json"_s).toObject();
        const QJsonObject simple = account(login, organization ? u"Organization"_s : u"User"_s);
        for (auto it = simple.constBegin(); it != simple.constEnd(); ++it)
            user[it.key()] = it.value();
        user[u"name"_s] = organization ? login : m_catalog.displayName(login);
        user[u"email"_s] = QJsonValue::Null;
        user[u"company"_s] = QJsonValue::Null;
        user[u"bio"_s] = QJsonValue::Null;
        user[u"twitter_username"_s] = QJsonValue::Null;
        return FakeResponse::json(200, compactJson(user));
    }

    // Installation endpoints: a token this sandbox issued.
    if (!installationAuth)
        return badCredentials;

    if (method == "GET" && path == u"/installation/repositories"_s) {
        static const QRegularExpression idPattern(u"ghs_sandbox(\\d+)_"_s);
        const QString id = idPattern.match(QString::fromLatin1(authorization)).captured(1);
        const auto inst = findInstallation(id);
        if (!inst)
            return badCredentials;
        QJsonArray items;
        for (const QString &fullName : m_catalog.repositoriesOf(inst->account))
            items.append(repository(fullName));
        return paged(request, items, u"repositories"_s);
    }

    if (!m(u"/repos/([^/]+)/([^/]+)(/.*)?"_s, path))
        return error(404, u"Not Found"_s);
    const QString owner = m[1];
    const QString fullName = owner + u'/' + m[2];
    const QString rest = m[3];

    if (method == "GET" && m(u"/issues/(\\d+)"_s, rest))
        return FakeResponse::json(200, compactJson(issue(fullName, m[1].toInt())));
    if (method == "GET" && m(u"/issues/(\\d+)/comments"_s, rest))
        return paged(request, commentsOf(fullName, m[1].toInt()));
    if (method == "POST" && m(u"/issues/(\\d+)/comments"_s, rest)) {
        const int number = m[1].toInt();
        const QJsonObject input = QJsonDocument::fromJson(request.body).object();
        const QString body = input.value("body"_L1).toString();
        if (body.isEmpty())
            return validationFailed(u"IssueComment"_s, u"body"_s, u"missing_field"_s);
        const qint64 id = m_nextCommentId++;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QJsonObject created = comment(fullName, number, id, u"draftwise-ai-sandbox[bot]"_s, body, now);
        m_postedComments[fullName.toLower() + u'#' + QString::number(number)].append(created);
        Publication publication;
        publication.kind = Publication::Kind::Comment;
        publication.repository = fullName;
        publication.issueNumber = number;
        publication.id = id;
        publication.htmlUrl = created.value("html_url"_L1).toString();
        publication.body = body;
        publication.createdAt = now;
        m_publications.append(publication);
        Q_EMIT published(publication);
        return FakeResponse::json(201, compactJson(created)).withHeader("Location", created.value("url"_L1).toString().toUtf8());
    }
    if (method == "GET" && rest == u"/pulls"_s) {
        const QString head = request.query(u"head"_s);
        const QString state = request.query(u"state"_s).isEmpty() ? u"open"_s : request.query(u"state"_s);
        QJsonArray items;
        for (const QJsonObject &pr : m_pulls.value(fullName.toLower())) {
            if (!head.isEmpty() && pr.value("head"_L1).toObject().value("label"_L1).toString() != head)
                continue;
            if (state != u"all"_s && pr.value("state"_L1).toString() != state)
                continue;
            items.append(pr);
        }
        return paged(request, items);
    }
    if (method == "POST" && rest == u"/pulls"_s) {
        const QJsonObject input = QJsonDocument::fromJson(request.body).object();
        const QString title = input.value("title"_L1).toString();
        const QString head = input.value("head"_L1).toString();
        const QString base = input.value("base"_L1).toString();
        if (title.isEmpty())
            return validationFailed(u"PullRequest"_s, u"title"_s, u"missing_field"_s);
        if (head.isEmpty())
            return validationFailed(u"PullRequest"_s, u"head"_s, u"missing_field"_s);
        if (base.isEmpty())
            return validationFailed(u"PullRequest"_s, u"base"_s, u"missing_field"_s);
        const QString headRef = head.contains(u':') ? head.section(u':', 1) : head;
        const QString headLabel = owner + u':' + headRef;
        QList<QJsonObject> &pulls = m_pulls[fullName.toLower()];
        for (const QJsonObject &pr : std::as_const(pulls)) {
            if (pr.value("head"_L1).toObject().value("label"_L1).toString() == headLabel
                && pr.value("state"_L1).toString() == u"open"_s)
                return validationFailed(u"PullRequest"_s, QString(), u"custom"_s,
                                        u"A pull request already exists for "_s + headLabel + u'.');
        }
        const int number = 5001 + int(pulls.size());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QJsonObject pr = rewrite(fromTemplate(u"POST_pull.json"_s, fullName),
                                 {{u"/1347"_s, u'/' + QString::number(number)}}).toObject();
        const qint64 id = qint64(1900000000 + SandboxCatalog::stableHash(fullName + u"pr"_s + QString::number(number)) % 90000000);
        pr[u"id"_s] = id;
        pr[u"node_id"_s] = QString::fromLatin1((u"PR_"_s + QString::number(id)).toUtf8().toBase64());
        pr[u"number"_s] = number;
        pr[u"title"_s] = title;
        pr[u"body"_s] = input.value("body"_L1).toString();
        pr[u"state"_s] = u"open"_s;
        pr[u"locked"_s] = false;
        pr[u"active_lock_reason"_s] = QJsonValue::Null;
        pr[u"draft"_s] = input.value("draft"_L1).toBool();
        pr[u"user"_s] = account(u"draftwise-ai-sandbox[bot]"_s, u"Bot"_s);
        pr[u"labels"_s] = QJsonArray{};
        pr[u"milestone"_s] = QJsonValue::Null;
        pr[u"assignee"_s] = QJsonValue::Null;
        pr[u"assignees"_s] = QJsonArray{};
        pr[u"requested_reviewers"_s] = QJsonArray{};
        pr[u"requested_teams"_s] = QJsonArray{};
        pr[u"created_at"_s] = now.toString(Qt::ISODate);
        pr[u"updated_at"_s] = now.toString(Qt::ISODate);
        pr[u"closed_at"_s] = QJsonValue::Null;
        pr[u"merged_at"_s] = QJsonValue::Null;
        pr[u"merge_commit_sha"_s] = QJsonValue::Null;
        QJsonObject headObject = pr.value("head"_L1).toObject();
        headObject[u"ref"_s] = headRef;
        headObject[u"label"_s] = headLabel;
        headObject[u"repo"_s] = repository(fullName);
        headObject[u"user"_s] = account(owner, u"User"_s);
        pr[u"head"_s] = headObject;
        QJsonObject baseObject = pr.value("base"_L1).toObject();
        baseObject[u"ref"_s] = base;
        baseObject[u"label"_s] = QString(owner + u':' + base);
        baseObject[u"repo"_s] = repository(fullName);
        baseObject[u"user"_s] = account(owner, u"User"_s);
        pr[u"base"_s] = baseObject;
        pr[u"author_association"_s] = u"NONE"_s;
        pulls.append(pr);
        Publication publication;
        publication.kind = Publication::Kind::PullRequest;
        publication.repository = fullName;
        publication.issueNumber = number;
        publication.id = id;
        publication.htmlUrl = pr.value("html_url"_L1).toString();
        publication.title = title;
        publication.head = headRef;
        publication.base = base;
        publication.body = pr.value("body"_L1).toString();
        publication.createdAt = now;
        m_publications.append(publication);
        Q_EMIT published(publication);
        return FakeResponse::json(201, compactJson(pr)).withHeader("Location", pr.value("url"_L1).toString().toUtf8());
    }
    if (method == "GET" && m(u"/branches/(.+)"_s, rest)) {
        const QString branch = m[1];
        if (branch != u"main"_s && branch != u"develop"_s && !branch.startsWith(u"ai/"_s))
            return error(404, u"Branch not found"_s);
        QJsonObject body = fromTemplate(u"GET_repo_branch.json"_s, fullName).toObject();
        body[u"name"_s] = branch;
        body[u"protected"_s] = branch == u"main"_s;
        return FakeResponse::json(200, compactJson(body));
    }
    if (method == "GET" && m(u"/compare/(.+)\\.\\.\\.(.+)"_s, rest)) {
        const QString base = m[1].contains(u':') ? m[1].section(u':', 1) : m[1];
        const QString head = m[2].contains(u':') ? m[2].section(u':', 1) : m[2];
        if (!SandboxCatalog::isKnownBranch(base) || !SandboxCatalog::isKnownBranch(head))
            return error(404, u"Not Found"_s);
        const SandboxCatalog::Comparison changes = m_catalog.comparison(fullName, base, head);
        if (request.header("accept").contains("diff"))
            return FakeResponse::text(200, changes.diff.toUtf8(), "application/vnd.github.diff; charset=utf-8");
        return FakeResponse::json(200, compactJson(comparison(fullName, base, head, changes)));
    }
    return error(404, u"Not Found"_s);
}

FakeResponse SandboxGitHub::webPage(const QString &path) const
{
    auto page = [](const QString &title, const QString &content) -> FakeResponse {
        const QString html = u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"_s + title.toHtmlEscaped()
            + u" · sandbox GitHub</title><style>body{font-family:sans-serif;max-width:56em;margin:2em auto}"
              u"pre{white-space:pre-wrap;background:#f6f8fa;padding:1em}.banner{background:#fff8c5;padding:.5em 1em}"
              u"</style></head><body><p class=\"banner\">Sandbox GitHub: nothing on this page is real.</p>"_s
            + content + u"</body></html>"_s;
        return FakeResponse::html(200, html.toUtf8());
    };
    Match m;
    if (m(u"/([^/]+)/([^/]+)/issues/(\\d+)"_s, path)) {
        const QString fullName = m[1] + u'/' + m[2];
        const int number = m[3].toInt();
        const SandboxCatalog::Issue data = m_catalog.issue(fullName, number);
        QString content = u"<h1>"_s + data.title.toHtmlEscaped() + u" <small>#"_s + QString::number(number)
            + u"</small></h1><p>"_s + fullName.toHtmlEscaped() + u" · opened by "_s + data.author.toHtmlEscaped()
            + u"</p><pre>"_s + data.body.toHtmlEscaped() + u"</pre>"_s;
        for (const QJsonValue &value : commentsOf(fullName, number)) {
            const QJsonObject c = value.toObject();
            content += u"<h3 id=\"issuecomment-"_s + QString::number(c.value("id"_L1).toInteger()) + u"\">"_s
                + c.value("user"_L1).toObject().value("login"_L1).toString().toHtmlEscaped() + u" · "_s
                + c.value("created_at"_L1).toString() + u"</h3><pre>"_s
                + c.value("body"_L1).toString().toHtmlEscaped() + u"</pre>"_s;
        }
        return page(data.title, content);
    }
    if (m(u"/([^/]+)/([^/]+)/pull/(\\d+)"_s, path)) {
        const QString fullName = m[1] + u'/' + m[2];
        for (const QJsonObject &pr : m_pulls.value(fullName.toLower())) {
            if (pr.value("number"_L1).toInt() != m[3].toInt())
                continue;
            const QString title = pr.value("title"_L1).toString();
            return page(title, u"<h1>"_s + title.toHtmlEscaped() + u" <small>#"_s + m[3] + u"</small></h1><p>"_s
                                   + fullName.toHtmlEscaped() + u": "_s
                                   + pr.value("head"_L1).toObject().value("ref"_L1).toString().toHtmlEscaped()
                                   + u" → "_s + pr.value("base"_L1).toObject().value("ref"_L1).toString().toHtmlEscaped()
                                   + u"</p><pre>"_s + pr.value("body"_L1).toString().toHtmlEscaped() + u"</pre>"_s);
        }
    }
    FakeResponse missing = page(u"Not Found"_s, u"<h1>Not Found</h1>"_s);
    missing.status = 404;
    return missing;
}
