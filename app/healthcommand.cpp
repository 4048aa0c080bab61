#include "healthcommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include "github/appkeystore.h"
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

// The key files a configuration file names are part of it: one that cannot be read (missing, a
// directory, no permission) or, for GitHub, is no usable private key is a configuration-file
// error. The message names the file, the key and the problem, never the file's content.
std::expected<void, QString> checkKeyFiles(const Settings &settings)
{
    const QString where = settings.configFile.isEmpty() ? QString() : settings.configFile + u": "_s;
    if (!settings.github.privateKeyFile.isEmpty()) {
        if (auto pem = AppKeyStore::readPemFile(settings.github.privateKeyFile); !pem)
            return std::unexpected(where + u"github/private_key_file: "_s + pem.error().text());
    }
    const QString stripeKey = settings.stripe.apiKeyFile;
    if (!stripeKey.isEmpty()) {
        const QFileInfo info(stripeKey);
        QString problem;
        if (!info.exists())
            problem = u"it does not exist"_s;
        else if (info.isDir())
            problem = u"it is a directory"_s;
        else if (!info.isFile() || !info.isReadable())
            problem = u"it is not a readable file"_s;
        if (!problem.isEmpty())
            return std::unexpected(where + u"stripe/api_key_file: the file %1 cannot be read: %2."_s.arg(stripeKey, problem));
    }
    return {};
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
    if (auto keys = checkKeyFiles(*settings); !keys)
        return usageError(keys.error());

    QNetworkAccessManager network;
    SecretStore secrets;
    HealthCheck check(std::move(*settings), &network, &secrets);
    check.run([](const QByteArray &json, bool healthy) {
        QTextStream(stdout) << QString::fromUtf8(json) << Qt::endl;
        QCoreApplication::exit(healthy ? 0 : 1);
    });
    return QCoreApplication::exec();
}
