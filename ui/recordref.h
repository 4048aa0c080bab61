#pragma once

#include <QString>
#include <QUrl>

#include <optional>

// A record the console can show, by the database's own ids (widget-free), and its link form:
// staffconsole:draft/5, staffconsole:user/12, staffconsole:installation/3,
// staffconsole:drafts?user=583231&status=draft (the Drafts list of one user, by GitHub id).
struct RecordRef
{
    enum class Kind { Draft, User, Installation, UserDrafts };

    Kind kind = Kind::Draft;
    qint64 id = 0;          // draft_content.id, users.id, github_app_installations.id
    QString userGithubId;   // UserDrafts: users.github_id
    QString status;         // UserDrafts: the status filter ("" any)

    static RecordRef draft(qint64 id) { return {Kind::Draft, id, {}, {}}; }
    static RecordRef user(qint64 id) { return {Kind::User, id, {}, {}}; }
    static RecordRef installation(qint64 id) { return {Kind::Installation, id, {}, {}}; }
    static RecordRef userDrafts(const QString &githubId, const QString &status)
    {
        return {Kind::UserDrafts, 0, githubId, status};
    }

    bool operator==(const RecordRef &) const = default;

    QString label() const;   // "Draft #5", "User 12", "Installation 3", "Drafts of 583231 (draft)"
    QUrl toUrl() const;
    static std::optional<RecordRef> fromUrl(const QUrl &url);   // nullopt: not a record link
    // The record an audit entry of `table` with `rowKey` (JSON, e.g. {"id": 3}) changed:
    // draft_content, users and github_app_installations by id; user_installations → the user.
    // nullopt for user_preferences (no view of its own) and anything unreadable.
    static std::optional<RecordRef> fromAuditRow(const QString &table, const QString &rowKey);
    static QString scheme() { return QStringLiteral("staffconsole"); }
};

// An issue (or pull request) on GitHub, linked from a draft as staffconsole:issue?repo=owner/name&number=7;
// the console opens it in the browser (GitHubWebLinks).
struct IssueRef
{
    QString repository;   // owner/name
    qint64 number = 0;

    QUrl toUrl() const;
    static std::optional<IssueRef> fromUrl(const QUrl &url);
};
