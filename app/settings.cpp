#include "settings.h"

#include <QFileInfo>
#include <QSettings>

#include "http/httpclient.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kGitHubBaseUrl = "github/base_url";
constexpr auto kGitHubAppId = "github/app_id";
constexpr auto kGitHubClientId = "github/client_id";
constexpr auto kGitHubPrivateKeyFile = "github/private_key_file";
constexpr auto kStripeBaseUrl = "stripe/base_url";
constexpr auto kStripeApiKeyFile = "stripe/api_key_file";
constexpr auto kDatabaseUri = "database/uri";
constexpr auto kHttpTimeout = "http/timeout_seconds";
constexpr auto kHttpRetries = "http/retries";
constexpr auto kWorkflowRunUrl = "workflow/run_url";
constexpr auto kSingleKeyShortcuts = "keyboard/single_key_shortcuts";

QString key(const char *name) { return QString::fromLatin1(name); }

// Applies every key `source` holds. File paths are read from a config file only (`baseDir` set),
// relative ones against the file's folder.
std::expected<void, QString> apply(const QSettings &source, Settings &settings, const QString &baseDir)
{
    const auto text = [&source](const char *name) { return source.value(key(name)).toString().trimmed(); };
    const auto path = [&](const char *name) -> QString {
        const QString value = text(name);
        if (value.isEmpty() || QFileInfo(value).isAbsolute())
            return value;
        return QFileInfo(baseDir + u'/' + value).absoluteFilePath();
    };
    const auto url = [&](const char *name, QUrl &target) -> std::expected<void, QString> {
        if (!source.contains(key(name)))
            return {};
        auto parsed = Settings::parseBaseUrl(text(name));
        if (!parsed)
            return std::unexpected(key(name) + u": "_s + parsed.error());
        target = *parsed;
        return {};
    };

    if (auto ok = url(kGitHubBaseUrl, settings.github.baseUrl); !ok)
        return ok;
    if (source.contains(key(kGitHubClientId)))
        settings.github.appId = text(kGitHubClientId);
    if (source.contains(key(kGitHubAppId)))
        settings.github.appId = text(kGitHubAppId);
    const bool fromFile = !baseDir.isEmpty();
    if (fromFile && source.contains(key(kGitHubPrivateKeyFile)))
        settings.github.privateKeyFile = path(kGitHubPrivateKeyFile);
    if (auto ok = url(kStripeBaseUrl, settings.stripe.baseUrl); !ok)
        return ok;
    if (fromFile && source.contains(key(kStripeApiKeyFile)))
        settings.stripe.apiKeyFile = path(kStripeApiKeyFile);
    if (source.contains(key(kDatabaseUri))) {
        settings.databaseUri = text(kDatabaseUri);
        settings.database.reset();
        if (!settings.databaseUri.isEmpty()) {
            auto profile = ConnectionProfile::fromUri(settings.databaseUri);
            if (!profile)
                return std::unexpected(key(kDatabaseUri) + u": "_s + profile.error());
            profile->name = Settings::managedProfileName();
            settings.database = std::move(*profile);
        }
    }
    if (source.contains(key(kHttpTimeout))) {
        bool ok = false;
        const int seconds = text(kHttpTimeout).toInt(&ok);
        if (!ok || seconds <= 0 || seconds > 600)
            return std::unexpected(key(kHttpTimeout) + u": expected a number of seconds from 1 to 600"_s);
        settings.timeout = std::chrono::seconds(seconds);
    }
    if (source.contains(key(kHttpRetries))) {
        bool ok = false;
        const int retries = text(kHttpRetries).toInt(&ok);
        if (!ok || retries < 0 || retries > 10)
            return std::unexpected(key(kHttpRetries) + u": expected a number from 0 to 10"_s);
        settings.retries = retries;
    }
    if (source.contains(key(kWorkflowRunUrl))) {
        const QString value = text(kWorkflowRunUrl);
        if (auto ok = Settings::checkRunUrl(value); !ok)
            return std::unexpected(key(kWorkflowRunUrl) + u": "_s + ok.error());
        settings.workflowRunUrl = value;
    }
    if (source.contains(key(kSingleKeyShortcuts))) {
        const QString value = text(kSingleKeyShortcuts).toLower();
        if (value == u"true"_s || value == u"1"_s || value == u"yes"_s || value == u"on"_s)
            settings.singleKeyShortcuts = true;
        else if (value == u"false"_s || value == u"0"_s || value == u"no"_s || value == u"off"_s)
            settings.singleKeyShortcuts = false;
        else
            return std::unexpected(key(kSingleKeyShortcuts) + u": expected true or false"_s);
    }
    return {};
}

std::expected<void, QString> applyFile(const QString &configFile, Settings &settings)
{
    const QFileInfo info(configFile);
    if (!info.isFile() || !info.isReadable())
        return std::unexpected(u"The configuration file %1 cannot be read."_s.arg(configFile));
    QSettings file(configFile, QSettings::IniFormat);
    if (file.status() != QSettings::NoError)
        return std::unexpected(u"The configuration file %1 is not a valid INI file."_s.arg(configFile));
    if (auto ok = apply(file, settings, info.absolutePath()); !ok)
        return std::unexpected(u"%1: %2"_s.arg(configFile, ok.error()));
    settings.managed.githubBaseUrl |= file.contains(key(kGitHubBaseUrl));
    settings.managed.githubAppId |= file.contains(key(kGitHubAppId)) || file.contains(key(kGitHubClientId));
    settings.managed.workflowRunUrl |= file.contains(key(kWorkflowRunUrl));
    settings.managed.singleKeyShortcuts |= file.contains(key(kSingleKeyShortcuts));
    settings.configFile = info.absoluteFilePath();
    return {};
}

} // namespace

std::expected<Settings, QString> Settings::load(const QSettings &user, const QString &configFile,
                                                const RunOverride &run)
{
    Settings settings;
    if (auto ok = apply(user, settings, {}); !ok)
        return std::unexpected(u"Settings: "_s + ok.error());
    if (!configFile.isEmpty()) {
        if (auto ok = applyFile(configFile, settings); !ok)
            return std::unexpected(ok.error());
    }
    if (run.githubBaseUrl) {
        settings.github.baseUrl = *run.githubBaseUrl;
        settings.managed.githubBaseUrl = true;
    }
    if (!run.githubAppId.isEmpty()) {
        settings.github.appId = run.githubAppId;
        settings.managed.githubAppId = true;
    }
    if (!run.githubPrivateKeyPem.isEmpty()) {
        settings.github.privateKeyPem = run.githubPrivateKeyPem;
        settings.github.privateKeyFile.clear();
    }
    settings.runOverride = run;
    return settings;
}

std::expected<Settings, QString> Settings::fromFile(const QString &configFile)
{
    Settings settings;
    if (auto ok = applyFile(configFile, settings); !ok)
        return std::unexpected(ok.error());
    return settings;
}

void Settings::saveGitHub(QSettings &user) const
{
    if (!managed.githubBaseUrl)
        user.setValue(key(kGitHubBaseUrl), github.baseUrl.toString());
    if (!managed.githubAppId)
        user.setValue(key(kGitHubAppId), github.appId);
}

void Settings::saveReview(QSettings &user) const
{
    if (!managed.workflowRunUrl)
        user.setValue(key(kWorkflowRunUrl), workflowRunUrl);
    if (!managed.singleKeyShortcuts)
        user.setValue(key(kSingleKeyShortcuts), singleKeyShortcuts);
}

QString Settings::runUrl(const QString &urlTemplate, const QString &runId)
{
    if (urlTemplate.isEmpty())
        return {};
    QString url = urlTemplate;
    url.replace(u"{id}"_s, QString::fromLatin1(QUrl::toPercentEncoding(runId)));
    return url;
}

std::expected<void, QString> Settings::checkRunUrl(const QString &urlTemplate)
{
    if (urlTemplate.isEmpty())
        return {};
    const QUrl url(runUrl(urlTemplate, u"1"_s), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty())
        return std::unexpected(u"expected an http(s) URL with {id}, e.g. https://ci.example.com/runs/{id}"_s);
    if (!urlTemplate.contains(u"{id}"_s))
        return std::unexpected(u"the URL must contain {id} (the workflow run id)"_s);
    return {};
}

HttpClientConfig Settings::httpConfig() const
{
    HttpClientConfig config;
    config.timeout = timeout;
    config.maxRetries = retries;
    return config;
}

std::expected<QUrl, QString> Settings::parseBaseUrl(const QString &text)
{
    QString trimmed = text.trimmed();
    while (trimmed.endsWith(u'/'))
        trimmed.chop(1);
    const QUrl url(trimmed, QUrl::StrictMode);
    if (trimmed.isEmpty() || !url.isValid())
        return std::unexpected(u"not a valid URL"_s);
    if (url.scheme() != u"https"_s && url.scheme() != u"http"_s)
        return std::unexpected(u"the URL must start with https:// (or http:// for a local server)"_s);
    if (url.host().isEmpty())
        return std::unexpected(u"the URL has no host"_s);
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return std::unexpected(u"the URL must not carry a query, fragment or user name"_s);
    return url;
}
