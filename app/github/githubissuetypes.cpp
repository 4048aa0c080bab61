#include "githubissuetypes.h"

#include "githubjson.h"

using namespace Qt::StringLiterals;
using namespace githubjson;

namespace {

IssueState issueState(const QString &text)
{
    if (text == u"open"_s)
        return IssueState::Open;
    if (text == u"closed"_s)
        return IssueState::Closed;
    return IssueState::Unknown;
}

ComparisonStatus comparisonStatus(const QString &text)
{
    if (text == u"diverged"_s)
        return ComparisonStatus::Diverged;
    if (text == u"ahead"_s)
        return ComparisonStatus::Ahead;
    if (text == u"behind"_s)
        return ComparisonStatus::Behind;
    if (text == u"identical"_s)
        return ComparisonStatus::Identical;
    return ComparisonStatus::Unknown;
}

} // namespace

void from_json(const nlohmann::json &json, Label &value)
{
    if (json.is_string()) {
        value.name = toQString(json.get<std::string>());
        return;
    }
    value.id = optionalInteger(json, "id");
    value.name = stringOr(json, "name");
    value.color = stringOr(json, "color");
    value.description = optionalString(json, "description");
}

void from_json(const nlohmann::json &json, Issue &value)
{
    value.id = requiredInteger(json, "id");
    value.number = static_cast<int>(requiredInteger(json, "number"));
    value.title = requiredString(json, "title");
    value.stateName = stringOr(json, "state");
    value.state = issueState(value.stateName);
    value.stateReason = optionalString(json, "state_reason");
    value.body = optionalString(json, "body");
    value.user = optionalObject<Account>(json, "user");
    value.labels = listOf<Label>(json, "labels");
    if (const nlohmann::json *assignees = member(json, "assignees"); assignees && assignees->is_array()) {
        for (const auto &assignee : *assignees)
            value.assignees.append(stringOr(assignee, "login"));
    }
    value.comments = static_cast<int>(integerOr(json, "comments"));
    value.locked = boolOr(json, "locked");
    if (const nlohmann::json *pull = member(json, "pull_request"); pull && pull->is_object()) {
        value.isPullRequest = true;
        value.pullRequestHtmlUrl = optionalString(*pull, "html_url");
    }
    value.htmlUrl = stringOr(json, "html_url");
    value.createdAt = dateTimeOr(json, "created_at");
    value.updatedAt = dateTimeOr(json, "updated_at");
    value.closedAt = optionalDateTime(json, "closed_at");
}

void from_json(const nlohmann::json &json, IssueComment &value)
{
    value.id = requiredInteger(json, "id");
    value.body = optionalString(json, "body");
    value.user = optionalObject<Account>(json, "user");
    value.htmlUrl = stringOr(json, "html_url");
    value.authorAssociation = stringOr(json, "author_association");
    value.createdAt = dateTimeOr(json, "created_at");
    value.updatedAt = dateTimeOr(json, "updated_at");
}

void from_json(const nlohmann::json &json, PullRequestRef &value)
{
    value.label = stringOr(json, "label");
    value.ref = requiredString(json, "ref");
    value.sha = stringOr(json, "sha");
    if (const nlohmann::json *repo = member(json, "repo"); repo && repo->is_object())
        value.repoFullName = optionalString(*repo, "full_name");
}

void from_json(const nlohmann::json &json, PullRequest &value)
{
    value.id = requiredInteger(json, "id");
    value.number = static_cast<int>(requiredInteger(json, "number"));
    value.title = requiredString(json, "title");
    value.stateName = stringOr(json, "state");
    value.state = issueState(value.stateName);
    value.body = optionalString(json, "body");
    value.user = optionalObject<Account>(json, "user");
    value.htmlUrl = stringOr(json, "html_url");
    value.head = json.at("head").get<PullRequestRef>();
    value.base = json.at("base").get<PullRequestRef>();
    value.draft = optionalBool(json, "draft");
    value.merged = optionalBool(json, "merged");
    value.mergedAt = optionalDateTime(json, "merged_at");
    value.createdAt = dateTimeOr(json, "created_at");
    value.updatedAt = dateTimeOr(json, "updated_at");
    value.closedAt = optionalDateTime(json, "closed_at");
}

void from_json(const nlohmann::json &json, Branch &value)
{
    value.name = requiredString(json, "name");
    const nlohmann::json &commit = json.at("commit");
    value.commitSha = requiredString(commit, "sha");
    if (const nlohmann::json *details = member(commit, "commit"); details && details->is_object()) {
        value.commitMessage = optionalString(*details, "message");
        if (const nlohmann::json *committer = member(*details, "committer"); committer && committer->is_object())
            value.commitDate = optionalDateTime(*committer, "date");
    }
    value.isProtected = boolOr(json, "protected");
}

void from_json(const nlohmann::json &json, ComparisonFile &value)
{
    value.filename = requiredString(json, "filename");
    value.status = stringOr(json, "status");
    value.additions = static_cast<int>(integerOr(json, "additions"));
    value.deletions = static_cast<int>(integerOr(json, "deletions"));
    value.changes = static_cast<int>(integerOr(json, "changes"));
    value.patch = optionalString(json, "patch");
    value.previousFilename = optionalString(json, "previous_filename");
}

void from_json(const nlohmann::json &json, Comparison &value)
{
    value.statusName = requiredString(json, "status");
    value.status = comparisonStatus(value.statusName);
    value.aheadBy = static_cast<int>(integerOr(json, "ahead_by"));
    value.behindBy = static_cast<int>(integerOr(json, "behind_by"));
    value.totalCommits = static_cast<int>(integerOr(json, "total_commits"));
    value.htmlUrl = stringOr(json, "html_url");
    value.permalinkUrl = stringOr(json, "permalink_url");
    if (const nlohmann::json *commits = member(json, "commits"); commits && commits->is_array()) {
        for (const auto &commit : *commits)
            value.commitShas.append(stringOr(commit, "sha"));
    }
    value.files = listOf<ComparisonFile>(json, "files");
}
