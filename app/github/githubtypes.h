#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <optional>

// Wire types of the GitHub REST API (apps, installations, users, repositories, rate limits).
// Plain values; std::optional marks what GitHub documents as nullable or optional. Enumerations keep
// an Unknown value (and the raw text) so a value GitHub adds later still decodes. Ids are 64-bit
// integers decoded without passing through a double. from_json() throws nlohmann::json::exception
// on a missing required field; callers use decodeGitHubJson() (githubjson.h), which does not throw.

enum class AccountType { User, Organization, Bot, Enterprise, Unknown };
enum class RepositorySelection { All, Selected, Unknown };

// A user, organization, bot or enterprise as GitHub embeds it (simple-user, or enterprise where
// an installation belongs to one: then login holds the slug).
struct Account
{
    QString login;
    qint64 id = 0;
    AccountType type = AccountType::Unknown;
    QString typeName;
    QString htmlUrl;
    QString avatarUrl;
    std::optional<QString> name;
    bool siteAdmin = false;
};

// GET /user/{account_id}, GET /users/{username}: public-user or private-user.
struct User
{
    QString login;
    qint64 id = 0;
    AccountType type = AccountType::Unknown;
    QString typeName;
    bool siteAdmin = false;
    QString htmlUrl;
    QString avatarUrl;
    std::optional<QString> name;
    std::optional<QString> company;
    std::optional<QString> blog;
    std::optional<QString> location;
    std::optional<QString> email;
    std::optional<QString> bio;
    std::optional<QString> twitterUsername;
    std::optional<bool> hireable;
    int publicRepos = 0;
    int publicGists = 0;
    int followers = 0;
    int following = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// GET /app (integration).
struct App
{
    qint64 id = 0;
    std::optional<QString> slug;
    std::optional<QString> clientId;
    QString name;
    std::optional<QString> description;
    QString externalUrl;
    QString htmlUrl;
    std::optional<Account> owner;
    QMap<QString, QString> permissions;
    QStringList events;
    std::optional<int> installationsCount;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// GET /app/installations[/{id}], GET /repos/{owner}/{repo}/installation.
struct Installation
{
    qint64 id = 0;
    std::optional<Account> account;
    qint64 appId = 0;
    std::optional<QString> appSlug;
    std::optional<QString> clientId;
    qint64 targetId = 0;
    QString targetType;
    RepositorySelection repositorySelection = RepositorySelection::Unknown;
    QMap<QString, QString> permissions;
    QStringList events;
    QString htmlUrl;
    std::optional<QString> singleFileName;
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<QDateTime> suspendedAt;
    std::optional<Account> suspendedBy;
};

struct Repository
{
    qint64 id = 0;
    QString name;
    QString fullName;
    std::optional<Account> owner;
    bool isPrivate = false;
    QString htmlUrl;
    std::optional<QString> description;
    bool fork = false;
    std::optional<QString> defaultBranch;
    std::optional<QString> language;
    std::optional<QString> visibility;
    bool archived = false;
    bool disabled = false;
    int openIssuesCount = 0;
    int stargazersCount = 0;
    std::optional<QDateTime> pushedAt;
    std::optional<QDateTime> createdAt;
    std::optional<QDateTime> updatedAt;
};

// GET /installation/repositories (one page).
struct InstallationRepositories
{
    qint64 totalCount = 0;
    QList<Repository> repositories;
};

struct RateLimitResource
{
    qint64 limit = 0;
    qint64 remaining = 0;
    qint64 used = 0;
    QDateTime reset;
};

// GET /rate_limit. core is resources.core (falling back to the deprecated top-level rate).
struct RateLimitOverview
{
    RateLimitResource core;
    QMap<QString, RateLimitResource> resources;
};

// POST /app/installations/{id}/access_tokens. The token is opaque: no length or format assumed.
struct InstallationToken
{
    QString token;
    QDateTime expiresAt;
    QMap<QString, QString> permissions;
    RepositorySelection repositorySelection = RepositorySelection::Unknown;
    QStringList repositoryNames;
};

QString accountTypeName(AccountType type);
AccountType accountTypeFromString(const QString &text);
QString repositorySelectionName(RepositorySelection selection);

void from_json(const nlohmann::json &json, Account &value);
void from_json(const nlohmann::json &json, User &value);
void from_json(const nlohmann::json &json, App &value);
void from_json(const nlohmann::json &json, Installation &value);
void from_json(const nlohmann::json &json, Repository &value);
void from_json(const nlohmann::json &json, InstallationRepositories &value);
void from_json(const nlohmann::json &json, RateLimitResource &value);
void from_json(const nlohmann::json &json, RateLimitOverview &value);
void from_json(const nlohmann::json &json, InstallationToken &value);
