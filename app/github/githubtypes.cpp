#include "githubtypes.h"

#include "githubjson.h"

using namespace Qt::StringLiterals;
using namespace githubjson;

QString accountTypeName(AccountType type)
{
    switch (type) {
    case AccountType::User: return u"User"_s;
    case AccountType::Organization: return u"Organization"_s;
    case AccountType::Bot: return u"Bot"_s;
    case AccountType::Enterprise: return u"Enterprise"_s;
    case AccountType::Unknown: break;
    }
    return u"Unknown"_s;
}

AccountType accountTypeFromString(const QString &text)
{
    if (text.compare(u"User"_s, Qt::CaseInsensitive) == 0)
        return AccountType::User;
    if (text.compare(u"Organization"_s, Qt::CaseInsensitive) == 0)
        return AccountType::Organization;
    if (text.compare(u"Bot"_s, Qt::CaseInsensitive) == 0)
        return AccountType::Bot;
    if (text.compare(u"Enterprise"_s, Qt::CaseInsensitive) == 0)
        return AccountType::Enterprise;
    return AccountType::Unknown;
}

QString repositorySelectionName(RepositorySelection selection)
{
    switch (selection) {
    case RepositorySelection::All: return u"all"_s;
    case RepositorySelection::Selected: return u"selected"_s;
    case RepositorySelection::Unknown: break;
    }
    return u"unknown"_s;
}

namespace {

RepositorySelection repositorySelection(const nlohmann::json &json)
{
    const QString text = stringOr(json, "repository_selection");
    if (text == u"all"_s)
        return RepositorySelection::All;
    if (text == u"selected"_s)
        return RepositorySelection::Selected;
    return RepositorySelection::Unknown;
}

} // namespace

void from_json(const nlohmann::json &json, Account &value)
{
    value.id = requiredInteger(json, "id");
    // An enterprise account has a slug and a name instead of a login.
    const std::optional<QString> login = optionalString(json, "login");
    const std::optional<QString> slug = optionalString(json, "slug");
    if (!login && !slug)
        value.login = requiredString(json, "login");
    else
        value.login = login ? *login : *slug;
    value.typeName = stringOr(json, "type", login ? QString() : u"Enterprise"_s);
    value.type = accountTypeFromString(value.typeName);
    value.htmlUrl = stringOr(json, "html_url");
    value.avatarUrl = stringOr(json, "avatar_url");
    value.name = optionalString(json, "name");
    value.siteAdmin = boolOr(json, "site_admin");
}

void from_json(const nlohmann::json &json, User &value)
{
    value.login = requiredString(json, "login");
    value.id = requiredInteger(json, "id");
    value.typeName = stringOr(json, "type");
    value.type = accountTypeFromString(value.typeName);
    value.siteAdmin = boolOr(json, "site_admin");
    value.htmlUrl = stringOr(json, "html_url");
    value.avatarUrl = stringOr(json, "avatar_url");
    value.name = optionalString(json, "name");
    value.company = optionalString(json, "company");
    value.blog = optionalString(json, "blog");
    value.location = optionalString(json, "location");
    value.email = optionalString(json, "email");
    value.bio = optionalString(json, "bio");
    value.twitterUsername = optionalString(json, "twitter_username");
    value.hireable = optionalBool(json, "hireable");
    value.publicRepos = static_cast<int>(integerOr(json, "public_repos"));
    value.publicGists = static_cast<int>(integerOr(json, "public_gists"));
    value.followers = static_cast<int>(integerOr(json, "followers"));
    value.following = static_cast<int>(integerOr(json, "following"));
    value.createdAt = dateTimeOr(json, "created_at");
    value.updatedAt = dateTimeOr(json, "updated_at");
}

void from_json(const nlohmann::json &json, App &value)
{
    value.id = requiredInteger(json, "id");
    value.slug = optionalString(json, "slug");
    value.clientId = optionalString(json, "client_id");
    value.name = requiredString(json, "name");
    value.description = optionalString(json, "description");
    value.externalUrl = stringOr(json, "external_url");
    value.htmlUrl = stringOr(json, "html_url");
    value.owner = optionalObject<Account>(json, "owner");
    value.permissions = stringMap(json, "permissions");
    value.events = stringList(json, "events");
    const std::optional<qint64> count = optionalInteger(json, "installations_count");
    value.installationsCount = count ? std::optional<int>(static_cast<int>(*count)) : std::nullopt;
    value.createdAt = dateTimeOr(json, "created_at");
    value.updatedAt = dateTimeOr(json, "updated_at");
}

void from_json(const nlohmann::json &json, Installation &value)
{
    value.id = requiredInteger(json, "id");
    value.account = optionalObject<Account>(json, "account");
    value.appId = integerOr(json, "app_id");
    value.appSlug = optionalString(json, "app_slug");
    value.clientId = optionalString(json, "client_id");
    value.targetId = integerOr(json, "target_id");
    value.targetType = stringOr(json, "target_type");
    value.repositorySelection = repositorySelection(json);
    value.permissions = stringMap(json, "permissions");
    value.events = stringList(json, "events");
    value.htmlUrl = stringOr(json, "html_url");
    value.singleFileName = optionalString(json, "single_file_name");
    value.createdAt = dateTimeOr(json, "created_at");
    value.updatedAt = dateTimeOr(json, "updated_at");
    value.suspendedAt = optionalDateTime(json, "suspended_at");
    value.suspendedBy = optionalObject<Account>(json, "suspended_by");
}

void from_json(const nlohmann::json &json, Repository &value)
{
    value.id = requiredInteger(json, "id");
    value.name = requiredString(json, "name");
    value.fullName = stringOr(json, "full_name", value.name);
    value.owner = optionalObject<Account>(json, "owner");
    value.isPrivate = boolOr(json, "private");
    value.htmlUrl = stringOr(json, "html_url");
    value.description = optionalString(json, "description");
    value.fork = boolOr(json, "fork");
    value.defaultBranch = optionalString(json, "default_branch");
    value.language = optionalString(json, "language");
    value.visibility = optionalString(json, "visibility");
    value.archived = boolOr(json, "archived");
    value.disabled = boolOr(json, "disabled");
    value.openIssuesCount = static_cast<int>(integerOr(json, "open_issues_count"));
    value.stargazersCount = static_cast<int>(integerOr(json, "stargazers_count"));
    value.pushedAt = optionalDateTime(json, "pushed_at");
    value.createdAt = optionalDateTime(json, "created_at");
    value.updatedAt = optionalDateTime(json, "updated_at");
}

void from_json(const nlohmann::json &json, InstallationRepositories &value)
{
    value.repositories = listOf<Repository>(json, "repositories");
    value.totalCount = integerOr(json, "total_count", value.repositories.size());
}

void from_json(const nlohmann::json &json, RateLimitResource &value)
{
    value.limit = requiredInteger(json, "limit");
    value.remaining = requiredInteger(json, "remaining");
    value.used = integerOr(json, "used", value.limit - value.remaining);
    value.reset = QDateTime::fromSecsSinceEpoch(requiredInteger(json, "reset"), Qt::UTC);
}

void from_json(const nlohmann::json &json, RateLimitOverview &value)
{
    if (const nlohmann::json *resources = member(json, "resources"); resources && resources->is_object()) {
        for (const auto &[name, entry] : resources->items()) {
            if (entry.is_object())
                value.resources.insert(toQString(name), entry.get<RateLimitResource>());
        }
    }
    const auto core = value.resources.constFind(u"core"_s);
    if (core != value.resources.cend())
        value.core = *core;
    else
        value.core = json.at("rate").get<RateLimitResource>();
}

void from_json(const nlohmann::json &json, InstallationToken &value)
{
    value.token = requiredString(json, "token");
    value.expiresAt = dateTimeOr(json, "expires_at");
    value.permissions = stringMap(json, "permissions");
    value.repositorySelection = repositorySelection(json);
    if (const nlohmann::json *repositories = member(json, "repositories"); repositories && repositories->is_array()) {
        for (const auto &repository : *repositories)
            value.repositoryNames.append(stringOr(repository, "full_name", stringOr(repository, "name")));
    }
}
