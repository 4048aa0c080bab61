#pragma once

#include "github/githubtypes.h"

// Wire types of a repository's content: issues, comments, pull requests, branches, comparisons.
// Same rules as githubtypes.h.

enum class IssueState { Open, Closed, Unknown };
enum class ComparisonStatus { Diverged, Ahead, Behind, Identical, Unknown };

struct Label
{
    std::optional<qint64> id;  // absent when GitHub gives a label as a plain name
    QString name;
    QString color;
    std::optional<QString> description;
};

struct Issue
{
    qint64 id = 0;
    int number = 0;
    QString title;
    IssueState state = IssueState::Unknown;
    QString stateName;
    std::optional<QString> stateReason;
    std::optional<QString> body;
    std::optional<Account> user;
    QList<Label> labels;
    QStringList assignees;
    int comments = 0;
    bool locked = false;
    bool isPullRequest = false;              // the issue carries a `pull_request` link
    std::optional<QString> pullRequestHtmlUrl;
    QString htmlUrl;
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<QDateTime> closedAt;
};

struct IssueComment
{
    qint64 id = 0;
    std::optional<QString> body;
    std::optional<Account> user;
    QString htmlUrl;
    QString authorAssociation;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// One end of a pull request (`head` or `base`).
struct PullRequestRef
{
    QString label;
    QString ref;
    QString sha;
    std::optional<QString> repoFullName;  // null when the head repository was deleted
};

struct PullRequest
{
    qint64 id = 0;
    int number = 0;
    QString title;
    IssueState state = IssueState::Unknown;
    QString stateName;
    std::optional<QString> body;
    std::optional<Account> user;
    QString htmlUrl;
    PullRequestRef head;
    PullRequestRef base;
    std::optional<bool> draft;
    std::optional<bool> merged;              // only in single-pull responses
    std::optional<QDateTime> mergedAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<QDateTime> closedAt;
};

// What createPullRequest sends.
struct NewPullRequest
{
    QString title;
    QString head;   // branch, or `owner:branch` for a fork
    QString base;
    QString body;
    bool draft = false;
    bool maintainerCanModify = true;
};

struct Branch
{
    QString name;
    QString commitSha;
    std::optional<QString> commitMessage;
    std::optional<QDateTime> commitDate;
    bool isProtected = false;
};

struct ComparisonFile
{
    QString filename;
    QString status;                 // added, removed, modified, renamed, copied, changed, unchanged, ...
    int additions = 0;
    int deletions = 0;
    int changes = 0;
    std::optional<QString> patch;
    std::optional<QString> previousFilename;
};

struct Comparison
{
    ComparisonStatus status = ComparisonStatus::Unknown;
    QString statusName;
    int aheadBy = 0;
    int behindBy = 0;
    int totalCommits = 0;
    QString htmlUrl;
    QString permalinkUrl;
    QStringList commitShas;
    QList<ComparisonFile> files;
};

void from_json(const nlohmann::json &json, Label &value);
void from_json(const nlohmann::json &json, Issue &value);
void from_json(const nlohmann::json &json, IssueComment &value);
void from_json(const nlohmann::json &json, PullRequestRef &value);
void from_json(const nlohmann::json &json, PullRequest &value);
void from_json(const nlohmann::json &json, Branch &value);
void from_json(const nlohmann::json &json, ComparisonFile &value);
void from_json(const nlohmann::json &json, Comparison &value);
