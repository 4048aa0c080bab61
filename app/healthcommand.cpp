#include "healthcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include "healthcheck.h"
#include "secretstore.h"
#include "settings.h"

using namespace Qt::StringLiterals;

namespace {

int usageError(const QString &message)
{
    const nlohmann::json json = {{"error", message.toStdString()}};
    QTextStream(stdout) << QString::fromStdString(json.dump()) << Qt::endl;
    return 2;
}

} // namespace

int runHealthCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Checks the configured services and prints one JSON object."_s);
    const QCommandLineOption config(u"config"_s, u"Read settings from the INI <file>."_s, u"file"_s);
    parser.addOption(config);
    parser.addPositionalArgument(u"health"_s, u"The health command."_s);
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.positionalArguments() != QStringList{u"health"_s})
        return usageError(u"usage: staff-console health [--config FILE]"_s);

    QSettings user(QSettings::NativeFormat, QSettings::UserScope, u"staff-console"_s, u"staff-console"_s);
    auto settings = Settings::load(user, parser.value(config));
    if (!settings)
        return usageError(settings.error());

    QNetworkAccessManager network;
    SecretStore secrets;
    HealthCheck check(std::move(*settings), &network, &secrets);
    check.run([](const QByteArray &json, bool healthy) {
        QTextStream(stdout) << QString::fromUtf8(json) << Qt::endl;
        QCoreApplication::exit(healthy ? 0 : 1);
    });
    return QCoreApplication::exec();
}
