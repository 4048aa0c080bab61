#include "githubweblinks.h"

#include "github/githubclient.h"

using namespace Qt::StringLiterals;

QUrl GitHubWebLinks::webBase(const QUrl &apiBase)
{
    if (apiBase.host().compare(u"api.github.com"_s, Qt::CaseInsensitive) == 0)
        return QUrl(u"https://github.com"_s);
    QString path = apiBase.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.endsWith(u"/api/v3"_s, Qt::CaseInsensitive)) {
        QUrl web = apiBase;
        web.setPath(path.chopped(7));
        return web;
    }
    return apiBase;
}

QUrl GitHubWebLinks::issueUrl(const QUrl &webBase, const QString &repository, qint64 number)
{
    const auto repo = RepoRef::parse(repository);
    if (!repo || number < 1 || !webBase.isValid())
        return {};
    QUrl url = webBase;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u'/' + repo->owner + u'/' + repo->name + u"/issues/"_s + QString::number(number));
    return url;
}
