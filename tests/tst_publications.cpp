#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <unistd.h>

#include "githubharness.h"
#include "migrator.h"
#include "pgfixture.h"
#include "publicationstore.h"
#include "publish/draftpublisher.h"
#include "testrsakey.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kRepo = "/repos/octocat/Hello-World";
constexpr auto kBot = "octoapp[bot]";   // GET_app.json's slug

// Numbers a double would change: they must come back byte for byte.
constexpr auto kMetadata = R"({"model": "m1", "tokens": 9007199254740993, "score": 0.1000000000000000055511})";

ConnectionFactory factoryFor(ConnectionProfile profile)
{
    return [profile](const QString &purpose) { return PgConnection::open(profile, {}, purpose); };
}

template <typename T, typename E>
std::expected<T, E> resultOf(QFuture<std::expected<T, E>> future)
{
    future.waitForFinished();
    if (future.resultCount() == 0)
        qFatal("the future ended without a result");
    return future.result();
}

QByteArray toBytes(const nlohmann::json &json) { return QByteArray::fromStdString(json.dump()); }

// A fake GitHub that keeps the comments and pull requests it is sent and serves them back, with
// faults to inject on the next POST.
struct FakeRepo
{
    enum class Fault { None, DropAfterStore, SlowAfterStore, ServerErrorWithoutStore };

    explicit FakeRepo(FakeHttpServer &server, const QString &prefix = {}) : m_server(server), m_prefix(prefix)
    {
        server.addRoute("GET", prefix + u"/app"_s, FakeResponse::json(200, Fixtures::github(u"GET_app.json"_s)));
        // A suspended installation covers octocat/Frozen (installation 2).
        auto frozen = nlohmann::json::parse(Fixtures::github(u"GET_repo_installation.json"_s).toStdString());
        frozen["id"] = 2;
        frozen["suspended_at"] = "2026-02-01T10:00:00Z";
        server.addRoute("GET", prefix + u"/repos/octocat/Frozen/installation"_s, FakeResponse::json(200, toBytes(frozen)));
        server.addRoute("GET", QRegularExpression(prefix + u"/repos/octocat/Hello-World/branches/(.+)"_s),
                        [](const RecordedRequest &request) {
                            const QString branch = request.path().section(u'/', -1);
                            if (branch == u"gone"_s)
                                return FakeResponse::json(404, Fixtures::github(u"ERROR_404_not_found.json"_s));
                            auto json = nlohmann::json::parse(Fixtures::github(u"GET_repo_branch.json"_s).toStdString());
                            json["name"] = branch.toStdString();
                            return FakeResponse::json(200, toBytes(json));
                        });
        server.addRoute("POST", QRegularExpression(prefix + u"/repos/octocat/Hello-World/issues/(\\d+)/comments"_s),
                        [this](const RecordedRequest &request) { return postComment(request); });
        server.addRoute("GET", QRegularExpression(prefix + u"/repos/octocat/Hello-World/issues/(\\d+)/comments(\\?.*)?"_s),
                        [this](const RecordedRequest &) {
                            nlohmann::json list = nlohmann::json::array();
                            for (const auto &c : comments)
                                list.push_back(c);
                            return FakeResponse::json(200, toBytes(list));
                        });
        server.addRoute("POST", QRegularExpression(prefix + u"/repos/octocat/Hello-World/pulls"_s),
                        [this](const RecordedRequest &request) { return postPull(request); });
        server.addRoute("GET", QRegularExpression(prefix + u"/repos/octocat/Hello-World/pulls\\?.*"_s),
                        [this](const RecordedRequest &request) {
                            nlohmann::json list = nlohmann::json::array();
                            for (const auto &p : pulls) {
                                if (u"octocat:"_s + QString::fromStdString(p["head"]["ref"].get<std::string>())
                                    == request.query(u"head"_s))
                                    list.push_back(p);
                            }
                            return FakeResponse::json(200, toBytes(list));
                        });
    }

    FakeResponse postComment(const RecordedRequest &request)
    {
        const Fault fault = takeFault();
        if (fault == Fault::ServerErrorWithoutStore)
            return FakeResponse::json(502, R"({"message": "Server Error"})");
        auto comment = nlohmann::json::parse(Fixtures::github(u"POST_issue_comment.json"_s).toStdString());
        const auto sent = nlohmann::json::parse(request.body.toStdString());
        const qint64 id = 9000 + comments.size() + 1;
        comment["id"] = id;
        comment["body"] = sent["body"];
        comment["user"]["login"] = kBot;
        comment["html_url"] = "https://github.com/octocat/Hello-World/issues/1347#issuecomment-" + std::to_string(id);
        comments.push_back(comment);
        if (fault == Fault::DropAfterStore)
            return FakeResponse::dropped();
        if (fault == Fault::SlowAfterStore)
            return FakeResponse::json(201, toBytes(comment)).withDelay(std::chrono::milliseconds(3000));
        return FakeResponse::json(201, toBytes(comment));
    }

    FakeResponse postPull(const RecordedRequest &request)
    {
        const Fault fault = takeFault();
        if (fault == Fault::ServerErrorWithoutStore)
            return FakeResponse::json(502, R"({"message": "Server Error"})");
        const auto sent = nlohmann::json::parse(request.body.toStdString());
        for (const auto &p : pulls) {
            if (p["head"]["ref"] == sent["head"]) {
                auto error = nlohmann::json::parse(Fixtures::github(u"ERROR_422_validation_failed.json"_s).toStdString());
                error["errors"] = nlohmann::json::array(
                    {{{"resource", "PullRequest"}, {"code", "custom"},
                      {"message", "A pull request already exists for octocat:" + sent["head"].get<std::string>() + "."}}});
                return FakeResponse::json(422, toBytes(error));
            }
        }
        auto pull = nlohmann::json::parse(Fixtures::github(u"POST_pull.json"_s).toStdString());
        const qint64 number = 1347 + pulls.size();
        pull["id"] = 7000 + pulls.size() + 1;
        pull["number"] = number;
        pull["title"] = sent["title"];
        pull["body"] = sent["body"];
        pull["head"]["ref"] = sent["head"];
        pull["base"]["ref"] = sent["base"];
        pull["html_url"] = "https://github.com/octocat/Hello-World/pull/" + std::to_string(number);
        pulls.push_back(pull);
        if (fault == Fault::DropAfterStore)
            return FakeResponse::dropped();
        return FakeResponse::json(201, toBytes(pull));
    }

    Fault takeFault() { return faults.isEmpty() ? Fault::None : faults.takeFirst(); }

    FakeHttpServer &m_server;
    QString m_prefix;
    QList<Fault> faults;
    std::vector<nlohmann::json> comments;
    std::vector<nlohmann::json> pulls;
};

// The child process of killedBetweenGitHubAndCommitIsAdopted: publishes a draft against the
// parent's fake GitHub, says "answered" once GitHub answered, and hangs before recording it.
int publishInChild(const char *uri, const char *baseUrl, const char *pemFile, const char *draftId, bool hang)
{
    int argc = 1;
    char name[] = "publish-and-hang";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    const auto profile = ConnectionProfile::fromUri(QString::fromUtf8(uri));
    QFile pem(QString::fromUtf8(pemFile));
    if (!profile || !pem.open(QIODevice::ReadOnly))
        return 2;
    QNetworkAccessManager network;
    HttpClient http(&network);
    GitHubClient github(&http);
    github.setBaseUrl(QUrl(QString::fromUtf8(baseUrl)));
    if (!github.setAppCredentials(u"12345"_s, pem.readAll()))
        return 2;
    PublicationStore store(factoryFor(*profile));
    DraftPublisher publisher(&github, &store);
    if (hang) {
        publisher.setBeforeRecordHook([] {
            std::fprintf(stdout, "answered\n");
            std::fflush(stdout);
            for (;;)
                pause();   // until SIGKILL
        });
    }
    publisher.publish(QByteArray(draftId).toLongLong(), &app, [hang](const PublishOutcome &outcome) {
        std::fprintf(stdout, "%s\n", outcome.toJson().constData());
        std::fflush(stdout);
        QCoreApplication::exit(hang ? 1 : 0);
    });
    return app.exec();
}

} // namespace

// Publishing drafts to the fake GitHub through the outbox of migration 013, against the tests'
// PostgreSQL as staff logins.
class TestPublications : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void supportCannotWritePublications();
    void secondOpenPublicationIsRefused();
    void auditLogRecordsPublications();
    void backendSeesOnlyItsUsersPublications();

    void publishesCommentWithMarker();
    void publishesPullRequest();
    void existingPullRequestIsAdopted();
    void refusals_data();
    void refusals();
    void testingModeIsADryRun();
    void lostResponseIsReadBackNotResent();
    void timeoutAfterStoreIsReadBackNotResent();
    void serverErrorIsReadBackThenSentOnce();
    void twoPublishersPostOnce();
    void twoProcessesPostOnce();
    void killedBetweenGitHubAndCommitIsAdopted();
    void reconcileNeverSendsADiscardedDraft();
    void commandsPrintJsonAndExitCodes();

private:
    ConnectionProfile as(const QString &login) const;
    QString scalar(const QString &sql) const;
    void exec(const QString &sql) const;
    PublishOutcome publishNow(DraftPublisher &publisher, qint64 draftId);
    int posts(const QString &path) const;

    TestRsaKey m_key;
    ConnectionProfile m_profile;
    std::unique_ptr<PgConnection> m_admin;
    std::unique_ptr<GitHubHarness> m_github;
    std::unique_ptr<FakeRepo> m_repo;
    std::unique_ptr<PublicationStore> m_store;
    std::unique_ptr<DraftPublisher> m_publisher;
};

ConnectionProfile TestPublications::as(const QString &login) const
{
    ConnectionProfile p = m_profile;
    p.user = login;
    return p;
}

QString TestPublications::scalar(const QString &sql) const
{
    QSqlQuery q(m_admin->db());
    if (!q.exec(sql) || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toString();
}

void TestPublications::exec(const QString &sql) const
{
    QSqlQuery q(m_admin->db());
    if (!q.exec(sql))
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
}

PublishOutcome TestPublications::publishNow(DraftPublisher &publisher, qint64 draftId)
{
    std::optional<PublishOutcome> outcome;
    publisher.publish(draftId, this, [&outcome](PublishOutcome o) { outcome = std::move(o); });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 20000))
        qFatal("publish did not finish");
    return *outcome;
}

int TestPublications::posts(const QString &path) const
{
    return int(m_github->server.requests("POST", path).size());
}

void TestPublications::initTestCase()
{
    m_profile = PgFixture::instance().freshDatabase(u"publications"_s);
    m_admin = PgFixture::instance().connect(m_profile, u"owner"_s);
    Migrator migrator(m_admin->db());
    const auto migrated = migrator.migrate();
    if (!migrated)
        QFAIL(qPrintable(migrated.error().text()));
    for (const char *sql : {"CREATE ROLE alice_reviewer LOGIN IN ROLE staff_reviewer",
                            "CREATE ROLE dave_reviewer LOGIN IN ROLE staff_reviewer",
                            "CREATE ROLE carol_support LOGIN IN ROLE staff_support",
                            "INSERT INTO users (id, github_id) VALUES (1, '1001'), (2, '1002'), (3, '1003')",
                            // github_installation_id 1 covers octocat/Hello-World, 2 octocat/Frozen
                            "INSERT INTO github_app_installations (id, github_installation_id, account_name, account_type) "
                            "VALUES (10, '1', 'octocat', 'organization'), (20, '2', 'frozen', 'organization')",
                            "INSERT INTO user_installations (user_id, installation_id, permission_level) VALUES "
                            "(1, 10, 'write'), (1, 20, 'admin'), (2, 10, 'read'), (3, 10, 'admin')",
                            "INSERT INTO user_preferences (user_id, testing_mode) VALUES (1, false), (3, true)"})
        exec(QString::fromLatin1(sql));
}

void TestPublications::init()
{
    exec(u"DELETE FROM draft_publications"_s);
    exec(u"DELETE FROM draft_content"_s);
    QSqlQuery q(m_admin->db());
    QVERIFY(q.prepare(
        u"INSERT INTO draft_content (id, user_id, workflow_run_id, content_type, github_issue_id, github_repo, content, "
        "metadata, status) VALUES "
        "(1, 1, 'wr-1', 'comment', 1347, 'octocat/Hello-World', 'Looks like a retry bug.', CAST(:meta AS jsonb), 'draft'), "
        "(2, 1, 'wr-2', 'pull_request', 1347, 'octocat/Hello-World', 'Fixes the retries.', "
        " '{\"title\": \"Fix retries\", \"head\": \"ai/fix-retries\", \"base\": \"main\", \"n\": 9007199254740993}', 'draft'), "
        "(3, 2, 'wr-3', 'comment', 1347, 'octocat/Hello-World', 'read member', NULL, 'draft'), "
        "(4, 1, 'wr-4', 'comment', 5, 'octocat/Frozen', 'suspended', NULL, 'draft'), "
        "(5, 1, 'wr-5', 'pull_request', 1347, 'octocat/Hello-World', 'no branch', "
        " '{\"title\": \"Gone\", \"head\": \"gone\", \"base\": \"main\"}', 'draft'), "
        "(6, 3, 'wr-6', 'comment', 1347, 'octocat/Hello-World', 'testing mode', NULL, 'draft'), "
        "(7, 1, 'wr-7', 'comment', 1347, 'octocat/Hello-World', 'already out', NULL, 'published')"_s));
    q.bindValue(u":meta"_s, QString::fromUtf8(kMetadata));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

    m_github = std::make_unique<GitHubHarness>(m_key.pkcs1Pem());
    m_repo = std::make_unique<FakeRepo>(m_github->server);
    m_store = std::make_unique<PublicationStore>(factoryFor(as(u"alice_reviewer"_s)));
    m_publisher = std::make_unique<DraftPublisher>(&m_github->client, m_store.get());
}

void TestPublications::cleanup()
{
    m_publisher.reset();
    m_store.reset();
    m_repo.reset();
    m_github.reset();
}

void TestPublications::supportCannotWritePublications()
{
    auto carol = PgFixture::instance().connect(as(u"carol_support"_s), u"carol"_s);
    QSqlQuery q(carol->db());
    QVERIFY(!q.exec(u"INSERT INTO draft_publications (draft_id, attempt_key, kind, request) "
                    "VALUES (1, gen_random_uuid(), 'comment', '{}')"_s));
    QCOMPARE(q.lastError().nativeErrorCode(), u"42501"_s);
    QVERIFY(q.exec(u"SELECT count(*) FROM draft_publications"_s));   // but may read them

    PublicationStore support(factoryFor(as(u"carol_support"_s)));
    const auto refused = resultOf(support.open(1, QUuid::createUuid(), u"comment"_s, "{}"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().error.kind, DbError::Kind::Permission);
}

void TestPublications::secondOpenPublicationIsRefused()
{
    const auto first = resultOf(m_store->open(1, QUuid::createUuid(), u"comment"_s, R"({"method": "POST"})"));
    QVERIFY2(first.has_value(), qPrintable(first ? QString() : first.error().error.text()));
    QCOMPARE(first->state, u"open"_s);
    QCOMPARE(first->login, u"alice_reviewer"_s);

    PublicationStore dave(factoryFor(as(u"dave_reviewer"_s)));
    const auto second = resultOf(dave.open(1, QUuid::createUuid(), u"comment"_s, "{}"));
    QVERIFY(!second);
    QCOMPARE(second.error().error.kind, DbError::Kind::Conflict);
    QVERIFY(second.error().holder.has_value());
    QCOMPARE(second.error().holder->login, u"alice_reviewer"_s);
    QVERIFY(second.error().error.message.contains(u"already being published by alice_reviewer"_s));

    // Also when bypassing the store: the partial unique index.
    auto daveDb = PgFixture::instance().connect(as(u"dave_reviewer"_s), u"dave"_s);
    QSqlQuery q(daveDb->db());
    QVERIFY(!q.exec(u"INSERT INTO draft_publications (draft_id, attempt_key, kind, request) "
                    "VALUES (1, gen_random_uuid(), 'comment', '{}')"_s));
    QCOMPARE(q.lastError().nativeErrorCode(), u"23505"_s);
    // Once closed, another may open.
    QVERIFY(resultOf(m_store->fail(first->id, R"({"kind": "http", "status": 404, "message": "x"})")).has_value());
    QVERIFY(resultOf(dave.open(1, QUuid::createUuid(), u"comment"_s, "{}")).has_value());
    // Published drafts cannot be opened.
    const auto published = resultOf(dave.open(7, QUuid::createUuid(), u"comment"_s, "{}"));
    QVERIFY(!published);
    QCOMPARE(published.error().draftStatus, u"published"_s);
}

void TestPublications::auditLogRecordsPublications()
{
    const auto opened = resultOf(m_store->open(1, QUuid::createUuid(), u"comment"_s, "{}"));
    QVERIFY(opened.has_value());
    QVERIFY(resultOf(m_store->complete(opened->id, u"published"_s, 42, u"https://x/1"_s)).value());
    const QString key = u"{\"id\": %1}"_s.arg(opened->id);
    QCOMPARE(scalar(u"SELECT string_agg(operation || ':' || login, ',' ORDER BY id) FROM audit_log "
                    "WHERE table_name = 'draft_publications' AND row_key = '%1'"_s.arg(key)),
             u"INSERT:alice_reviewer,UPDATE:alice_reviewer"_s);
    QCOMPARE(scalar(u"SELECT after ->> 'state' FROM audit_log WHERE table_name = 'draft_publications' "
                    "AND operation = 'UPDATE' AND row_key = '%1'"_s.arg(key)),
             u"published"_s);

    // A closed publication is history: no staff login rewrites it.
    auto alice = PgFixture::instance().connect(as(u"alice_reviewer"_s), u"alice"_s);
    QSqlQuery q(alice->db());
    QVERIFY2(q.exec(u"UPDATE draft_publications SET github_url = 'https://elsewhere' WHERE id = %1"_s.arg(opened->id)),
             qPrintable(q.lastError().text()));
    QCOMPARE(q.numRowsAffected(), 0);
    QVERIFY(!q.exec(u"DELETE FROM draft_publications WHERE id = %1"_s.arg(opened->id)));
    QCOMPARE(q.lastError().nativeErrorCode(), u"42501"_s);
}

void TestPublications::backendSeesOnlyItsUsersPublications()
{
    QVERIFY(resultOf(m_store->open(1, QUuid::createUuid(), u"comment"_s, "{}")).has_value());   // user 1
    QVERIFY(resultOf(m_store->open(3, QUuid::createUuid(), u"comment"_s, "{}")).has_value());   // user 2
    exec(u"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'backend_login') THEN "
         "CREATE ROLE backend_login LOGIN IN ROLE app_backend; END IF; END $$"_s);
    auto backend = PgFixture::instance().connect(as(u"backend_login"_s), u"backend"_s);
    QSqlQuery q(backend->db());
    QVERIFY(q.exec(u"SELECT count(*) FROM draft_publications"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);   // without app.user_id: nothing
    QVERIFY(q.exec(u"SET app.user_id = '2'"_s));
    QVERIFY(q.exec(u"SELECT string_agg(draft_id::text, ',') FROM draft_publications"_s) && q.next());
    QCOMPARE(q.value(0).toString(), u"3"_s);
    QVERIFY(!q.exec(u"INSERT INTO draft_publications (draft_id, attempt_key, kind, request) "
                    "VALUES (2, gen_random_uuid(), 'comment', '{}')"_s));   // user 1's draft
    QCOMPARE(q.lastError().nativeErrorCode(), u"42501"_s);
}

void TestPublications::publishesCommentWithMarker()
{
    const QString metadataBefore = scalar(u"SELECT metadata::text FROM draft_content WHERE id = 1"_s);
    const PublishOutcome outcome = publishNow(*m_publisher, 1);
    QCOMPARE(PublishOutcome::kindName(outcome.kind), u"published"_s);
    QVERIFY(!outcome.error);

    const auto sent = m_github->server.requests("POST", QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent[0].header("Authorization"), QByteArray("Bearer ghs_1"));   // the installation token
    const QString key = scalar(u"SELECT attempt_key::text FROM draft_publications WHERE draft_id = 1"_s);
    const auto body = nlohmann::json::parse(sent[0].body.toStdString());
    QCOMPARE(QString::fromStdString(body["body"].get<std::string>()),
             u"Looks like a retry bug.\n\n<!-- staff-console:publication=%1 -->"_s.arg(key));

    QCOMPARE(outcome.url, u"https://github.com/octocat/Hello-World/issues/1347#issuecomment-9001"_s);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 1"_s), u"published"_s);
    QCOMPARE(scalar(u"SELECT state || ' ' || github_id || ' ' || github_url || ' ' || login || ' ' || "
                    "(finished_at IS NOT NULL) FROM draft_publications WHERE draft_id = 1"_s),
             u"published 9001 https://github.com/octocat/Hello-World/issues/1347#issuecomment-9001 alice_reviewer true"_s);
    // The metadata gained github_id/github_url; every other key and number is as stored.
    QString expected = metadataBefore;
    expected.chop(1);
    expected += u", \"github_id\": 9001, \"github_url\": \"https://github.com/octocat/Hello-World/issues/1347#issuecomment-9001\"}"_s;
    QCOMPARE(scalar(u"SELECT metadata::text FROM draft_content WHERE id = 1"_s), expected);
    QVERIFY(expected.contains(u"9007199254740993"_s) && expected.contains(u"0.1000000000000000055511"_s));

    // Publishing it again is refused, naming who published it.
    const PublishOutcome again = publishNow(*m_publisher, 1);
    QCOMPARE(again.kind, PublishOutcome::Kind::Refused);
    QCOMPARE(again.error->kind, u"not_draft"_s);
    QCOMPARE(again.heldBy, u"alice_reviewer"_s);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 1);
}

void TestPublications::publishesPullRequest()
{
    const PublishOutcome outcome = publishNow(*m_publisher, 2);
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Published);
    const auto sent = m_github->server.requests("POST", QString::fromLatin1(kRepo) + u"/pulls"_s);
    QCOMPARE(sent.size(), 1);
    const auto body = nlohmann::json::parse(sent[0].body.toStdString());
    QCOMPARE(body["title"].get<std::string>(), "Fix retries");
    QCOMPARE(body["head"].get<std::string>(), "ai/fix-retries");
    QCOMPARE(body["base"].get<std::string>(), "main");
    const QString key = scalar(u"SELECT attempt_key::text FROM draft_publications WHERE draft_id = 2"_s);
    QCOMPARE(QString::fromStdString(body["body"].get<std::string>()),
             u"Fixes the retries.\n\n<!-- staff-console:publication=%1 -->"_s.arg(key));
    QCOMPARE(outcome.url, u"https://github.com/octocat/Hello-World/pull/1347"_s);
    QCOMPARE(scalar(u"SELECT status || ' ' || (metadata ->> 'github_url') || ' ' || (metadata ->> 'n') "
                    "FROM draft_content WHERE id = 2"_s),
             u"published https://github.com/octocat/Hello-World/pull/1347 9007199254740993"_s);
    QCOMPARE(m_github->server.requests("GET", QString::fromLatin1(kRepo) + u"/branches/ai/fix-retries"_s).size(), 1);
}

void TestPublications::existingPullRequestIsAdopted()
{
    // Someone opened the pull request for the head branch already.
    auto pull = nlohmann::json::parse(Fixtures::github(u"POST_pull.json"_s).toStdString());
    pull["id"] = 555;
    pull["head"]["ref"] = "ai/fix-retries";
    pull["html_url"] = "https://github.com/octocat/Hello-World/pull/99";
    m_repo->pulls.push_back(pull);

    const PublishOutcome outcome = publishNow(*m_publisher, 2);
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Adopted);
    QCOMPARE(outcome.url, u"https://github.com/octocat/Hello-World/pull/99"_s);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/pulls"_s), 1);   // the 422
    QCOMPARE(m_repo->pulls.size(), size_t(1));
    QCOMPARE(scalar(u"SELECT state || ' ' || github_id FROM draft_publications WHERE draft_id = 2"_s), u"adopted 555"_s);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 2"_s), u"published"_s);
}

void TestPublications::refusals_data()
{
    QTest::addColumn<qint64>("draft");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("read member") << qint64(3) << u"no_permission"_s << u"User 2 has only read permission"_s;
    QTest::newRow("suspended") << qint64(4) << u"suspended"_s << u"is suspended since 2026-02-01 10:00 UTC"_s;
    QTest::newRow("missing head branch") << qint64(5) << u"missing_branch"_s
                                         << u"The head branch “gone” does not exist in octocat/Hello-World."_s;
    QTest::newRow("not a draft") << qint64(7) << u"not_draft"_s << u"Draft #7 is published, not a draft."_s;
    QTest::newRow("missing draft") << qint64(99) << u"not_found"_s << u"Draft #99 no longer exists."_s;
}

void TestPublications::refusals()
{
    QFETCH(qint64, draft);
    QFETCH(QString, kind);
    QFETCH(QString, message);
    const PublishOutcome outcome = publishNow(*m_publisher, draft);
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Refused);
    QVERIFY(outcome.error.has_value());
    QCOMPARE(outcome.error->kind, kind);
    QVERIFY2(outcome.error->message.contains(message), qPrintable(outcome.error->message));
    for (const RecordedRequest &r : m_github->server.requests())
        QVERIFY2(r.method != "POST" || r.path().contains(u"access_tokens"_s), r.target.constData());
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_publications"_s), u"0"_s);
    QCOMPARE(QJsonDocument::fromJson(outcome.toJson()).object().value(u"outcome"_s).toString(), u"refused"_s);
}

void TestPublications::testingModeIsADryRun()
{
    const PublishOutcome outcome = publishNow(*m_publisher, 6);
    QCOMPARE(outcome.kind, PublishOutcome::Kind::DryRun);
    for (const RecordedRequest &r : m_github->server.requests())
        QVERIFY2(r.method != "POST" || r.path().contains(u"access_tokens"_s), r.target.constData());
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 6"_s), u"draft"_s);
    QCOMPARE(scalar(u"SELECT state || ' ' || (finished_at IS NOT NULL) FROM draft_publications WHERE draft_id = 6"_s),
             u"dry_run true"_s);
    const QString key = scalar(u"SELECT attempt_key::text FROM draft_publications WHERE draft_id = 6"_s);
    const QJsonObject request = QJsonDocument::fromJson(outcome.request).object();
    QCOMPARE(request.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(request.value(u"path"_s).toString(), u"/repos/octocat/Hello-World/issues/1347/comments"_s);
    QCOMPARE(request.value(u"body"_s).toString(), u"testing mode\n\n<!-- staff-console:publication=%1 -->"_s.arg(key));
    const QJsonObject line = QJsonDocument::fromJson(outcome.toJson()).object();
    QCOMPARE(line.value(u"outcome"_s).toString(), u"dry_run"_s);
    QCOMPARE(line.value(u"request"_s).toObject(), request);
}

void TestPublications::lostResponseIsReadBackNotResent()
{
    m_repo->faults = {FakeRepo::Fault::DropAfterStore};
    const PublishOutcome outcome = publishNow(*m_publisher, 1);
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Adopted);
    QCOMPARE(m_repo->comments.size(), size_t(1));
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 1);
    QVERIFY(m_github->server.requests("GET", QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s).size() >= 1);
    QCOMPARE(outcome.url, u"https://github.com/octocat/Hello-World/issues/1347#issuecomment-9001"_s);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 1"_s), u"published"_s);
    QCOMPARE(scalar(u"SELECT state FROM draft_publications WHERE draft_id = 1"_s), u"adopted"_s);
}

void TestPublications::timeoutAfterStoreIsReadBackNotResent()
{
    HttpClientConfig config;
    config.timeout = std::chrono::milliseconds(500);
    m_github->http.setConfig(config);
    m_repo->faults = {FakeRepo::Fault::SlowAfterStore};
    const PublishOutcome outcome = publishNow(*m_publisher, 1);
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Adopted);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 1);
    QCOMPARE(m_repo->comments.size(), size_t(1));
    QCOMPARE(scalar(u"SELECT state || ' ' || github_id FROM draft_publications WHERE draft_id = 1"_s), u"adopted 9001"_s);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 1"_s), u"published"_s);
}

void TestPublications::serverErrorIsReadBackThenSentOnce()
{
    m_repo->faults = {FakeRepo::Fault::ServerErrorWithoutStore};
    const PublishOutcome outcome = publishNow(*m_publisher, 1);
    QCOMPARE(outcome.kind, PublishOutcome::Kind::Published);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 2);
    QCOMPARE(m_repo->comments.size(), size_t(1));
    // The read back came between the two POSTs.
    QStringList order;
    for (const RecordedRequest &r : m_github->server.requests()) {
        if (r.path().endsWith(u"/issues/1347/comments"_s))
            order << QString::fromLatin1(r.method);
    }
    QCOMPARE(order, (QStringList{u"POST"_s, u"GET"_s, u"POST"_s}));
    QCOMPARE(scalar(u"SELECT count(*) || ' ' || min(state) FROM draft_publications WHERE draft_id = 1"_s), u"1 published"_s);

    // Two 5xx in a row: still unknown after one retry, the publication stays open, nothing more is sent.
    exec(u"UPDATE draft_content SET status = 'draft' WHERE id = 1"_s);
    exec(u"DELETE FROM draft_publications"_s);
    m_repo->comments.clear();
    m_github->server.clearRequests();
    m_repo->faults = {FakeRepo::Fault::ServerErrorWithoutStore, FakeRepo::Fault::ServerErrorWithoutStore};
    const PublishOutcome unknown = publishNow(*m_publisher, 1);
    QCOMPARE(unknown.kind, PublishOutcome::Kind::Failed);
    QCOMPARE(unknown.error->kind, u"unknown_outcome"_s);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 2);
    QCOMPARE(scalar(u"SELECT state FROM draft_publications WHERE draft_id = 1"_s), u"open"_s);
}

void TestPublications::twoPublishersPostOnce()
{
    PublicationStore daveStore(factoryFor(as(u"dave_reviewer"_s)));
    DraftPublisher dave(&m_github->client, &daveStore);
    std::optional<PublishOutcome> first;
    std::optional<PublishOutcome> second;
    m_publisher->publish(1, this, [&first](PublishOutcome o) { first = std::move(o); });
    dave.publish(1, this, [&second](PublishOutcome o) { second = std::move(o); });
    QTRY_VERIFY_WITH_TIMEOUT(first && second, 20000);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 1);
    QCOMPARE(int(first->succeeded()) + int(second->succeeded()), 1);
    const PublishOutcome &loser = first->succeeded() ? *second : *first;
    const PublishOutcome &winner = first->succeeded() ? *first : *second;
    QCOMPARE(loser.kind, PublishOutcome::Kind::Refused);
    QVERIFY2(loser.error->kind == u"in_progress"_s || loser.error->kind == u"not_draft"_s, qPrintable(loser.error->kind));
    QCOMPARE(loser.heldBy, first->succeeded() ? u"alice_reviewer"_s : u"dave_reviewer"_s);
    QCOMPARE(winner.kind, PublishOutcome::Kind::Published);
    QCOMPARE(scalar(u"SELECT count(*) FROM draft_publications WHERE draft_id = 1"_s), u"1"_s);
}

void TestPublications::twoProcessesPostOnce()
{
    QTemporaryDir dir;
    QFile pem(dir.filePath(u"app.pem"_s));
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.write(m_key.pkcs1Pem());
    pem.close();
    m_github->clock.setNow(QDateTime::currentDateTimeUtc());   // the children's tokens run on the real clock

    QProcess alice;
    QProcess dave;
    alice.start(QCoreApplication::applicationFilePath(),
                {u"--publish"_s, as(u"alice_reviewer"_s).toUri(), m_github->server.baseUrl().toString(), pem.fileName(), u"1"_s});
    dave.start(QCoreApplication::applicationFilePath(),
               {u"--publish"_s, as(u"dave_reviewer"_s).toUri(), m_github->server.baseUrl().toString(), pem.fileName(), u"1"_s});
    QVERIFY(alice.waitForStarted() && dave.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(alice.state() == QProcess::NotRunning && dave.state() == QProcess::NotRunning, 30000);
    const QJsonObject a = QJsonDocument::fromJson(alice.readAllStandardOutput()).object();
    const QJsonObject d = QJsonDocument::fromJson(dave.readAllStandardOutput()).object();
    QStringList outcomes{a.value(u"outcome"_s).toString(), d.value(u"outcome"_s).toString()};
    outcomes.sort();
    QCOMPARE(outcomes, (QStringList{u"published"_s, u"refused"_s}));
    const QJsonObject &loser = a.value(u"outcome"_s).toString() == u"refused"_s ? a : d;
    QCOMPARE(loser.value(u"held_by"_s).toString(), &loser == &a ? u"dave_reviewer"_s : u"alice_reviewer"_s);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 1);
    QCOMPARE(m_repo->comments.size(), size_t(1));
}

void TestPublications::killedBetweenGitHubAndCommitIsAdopted()
{
    QTemporaryDir dir;
    QFile pem(dir.filePath(u"app.pem"_s));
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.write(m_key.pkcs1Pem());
    pem.close();
    m_github->clock.setNow(QDateTime::currentDateTimeUtc());   // the child's tokens run on the real clock

    QProcess child;
    child.start(QCoreApplication::applicationFilePath(),
                {u"--publish-and-hang"_s, as(u"alice_reviewer"_s).toUri(), m_github->server.baseUrl().toString(),
                 pem.fileName(), u"1"_s});
    QVERIFY(child.waitForStarted());
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += child.readAllStandardOutput()).endsWith('\n')
                                 || child.state() == QProcess::NotRunning,
                             20000);
    QCOMPARE(said, QByteArray("answered\n"));
    child.kill();   // SIGKILL between GitHub's answer and the database commit
    QVERIFY(child.waitForFinished());
    QCOMPARE(m_repo->comments.size(), size_t(1));
    QCOMPARE(scalar(u"SELECT state FROM draft_publications WHERE draft_id = 1"_s), u"open"_s);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 1"_s), u"draft"_s);

    // A young open publication may still be in flight elsewhere: publish() refuses it.
    const PublishOutcome busy = publishNow(*m_publisher, 1);
    QCOMPARE(busy.error->kind, u"in_progress"_s);

    std::optional<QList<PublishOutcome>> outcomes;
    m_publisher->reconcile(this, [&outcomes](QList<PublishOutcome> o) { outcomes = std::move(o); }, std::chrono::seconds(0));
    QTRY_VERIFY_WITH_TIMEOUT(outcomes.has_value(), 20000);
    QCOMPARE(outcomes->size(), 1);
    QCOMPARE(outcomes->at(0).kind, PublishOutcome::Kind::Adopted);
    QCOMPARE(outcomes->at(0).draftId, 1);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 1);
    QCOMPARE(m_repo->comments.size(), size_t(1));
    QCOMPARE(scalar(u"SELECT state FROM draft_publications WHERE draft_id = 1"_s), u"adopted"_s);
    QCOMPARE(scalar(u"SELECT status FROM draft_content WHERE id = 1"_s), u"published"_s);
}

void TestPublications::reconcileNeverSendsADiscardedDraft()
{
    const auto opened = resultOf(m_store->open(1, QUuid::createUuid(), u"comment"_s, "{}"));
    QVERIFY(opened.has_value());
    exec(u"UPDATE draft_content SET status = 'discarded' WHERE id = 1"_s);
    std::optional<QList<PublishOutcome>> outcomes;
    m_publisher->reconcile(this, [&outcomes](QList<PublishOutcome> o) { outcomes = std::move(o); }, std::chrono::seconds(0));
    QTRY_VERIFY_WITH_TIMEOUT(outcomes.has_value(), 20000);
    QCOMPARE(outcomes->size(), 1);
    QCOMPARE(outcomes->at(0).kind, PublishOutcome::Kind::Failed);
    QCOMPARE(outcomes->at(0).error->kind, u"not_draft"_s);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 0);
    QCOMPARE(scalar(u"SELECT state || ' ' || (error ->> 'kind') FROM draft_publications WHERE draft_id = 1"_s),
             u"failed not_draft"_s);
}

void TestPublications::commandsPrintJsonAndExitCodes()
{
#ifdef STAFF_CONSOLE_BINARY
    QTemporaryDir dir;
    QFile pem(dir.filePath(u"app.pem"_s));
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.write(m_key.pkcs1Pem());
    pem.close();
    QFile ini(dir.filePath(u"console.ini"_s));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[github]\nbase_url = " + m_github->server.baseUrl().toEncoded() + "\napp_id = 12345\nprivate_key_file = app.pem\n");
    ini.close();
    m_github->clock.setNow(QDateTime::currentDateTimeUtc());

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGPASSWORD"_s, QString());
    env.insert(u"HOME"_s, dir.path());
    env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    const auto run = [&](const QStringList &args, QList<QJsonObject> &lines) {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QString::fromUtf8(STAFF_CONSOLE_BINARY), args);
        // The fake GitHub answers in this process: keep its event loop running.
        if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000))
            return -1;
        lines.clear();
        for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
            if (!line.isEmpty())
                lines << QJsonDocument::fromJson(line).object();
        }
        if (process.readAllStandardError().contains("PRIVATE KEY"))
            return -2;   // a secret was printed
        return process.exitCode();
    };
    const QString uri = as(u"alice_reviewer"_s).toUri();
    QList<QJsonObject> lines;
    int code = run({u"drafts"_s, u"publish"_s, u"1"_s, u"2"_s, u"--db"_s, uri, u"--config"_s, ini.fileName()}, lines);
    QCOMPARE(code, 0);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].value(u"draft"_s).toInt(), 1);
    QCOMPARE(lines[0].value(u"outcome"_s).toString(), u"published"_s);
    QCOMPARE(lines[0].value(u"url"_s).toString(), u"https://github.com/octocat/Hello-World/issues/1347#issuecomment-9001"_s);
    QVERIFY(lines[0].value(u"error"_s).isNull());
    QCOMPARE(lines[1].value(u"outcome"_s).toString(), u"published"_s);

    code = run({u"drafts"_s, u"publish"_s, u"3"_s, u"6"_s, u"--db"_s, uri, u"--config"_s, ini.fileName()}, lines);
    QCOMPARE(code, 1);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].value(u"outcome"_s).toString(), u"refused"_s);
    QCOMPARE(lines[0].value(u"error"_s).toObject().value(u"kind"_s).toString(), u"no_permission"_s);
    QVERIFY(lines[0].value(u"url"_s).isNull());
    QCOMPARE(lines[1].value(u"outcome"_s).toString(), u"dry_run"_s);

    // An open publication left by a crash: reconcile sends nothing new when it finds the comment.
    exec(u"UPDATE draft_content SET status = 'draft' WHERE id = 1"_s);
    exec(u"DELETE FROM draft_publications WHERE draft_id = 1"_s);
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    exec(u"INSERT INTO draft_publications (draft_id, attempt_key, login, kind, request) "
         "VALUES (1, '%1', 'alice_reviewer', 'comment', '{}')"_s.arg(key));
    m_repo->comments[0]["body"] = QString(u"Looks like a retry bug.\n\n"_s + DraftPublisher::marker(QUuid::fromString(key))).toStdString();
    m_github->server.clearRequests();
    code = run({u"drafts"_s, u"reconcile"_s, u"--min-age"_s, u"0"_s, u"--db"_s, uri, u"--config"_s, ini.fileName()}, lines);
    QCOMPARE(code, 0);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].value(u"outcome"_s).toString(), u"adopted"_s);
    QCOMPARE(posts(QString::fromLatin1(kRepo) + u"/issues/1347/comments"_s), 0);

    code = run({u"drafts"_s, u"publish"_s, u"x"_s, u"--db"_s, uri}, lines);
    QCOMPARE(code, 2);
    QVERIFY(lines.value(0).contains(u"error"_s));
    ConnectionProfile nowhere = m_profile;
    nowhere.port = 1;
    code = run({u"drafts"_s, u"reconcile"_s, u"--db"_s, nowhere.toUri(), u"--config"_s, ini.fileName()}, lines);
    QCOMPARE(code, 3);
#else
    QFAIL("STAFF_CONSOLE_BINARY is not defined");
#endif
}

int main(int argc, char **argv)
{
    if (argc == 6 && qstrcmp(argv[1], "--publish-and-hang") == 0)
        return publishInChild(argv[2], argv[3], argv[4], argv[5], true);
    if (argc == 6 && qstrcmp(argv[1], "--publish") == 0)
        return publishInChild(argv[2], argv[3], argv[4], argv[5], false);
    QCoreApplication app(argc, argv);
    TestPublications test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_publications.moc"
