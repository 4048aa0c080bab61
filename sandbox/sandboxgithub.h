#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>

#include <expected>
#include <memory>

#include "fakehttpserver.h"
#include "sandboxcatalog.h"

// A GitHub-shaped REST API on 127.0.0.1 for the demo ("sandbox"; never real GitHub). Answers the
// endpoints the console uses, shaped like the real fixtures, with deterministic content for any
// owner/repo/issue (and the installations given by setInstallations()). Accepts any App JWT of
// the right shape (signatures are not checked) and installation tokens it issued itself; records
// what is posted (comments, pull requests). Lives in the thread that created it (the UI thread).
class SandboxGitHub : public QObject
{
    Q_OBJECT

public:
    struct Installation
    {
        QString id;             // github_installation_id
        QString account;        // account_name
        QString accountType;    // "organization" or "user"
        bool suspended = false; // answered with suspended_at / suspended_by set
    };
    struct Publication
    {
        enum class Kind { Comment, PullRequest };
        Kind kind = Kind::Comment;
        QString repository;     // owner/name
        int issueNumber = 0;    // the commented issue, or the pull request's number
        qint64 id = 0;
        QString htmlUrl;
        QString title;          // pull requests
        QString head;           // pull requests
        QString base;           // pull requests
        QString body;
        QDateTime createdAt;
    };

    explicit SandboxGitHub(QObject *parent = nullptr);
    ~SandboxGitHub() override;

    // Starts listening on 127.0.0.1:`port` (0: a free port); returns the API base URL to use as
    // the GitHub base URL.
    std::expected<QUrl, QString> start(quint16 port = 0);
    QUrl baseUrl() const;
    // Where the answers' html_url point instead of https://github.com: simple HTML pages of the
    // sandbox's issues (with their comments) and pull requests, for a browser.
    QString webUrl() const;
    // "sandbox": what the window title and status bar show while the console talks to it.
    static QString label() { return QStringLiteral("sandbox"); }

    // The App's installations (e.g. the demo database's). Without them, any installation id and
    // repository owner is answered with a generated account.
    void setInstallations(const QList<Installation> &installations);
    QList<Publication> publications() const { return m_publications; }
    QString appName() const { return m_appName; }
    qint64 appId() const { return m_appId; }
    const SandboxCatalog &catalog() const { return m_catalog; }
    // The underlying server, e.g. for tests that inspect the recorded requests.
    FakeHttpServer *server() const { return m_server.get(); }

Q_SIGNALS:
    void published(const SandboxGitHub::Publication &publication);

private:
    using Replacements = QList<std::pair<QString, QString>>;
    // Replaces text in every string value of `value`, in order.
    static QJsonValue rewrite(const QJsonValue &value, const Replacements &replacements);
    FakeResponse handle(const RecordedRequest &request);
    FakeResponse route(const RecordedRequest &request);
    FakeResponse webPage(const QString &path) const;
    FakeResponse finish(const RecordedRequest &request, FakeResponse response);

    QJsonObject account(const QString &login, const QString &type) const;
    QJsonObject app() const;
    QJsonObject installation(const Installation &installation) const;
    QJsonObject repository(const QString &fullName) const;
    QJsonObject issue(const QString &fullName, int number) const;
    QJsonObject comment(const QString &fullName, int number, qint64 id, const QString &author,
                        const QString &body, const QDateTime &createdAt) const;
    QJsonObject pull(const QJsonObject &stored) const;
    QJsonObject comparison(const QString &fullName, const QString &base, const QString &head,
                           const SandboxCatalog::Comparison &changes) const;
    QJsonArray commentsOf(const QString &fullName, int number) const;
    std::optional<Installation> findInstallation(const QString &id) const;
    Installation installationFor(const QString &owner) const;
    QJsonValue fromTemplate(const QString &name, const QString &fullName = QString()) const;
    FakeResponse paged(const RecordedRequest &request, const QJsonArray &items, const QString &wrapKey = QString(),
                       int totalCount = -1) const;

    std::unique_ptr<FakeHttpServer> m_server;
    SandboxCatalog m_catalog;
    QString m_appName;
    qint64 m_appId;
    QList<Installation> m_installations;
    QList<Publication> m_publications;
    QHash<QString, QList<QJsonObject>> m_postedComments;   // "owner/repo#n" → comments
    QHash<QString, QList<QJsonObject>> m_pulls;            // "owner/repo" → pull requests
    QHash<QString, qint64> m_loginIds;
    QHash<QString, qint64> m_issuedTokens;                 // token → installation id
    qint64 m_nextCommentId = 2100000000;
    int m_remaining = 5000;
};
