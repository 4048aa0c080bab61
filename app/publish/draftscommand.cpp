#include "draftscommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include <nlohmann/json.hpp>

#include "connectionprofile.h"
#include "github/githubclient.h"
#include "github/githubclientconfiguration.h"
#include "http/httpclient.h"
#include "publicationstore.h"
#include "publish/draftpublisher.h"
#include "secretstore.h"
#include "settings.h"

using namespace Qt::StringLiterals;

namespace {

enum ExitCode { Success = 0, NotAllPublished = 1, Usage = 2, ConnectionFailed = 3 };

constexpr int kKeychainTimeoutMs = 10'000;
constexpr auto kUsage = "usage: staff-console drafts publish ID… --db URI [--config FILE]\n"
                        "       staff-console drafts reconcile --db URI [--config FILE] [--min-age SECONDS]";

void printLine(const QByteArray &json)
{
    QTextStream out(stdout);
    out << QString::fromUtf8(json) << Qt::endl;
}

int errorLine(int code, const QString &message)
{
    printLine(QByteArray::fromStdString(nlohmann::json{{"error", message.toStdString()}}.dump()));
    return code;
}

struct Request
{
    bool reconcile = false;
    QList<qint64> drafts;
    std::chrono::seconds minimumAge = DraftPublisher::kDefaultStaleAfter;
    Settings settings;
    ConnectionProfile profile;
};

// Runs with the database password known; ends the event loop with the exit code.
class DraftsRun : public QObject
{
public:
    DraftsRun(Request request, QString password)
        : m_request(std::move(request)), m_password(std::move(password)), m_http(&m_network),
          m_github(&m_http), m_configuration(&m_github, &m_secrets)
    {
    }

    void start()
    {
        auto probe = PgConnection::open(m_request.profile, m_password, u"drafts"_s);
        if (!probe) {
            QCoreApplication::exit(errorLine(ConnectionFailed, probe.error().text()));
            return;
        }
        probe->reset();
        const ConnectionProfile profile = m_request.profile;
        const QString password = m_password;
        m_store = std::make_unique<PublicationStore>([profile, password](const QString &purpose) {
            return PgConnection::open(profile, password, purpose);
        });
        m_publisher = std::make_unique<DraftPublisher>(&m_github, m_store.get());
        connect(&m_configuration, &GitHubClientConfiguration::configured, this, [this](bool ok, const QString &problem) {
            if (!ok || !m_github.hasAppCredentials()) {
                QCoreApplication::exit(errorLine(Usage, problem.isEmpty() ? u"No GitHub App is configured."_s : problem));
                return;
            }
            if (m_request.reconcile) {
                m_publisher->reconcile(this, [](const QList<PublishOutcome> &outcomes) {
                    bool all = true;
                    for (const PublishOutcome &o : outcomes) {
                        printLine(o.toJson());
                        all = all && o.succeeded();
                    }
                    QCoreApplication::exit(all ? Success : NotAllPublished);
                }, m_request.minimumAge);
            } else {
                next();
            }
        }, Qt::SingleShotConnection);
        m_configuration.apply(m_request.settings);
    }

private:
    void next()
    {
        if (m_request.drafts.isEmpty()) {
            QCoreApplication::exit(m_allPublished ? Success : NotAllPublished);
            return;
        }
        const qint64 id = m_request.drafts.takeFirst();
        m_publisher->publish(id, this, [this](const PublishOutcome &outcome) {
            printLine(outcome.toJson());
            m_allPublished = m_allPublished && outcome.succeeded();
            next();
        });
    }

    Request m_request;
    QString m_password;
    QNetworkAccessManager m_network;
    SecretStore m_secrets;
    HttpClient m_http;
    GitHubClient m_github;
    GitHubClientConfiguration m_configuration;
    std::unique_ptr<PublicationStore> m_store;
    std::unique_ptr<DraftPublisher> m_publisher;
    bool m_allPublished = true;
};

} // namespace

int runDraftsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Publishes drafts to GitHub as the App, or reconciles open publications."_s);
    const QCommandLineOption db(u"db"_s, u"libpq-style URI (the password comes from PGPASSWORD or the keychain)."_s, u"uri"_s);
    const QCommandLineOption config(u"config"_s, u"Read settings from the INI <file>."_s, u"file"_s);
    const QCommandLineOption minAge(u"min-age"_s, u"reconcile: only publications open for <seconds> (default 120)."_s,
                                    u"seconds"_s);
    parser.addOption(db);
    parser.addOption(config);
    parser.addOption(minAge);
    if (!parser.parse(arguments))
        return errorLine(Usage, parser.errorText());
    QStringList positional = parser.positionalArguments();
    if (positional.size() < 2 || positional.takeFirst() != u"drafts"_s)
        return errorLine(Usage, QString::fromUtf8(kUsage));
    Request request;
    const QString verb = positional.takeFirst();
    if (verb == u"reconcile"_s && positional.isEmpty()) {
        request.reconcile = true;
    } else if (verb == u"publish"_s && !positional.isEmpty()) {
        for (const QString &text : positional) {
            bool ok = false;
            const qint64 id = text.toLongLong(&ok);
            if (!ok || id <= 0)
                return errorLine(Usage, u"“%1” is not a draft id."_s.arg(text));
            request.drafts.append(id);
        }
    } else {
        return errorLine(Usage, QString::fromUtf8(kUsage));
    }
    if (parser.isSet(minAge)) {
        bool ok = false;
        const int seconds = parser.value(minAge).toInt(&ok);
        if (!ok || seconds < 0)
            return errorLine(Usage, u"--min-age takes a number of seconds."_s);
        request.minimumAge = std::chrono::seconds(seconds);
    }

    QSettings user(QSettings::NativeFormat, QSettings::UserScope, u"staff-console"_s, u"staff-console"_s);
    auto settings = Settings::load(user, parser.value(config));
    if (!settings)
        return errorLine(Usage, settings.error());
    request.settings = std::move(*settings);
    if (parser.isSet(db)) {
        auto profile = ConnectionProfile::fromUri(parser.value(db));
        if (!profile)
            return errorLine(Usage, profile.error());
        request.profile = *profile;
    } else if (request.settings.database) {
        request.profile = *request.settings.database;
    } else {
        return errorLine(Usage, u"--db URI is required (postgresql://user@host:port/dbname)."_s);
    }

    std::unique_ptr<DraftsRun> run;
    if (qEnvironmentVariableIsSet("PGPASSWORD")) {
        run = std::make_unique<DraftsRun>(std::move(request), qEnvironmentVariable("PGPASSWORD"));
        QTimer::singleShot(0, run.get(), [&run] { run->start(); });
        return QCoreApplication::exec();
    }
    // No PGPASSWORD: the keychain entry the connection dialog saved, if it answers in time.
    SecretStore secrets;
    auto keychainContext = std::make_unique<QObject>();
    QTimer keychainTimeout;
    keychainTimeout.setSingleShot(true);
    const auto begin = [&run, &request](const QString &password) {
        run = std::make_unique<DraftsRun>(std::move(request), password);
        run->start();
    };
    secrets.read(SecretStore::databaseKey(request.profile), keychainContext.get(),
                 [&keychainTimeout, begin](SecretStore::ReadResult secret) {
                     keychainTimeout.stop();
                     begin(secret ? QString::fromUtf8(*secret) : QString());
                 });
    QObject::connect(&keychainTimeout, &QTimer::timeout, &keychainTimeout, [&keychainContext, begin] {
        keychainContext.reset();
        begin(QString());
    });
    keychainTimeout.start(kKeychainTimeoutMs);
    return QCoreApplication::exec();
}
