#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

// Deterministic, plausible GitHub content for the sandbox: the same input always gives the same
// logins, repositories, issues and comments, so the demo looks the same on every run. Pure
// functions of their arguments (and the anchor time); usable from any thread.
class SandboxCatalog
{
public:
    struct Issue
    {
        QString title;
        QString body;
        QString author;
        QStringList labels;
        QDateTime createdAt;
        QDateTime updatedAt;
        bool open = true;
        int seededComments = 0;
    };
    struct ChangedFile
    {
        QString filename;
        QString status;         // "modified" or "added"
        int additions = 0;
        int deletions = 0;
        QString patch;          // the file's hunks (what GitHub's compare JSON calls `patch`)
    };
    // What base...head changes: one commit on top of base, its files and the whole unified diff.
    struct Comparison
    {
        QString status;         // "ahead" or "identical"
        int aheadBy = 0;
        QString commitSha;
        QString commitMessage;
        QList<ChangedFile> files;
        QString diff;           // as Accept: application/vnd.github.diff returns it
    };
    struct Comment
    {
        qint64 id = 0;
        QString author;
        QString body;
        QDateTime createdAt;
    };

    explicit SandboxCatalog(QDateTime anchor = {});

    QDateTime anchor() const { return m_anchor; }
    // Stable 64-bit hash of text (not Qt's per-process randomised qHash).
    static quint64 stableHash(const QString &text);

    QString loginForAccountId(qint64 id) const;
    qint64 accountIdForLogin(const QString &login) const;
    QString displayName(const QString &login) const;
    // The four repositories the demo drafts use for `account` (same rule as resources/sql/demo/drafts.sql).
    QStringList repositoriesOf(const QString &account) const;
    qint64 repositoryId(const QString &fullName) const;
    QString repositoryDescription(const QString &fullName) const;
    QString repositoryLanguage(const QString &fullName) const;
    QString accountForInstallation(qint64 installationId) const;

    Issue issue(const QString &fullName, int number) const;
    Comment seededComment(const QString &fullName, int number, int index) const;
    // Branches the sandbox knows: main, develop and every ai/… branch the AI pushes.
    static bool isKnownBranch(const QString &branch);
    // The change a pull request from `head` (the demo's ai/fix-<slug>-<issue>) into `base` would
    // bring, derived from the branch name (sandboxcomparisons.cpp). Known branches only.
    Comparison comparison(const QString &fullName, const QString &base, const QString &head) const;

private:
    QDateTime m_anchor;
};
