#include "sandboxgithub.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

QString iso(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODate);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QString nodeId(const QString &prefix, qint64 id)
{
    return QString::fromLatin1((prefix + u':' + QString::number(id)).toUtf8().toBase64());
}

} // namespace

QJsonValue SandboxGitHub::rewrite(const QJsonValue &value, const Replacements &replacements)
{
    if (value.isString()) {
        QString text = value.toString();
        for (const auto &[from, to] : replacements)
            text.replace(from, to);
        return text;
    }
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(rewrite(item, replacements));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = rewrite(it.value(), replacements);
        return object;
    }
    return value;
}

SandboxGitHub::SandboxGitHub(QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<FakeHttpServer>())
    , m_appName(u"Draftwise AI (sandbox)"_s)
    , m_appId(424242)
{
    m_server->setFallback([this](const RecordedRequest &request) { return handle(request); });
}

SandboxGitHub::~SandboxGitHub() = default;

std::expected<QUrl, QString> SandboxGitHub::start(quint16 port)
{
    if (!m_server->listen(port))
        return std::unexpected(u"The sandbox GitHub cannot listen on 127.0.0.1: "_s + m_server->errorString());
    return baseUrl();
}

QUrl SandboxGitHub::baseUrl() const
{
    return m_server->baseUrl();
}

QString SandboxGitHub::webUrl() const
{
    return baseUrl().toString() + u"/web"_s;
}

void SandboxGitHub::setInstallations(const QList<Installation> &installations)
{
    m_installations = installations;
}

QJsonValue SandboxGitHub::fromTemplate(const QString &name, const QString &fullName) const
{
    QFile file(u":/sandbox/github/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    Replacements replacements{{u"https://api.github.com"_s, baseUrl().toString()},
                              {u"https://github.com"_s, webUrl()}};
    if (!fullName.isEmpty()) {
        replacements.append({u"octocat/Hello-World"_s, fullName});
        replacements.append({u"Hello-World"_s, fullName.section(u'/', 1)});
    }
    return rewrite(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), replacements);
}

QJsonObject SandboxGitHub::account(const QString &login, const QString &type) const
{
    const QJsonObject owner = fromTemplate(u"GET_app.json"_s).toObject().value("owner"_L1).toObject();
    const qint64 id = m_loginIds.value(login.toLower(), m_catalog.accountIdForLogin(login));
    QJsonObject result = rewrite(owner, {{u"octocat"_s, login}}).toObject();
    result[u"id"_s] = id;
    result[u"node_id"_s] = nodeId(u"04:User"_s, id);
    result[u"avatar_url"_s] = u"https://avatars.githubusercontent.com/u/%1?v=4"_s.arg(id);
    result[u"type"_s] = type;
    return result;
}

QJsonObject SandboxGitHub::app() const
{
    QJsonObject result = fromTemplate(u"GET_app.json"_s).toObject();
    result[u"id"_s] = m_appId;
    result[u"slug"_s] = u"draftwise-ai-sandbox"_s;
    result[u"name"_s] = m_appName;
    result[u"client_id"_s] = u"Iv1.5a4db0x5andb0x"_s;
    result[u"node_id"_s] = nodeId(u"011:Integration"_s, m_appId);
    result[u"description"_s] = u"Writes draft issue comments and pull requests. Sandbox: nothing is real."_s;
    result[u"html_url"_s] = QString(webUrl() + u"/apps/draftwise-ai-sandbox"_s);
    result[u"owner"_s] = account(u"draftwise"_s, u"Organization"_s);
    result[u"permissions"_s] = QJsonObject{{u"metadata"_s, u"read"_s}, {u"contents"_s, u"write"_s},
                                           {u"issues"_s, u"write"_s}, {u"pull_requests"_s, u"write"_s}};
    result[u"events"_s] = QJsonArray{u"issues"_s, u"issue_comment"_s, u"pull_request"_s};
    return result;
}

QJsonObject SandboxGitHub::installation(const Installation &inst) const
{
    QJsonObject result = fromTemplate(u"GET_app_installation.json"_s).toObject();
    const qint64 id = inst.id.toLongLong();
    const bool organization = inst.accountType.compare(u"organization"_s, Qt::CaseInsensitive) == 0;
    const QString type = organization ? u"Organization"_s : u"User"_s;
    const QJsonObject owner = account(inst.account, type);
    result[u"id"_s] = id;
    result[u"account"_s] = owner;
    result[u"access_tokens_url"_s] = QString(baseUrl().toString() + u"/app/installations/%1/access_tokens"_s.arg(id));
    result[u"html_url"_s] = organization
        ? QString(webUrl() + u"/organizations/%1/settings/installations/%2"_s.arg(inst.account).arg(id))
        : QString(webUrl() + u"/settings/installations/%1"_s.arg(id));
    result[u"app_id"_s] = m_appId;
    result[u"app_slug"_s] = u"draftwise-ai-sandbox"_s;
    result[u"target_id"_s] = owner.value("id"_L1);
    result[u"target_type"_s] = type;
    result[u"repository_selection"_s] = u"selected"_s;
    const QDateTime created = m_catalog.anchor().addDays(-qint64(SandboxCatalog::stableHash(inst.id) % 600));
    result[u"created_at"_s] = iso(created);
    result[u"updated_at"_s] = iso(created.addDays(3));
    if (inst.suspended) {
        result[u"suspended_at"_s] = iso(created.addDays(5));
        result[u"suspended_by"_s] = account(inst.account + u"-admin"_s, u"User"_s);
    } else {
        result[u"suspended_at"_s] = QJsonValue::Null;
        result[u"suspended_by"_s] = QJsonValue::Null;
    }
    return result;
}

QJsonObject SandboxGitHub::repository(const QString &fullName) const
{
    const QJsonArray repos = fromTemplate(u"GET_installation_repositories.json"_s, fullName)
                                 .toObject().value("repositories"_L1).toArray();
    QJsonObject result = repos.first().toObject();
    const QString owner = fullName.section(u'/', 0, 0);
    const auto inst = installationFor(owner);
    const bool organization = inst.accountType.compare(u"organization"_s, Qt::CaseInsensitive) == 0;
    result = rewrite(result, {{u"/octocat"_s, u'/' + owner}}).toObject();
    const qint64 id = m_catalog.repositoryId(fullName);
    result[u"id"_s] = id;
    result[u"node_id"_s] = nodeId(u"010:Repository"_s, id);
    result[u"owner"_s] = account(owner, organization ? u"Organization"_s : u"User"_s);
    result[u"private"_s] = organization;
    result[u"visibility"_s] = organization ? u"private"_s : u"public"_s;
    result[u"description"_s] = m_catalog.repositoryDescription(fullName);
    result[u"language"_s] = m_catalog.repositoryLanguage(fullName);
    result[u"default_branch"_s] = u"main"_s;
    result[u"homepage"_s] = QJsonValue::Null;
    result[u"topics"_s] = QJsonArray{};
    return result;
}

QJsonObject SandboxGitHub::issue(const QString &fullName, int number) const
{
    const SandboxCatalog::Issue data = m_catalog.issue(fullName, number);
    QJsonObject result = rewrite(fromTemplate(u"GET_issue.json"_s, fullName),
                                 {{u"/1347"_s, u'/' + QString::number(number)}}).toObject();
    const qint64 id = qint64(SandboxCatalog::stableHash(fullName + u'#' + QString::number(number)) % 3000000000);
    result[u"id"_s] = id;
    result[u"node_id"_s] = nodeId(u"05:Issue"_s, id);
    result[u"number"_s] = number;
    result[u"title"_s] = data.title;
    result[u"body"_s] = data.body;
    result[u"user"_s] = account(data.author, u"User"_s);
    QJsonArray labels;
    for (const QString &label : data.labels) {
        const qint64 labelId = qint64(SandboxCatalog::stableHash(fullName + u"label:"_s + label) % 9000000000);
        labels.append(QJsonObject{{u"id"_s, labelId},
                                  {u"node_id"_s, nodeId(u"05:Label"_s, labelId)},
                                  {u"url"_s, QString(baseUrl().toString() + u"/repos/"_s + fullName + u"/labels/"_s + label)},
                                  {u"name"_s, label},
                                  {u"description"_s, QJsonValue::Null},
                                  {u"color"_s, label == u"bug"_s ? u"d73a4a"_s : u"a2eeef"_s},
                                  {u"default"_s, label == u"bug"_s}});
    }
    result[u"labels"_s] = labels;
    result[u"assignee"_s] = QJsonValue::Null;
    result[u"assignees"_s] = QJsonArray{};
    result[u"milestone"_s] = QJsonValue::Null;
    result[u"locked"_s] = false;
    result[u"active_lock_reason"_s] = QJsonValue::Null;
    result[u"comments"_s] = commentsOf(fullName, number).size();
    result.remove(u"pull_request"_s);
    result[u"state"_s] = data.open ? u"open"_s : u"closed"_s;
    result[u"state_reason"_s] = data.open ? QJsonValue(QJsonValue::Null) : QJsonValue(u"completed"_s);
    result[u"created_at"_s] = iso(data.createdAt);
    result[u"updated_at"_s] = iso(data.updatedAt);
    result[u"closed_at"_s] = data.open ? QJsonValue(QJsonValue::Null) : QJsonValue(iso(data.updatedAt));
    result[u"closed_by"_s] = data.open ? QJsonValue(QJsonValue::Null) : QJsonValue(account(data.author, u"User"_s));
    result[u"author_association"_s] = u"CONTRIBUTOR"_s;
    return result;
}

QJsonObject SandboxGitHub::comment(const QString &fullName, int number, qint64 id, const QString &author,
                                   const QString &body, const QDateTime &createdAt) const
{
    QJsonObject result = rewrite(fromTemplate(u"POST_issue_comment.json"_s, fullName),
                                 {{u"/1347"_s, u'/' + QString::number(number)}}).toObject();
    const QString repoApi = baseUrl().toString() + u"/repos/"_s + fullName;
    result[u"id"_s] = id;
    result[u"node_id"_s] = nodeId(u"012:IssueComment"_s, id);
    result[u"url"_s] = QString(repoApi + u"/issues/comments/"_s + QString::number(id));
    result[u"html_url"_s] = QString(webUrl() + u"/%1/issues/%2#issuecomment-%3"_s.arg(fullName).arg(number).arg(id));
    result[u"issue_url"_s] = QString(repoApi + u"/issues/"_s + QString::number(number));
    result[u"body"_s] = body;
    result[u"user"_s] = account(author, author.endsWith(u"[bot]"_s) ? u"Bot"_s : u"User"_s);
    result[u"created_at"_s] = iso(createdAt);
    result[u"updated_at"_s] = iso(createdAt);
    result[u"author_association"_s] = author.endsWith(u"[bot]"_s) ? u"NONE"_s : u"CONTRIBUTOR"_s;
    return result;
}

QJsonArray SandboxGitHub::commentsOf(const QString &fullName, int number) const
{
    QJsonArray result;
    const SandboxCatalog::Issue data = m_catalog.issue(fullName, number);
    for (int i = 0; i < data.seededComments; ++i) {
        const SandboxCatalog::Comment c = m_catalog.seededComment(fullName, number, i);
        result.append(comment(fullName, number, c.id, c.author, c.body, c.createdAt));
    }
    for (const QJsonObject &posted : m_postedComments.value(fullName.toLower() + u'#' + QString::number(number)))
        result.append(posted);
    return result;
}

std::optional<SandboxGitHub::Installation> SandboxGitHub::findInstallation(const QString &id) const
{
    for (const Installation &inst : m_installations) {
        if (inst.id == id)
            return inst;
    }
    if (m_installations.isEmpty())
        return Installation{id, m_catalog.accountForInstallation(id.toLongLong()), u"organization"_s};
    return std::nullopt;
}

SandboxGitHub::Installation SandboxGitHub::installationFor(const QString &owner) const
{
    for (const Installation &inst : m_installations) {
        if (inst.account.compare(owner, Qt::CaseInsensitive) == 0)
            return inst;
    }
    const qint64 id = qint64(10000000 + SandboxCatalog::stableHash(u"owner:"_s + owner.toLower()) % 50000000);
    return Installation{QString::number(id), owner, owner.contains(u'-') ? u"organization"_s : u"user"_s};
}

FakeResponse SandboxGitHub::paged(const RecordedRequest &request, const QJsonArray &items, const QString &wrapKey,
                                  int totalCount) const
{
    const int perPage = std::clamp(request.query(u"per_page"_s).isEmpty() ? 30 : request.query(u"per_page"_s).toInt(), 1, 100);
    const int lastPage = std::max(1, int((items.size() + perPage - 1) / perPage));
    const int page = std::clamp(request.query(u"page"_s).isEmpty() ? 1 : request.query(u"page"_s).toInt(), 1, lastPage + 1);
    QJsonArray slice;
    for (qsizetype i = qsizetype(page - 1) * perPage; i < std::min<qsizetype>(items.size(), qsizetype(page) * perPage); ++i)
        slice.append(items.at(i));
    const QByteArray body = wrapKey.isEmpty()
        ? compact(slice)
        : compact(QJsonObject{{u"total_count"_s, totalCount < 0 ? int(items.size()) : totalCount}, {wrapKey, slice}});
    FakeResponse response = FakeResponse::json(200, body);
    auto pageUrl = [&](int number) -> QByteArray {
        QUrl url = baseUrl();
        url.setPath(request.path());
        const qsizetype q = request.target.indexOf('?');
        QUrlQuery query(q < 0 ? QString() : QString::fromLatin1(request.target.mid(q + 1)));
        query.removeAllQueryItems(u"page"_s);
        query.addQueryItem(u"page"_s, QString::number(number));
        url.setQuery(query);
        return url.toEncoded();
    };
    QList<QByteArray> links;
    if (page < lastPage) {
        links << "<" + pageUrl(page + 1) + ">; rel=\"next\"";
        links << "<" + pageUrl(lastPage) + ">; rel=\"last\"";
    }
    if (page > 1) {
        links << "<" + pageUrl(page - 1) + ">; rel=\"prev\"";
        links << "<" + pageUrl(1) + ">; rel=\"first\"";
    }
    if (!links.isEmpty())
        response.withHeader("Link", links.join(", "));
    return response;
}

FakeResponse SandboxGitHub::handle(const RecordedRequest &request)
{
    return finish(request, route(request));
}

FakeResponse SandboxGitHub::finish(const RecordedRequest &request, FakeResponse response)
{
    if (request.method == "GET" && response.status == 200) {
        const QByteArray etag = "W/\"" + QCryptographicHash::hash(response.body, QCryptographicHash::Sha1).toHex() + '"';
        response.withHeader("ETag", etag);
        if (request.header("if-none-match") == etag) {
            response.status = 304;
            response.body.clear();
        }
    }
    if (response.status != 304 && m_remaining > 0)
        --m_remaining;
    const QDateTime reset = QDateTime::currentDateTimeUtc().addSecs(3600 - QDateTime::currentSecsSinceEpoch() % 3600);
    response.withHeader("X-RateLimit-Limit", "5000")
        .withHeader("X-RateLimit-Remaining", QByteArray::number(m_remaining))
        .withHeader("X-RateLimit-Used", QByteArray::number(5000 - m_remaining))
        .withHeader("X-RateLimit-Reset", QByteArray::number(reset.toSecsSinceEpoch()))
        .withHeader("X-RateLimit-Resource", "core")
        .withHeader("X-GitHub-Api-Version-Selected", "2022-11-28")
        .withHeader("X-GitHub-Media-Type", "github.v3; format=json")
        .withHeader("X-GitHub-Request-Id", "5A4D:B0X:" + QByteArray::number(m_server->requests().size(), 16).toUpper());
    return response;
}

QJsonObject SandboxGitHub::comparison(const QString &fullName, const QString &base, const QString &head,
                                      const SandboxCatalog::Comparison &changes) const
{
    const QString templateSha = u"6dcb09b5b57875f334f61aebed695e2e4193db5e"_s;
    const QString baseSha = QString::number(SandboxCatalog::stableHash(fullName + u'@' + base), 16).rightJustified(16, u'0')
        + QString::number(SandboxCatalog::stableHash(base), 16).rightJustified(16, u'0') + u"00000000"_s;
    QJsonObject result = rewrite(fromTemplate(u"GET_compare.json"_s, fullName),
                                 {{u"master...topic"_s, base + u"..."_s + head},
                                  {templateSha, changes.commitSha.isEmpty() ? baseSha : changes.commitSha},
                                  {u"bbcd538c8e72b8c175046e27cc8f907076331401"_s, baseSha},
                                  {u"0328041d1152db8ae77652d1618a02e57f745f17"_s, changes.commitSha}})
                             .toObject();
    result[u"status"_s] = changes.status;
    result[u"ahead_by"_s] = changes.aheadBy;
    result[u"behind_by"_s] = 0;
    result[u"total_commits"_s] = changes.aheadBy;
    QJsonArray commits;
    if (changes.aheadBy > 0) {
        QJsonObject commit = result.value("commits"_L1).toArray().first().toObject();
        QJsonObject inner = commit.value("commit"_L1).toObject();
        const QJsonObject author{{u"name"_s, u"draftwise-ai-sandbox[bot]"_s},
                                 {u"email"_s, u"draftwise-ai-sandbox[bot]@users.noreply.github.com"_s},
                                 {u"date"_s, iso(m_catalog.anchor())}};
        inner[u"author"_s] = author;
        inner[u"committer"_s] = author;
        inner[u"message"_s] = changes.commitMessage;
        commit[u"commit"_s] = inner;
        commit[u"author"_s] = account(u"draftwise-ai-sandbox[bot]"_s, u"Bot"_s);
        commit[u"committer"_s] = account(u"draftwise-ai-sandbox[bot]"_s, u"Bot"_s);
        commits.append(commit);
    }
    result[u"commits"_s] = commits;
    QJsonArray files;
    const QString web = webUrl() + u'/' + fullName;
    for (const SandboxCatalog::ChangedFile &file : changes.files) {
        const QString blobSha = QString::number(SandboxCatalog::stableHash(fullName + head + file.filename), 16)
                                    .rightJustified(16, u'0').repeated(3).left(40);
        files.append(QJsonObject{
            {u"sha"_s, blobSha},
            {u"filename"_s, file.filename},
            {u"status"_s, file.status},
            {u"additions"_s, file.additions},
            {u"deletions"_s, file.deletions},
            {u"changes"_s, file.additions + file.deletions},
            {u"blob_url"_s, QString(web + u"/blob/"_s + changes.commitSha + u'/' + file.filename)},
            {u"raw_url"_s, QString(web + u"/raw/"_s + changes.commitSha + u'/' + file.filename)},
            {u"contents_url"_s, QString(baseUrl().toString() + u"/repos/"_s + fullName + u"/contents/"_s + file.filename
                                        + u"?ref="_s + changes.commitSha)},
            {u"patch"_s, file.patch}});
    }
    result[u"files"_s] = files;
    return result;
}
