#pragma once

#include <QString>
#include <QUrl>

// Web pages (for a browser) of what the GitHub API at a base URL describes.
// The API at https://api.github.com has its pages on https://github.com; GitHub Enterprise Server's
// API at https://HOST/api/v3 has them on https://HOST. Any other base (a sandbox, a proxy) is
// returned unchanged: give its web base explicitly.
class GitHubWebLinks
{
public:
    static QUrl webBase(const QUrl &apiBase);
    // webBase/owner/name/issues/number; an empty URL when `repository` is not "owner/name" or
    // number < 1. GitHub redirects /issues/N to /pull/N for a pull request.
    static QUrl issueUrl(const QUrl &webBase, const QString &repository, qint64 number);
};
