#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTextStream>

#include <unistd.h>

#include "sandboxgithub.h"

using namespace Qt::StringLiterals;

namespace {

// [{"id": "41382134", "account": "granite-io", "type": "organization", "suspended": false}, …]
std::expected<QList<SandboxGitHub::Installation>, QString> readInstallations(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(u"Cannot read %1: %2"_s.arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return std::unexpected(u"%1 is not a JSON array of installations"_s.arg(path));
    QList<SandboxGitHub::Installation> installations;
    for (const QJsonValue &value : document.array()) {
        const QJsonObject o = value.toObject();
        if (o.value("id"_L1).toString().isEmpty() || o.value("account"_L1).toString().isEmpty())
            return std::unexpected(u"%1: every installation needs an id and an account"_s.arg(path));
        installations.append({o.value("id"_L1).toString(), o.value("account"_L1).toString(),
                              o.value("type"_L1).toString(u"organization"_s), o.value("suspended"_L1).toBool()});
    }
    return installations;
}

} // namespace

// staff-console-sandbox [--port N] [--installations FILE] [--exit-with-stdin]: the sandbox GitHub
// as a process of its own. The first line on standard output is a JSON object naming where it
// listens ({"base_url", "web_url", "app_id", "app_name"}); then a line per comment or pull request
// posted. `staff-console --demo` runs it as a child with --exit-with-stdin, so it ends with the
// console even when the console is killed.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"staff-console-sandbox"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A GitHub-shaped API on 127.0.0.1 for the Staff Console demo (sandbox)."_s);
    parser.addHelpOption();
    const QCommandLineOption port(u"port"_s, u"Port to listen on (default: a free one)."_s, u"port"_s, u"0"_s);
    const QCommandLineOption installationsFile(u"installations"_s,
                                               u"JSON array of the App's installations (id, account, type, suspended)."_s,
                                               u"file"_s);
    const QCommandLineOption exitWithStdin(u"exit-with-stdin"_s, u"Exit when standard input closes."_s);
    parser.addOptions({port, installationsFile, exitWithStdin});
    parser.process(app);
    bool ok = false;
    const uint number = parser.value(port).toUInt(&ok);
    if (!ok || number > 65535) {
        QTextStream(stderr) << "Invalid port: " << parser.value(port) << Qt::endl;
        return 2;
    }
    SandboxGitHub sandbox;
    if (parser.isSet(installationsFile)) {
        const auto installations = readInstallations(parser.value(installationsFile));
        if (!installations) {
            QTextStream(stderr) << installations.error() << Qt::endl;
            return 2;
        }
        sandbox.setInstallations(*installations);
    }
    const auto base = sandbox.start(quint16(number));
    if (!base) {
        QTextStream(stderr) << base.error() << Qt::endl;
        return 1;
    }
    const QJsonObject ready{{u"base_url"_s, base->toString()},
                            {u"web_url"_s, sandbox.webUrl()},
                            {u"app_id"_s, sandbox.appId()},
                            {u"app_name"_s, sandbox.appName()}};
    QTextStream(stdout) << QJsonDocument(ready).toJson(QJsonDocument::Compact) << Qt::endl;
    QObject::connect(&sandbox, &SandboxGitHub::published, &app, [](const SandboxGitHub::Publication &p) {
        QTextStream(stdout) << "posted " << (p.kind == SandboxGitHub::Publication::Kind::Comment ? "comment " : "pull request ")
                            << p.htmlUrl << Qt::endl;
    });
    if (parser.isSet(exitWithStdin)) {
        auto *notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
            char buffer[256];
            if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0) {
                notifier->setEnabled(false);
                QCoreApplication::quit();
            }
        });
    }
    return app.exec();
}
