#include "commandline.h"

#include <QCommandLineParser>
#include <QFileInfo>

using namespace Qt::StringLiterals;

std::expected<CommandLine, QString> CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Staff Console: review AI drafts, look after users and GitHub App installations.\n\n"
        u"Subcommands:\n"
        u"  migrate --db URI [--dry-run]   apply the schema migrations without a display"_s);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption profile(u"profile"_s, u"Connect to the saved connection profile <name>."_s,
                                     u"name"_s);
    const QCommandLineOption demo(u"demo"_s, u"Run on a private demo database (a sandbox)."_s);
    const QCommandLineOption demoReset(u"demo-reset"_s, u"Start the demo database afresh (implies --demo)."_s);
    const QCommandLineOption demoDrafts(u"demo-drafts"_s,
                                        u"Seed the demo with <n> drafts (implies --demo)."_s, u"n"_s);
    const QCommandLineOption config(u"config"_s, u"Read API settings from <file>."_s, u"file"_s);
    const QCommandLineOption demoLogin(u"demo-login"_s,
                                       u"Use the demo as <login> (demo_reviewer, demo_admin, demo_support, "
                                       u"postgres) instead of asking (implies --demo)."_s, u"login"_s);
    parser.addOptions({profile, demo, demoReset, demoDrafts, config, demoLogin});

    if (!parser.parse(arguments))
        return std::unexpected(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return std::unexpected(u"Unexpected argument: %1"_s.arg(parser.positionalArguments().constFirst()));

    CommandLine cl;
    if (parser.isSet(helpOption)) {
        cl.action = Action::Help;
        cl.text = parser.helpText().replace(u"<executable_name>"_s, u"staff-console"_s);
        return cl;
    }
    if (parser.isSet(versionOption)) {
        cl.action = Action::Version;
        cl.text = u"staff-console "_s + QString::fromLatin1(STAFFCONSOLE_VERSION) + u'\n';
        return cl;
    }
    cl.profile = parser.value(profile);
    cl.demoReset = parser.isSet(demoReset);
    cl.demoLogin = parser.value(demoLogin).trimmed();
    cl.demo = parser.isSet(demo) || cl.demoReset || parser.isSet(demoDrafts) || parser.isSet(demoLogin);
    if (parser.isSet(demoLogin) && !QStringList{u"demo_reviewer"_s, u"demo_admin"_s, u"demo_support"_s, u"postgres"_s}
                                        .contains(cl.demoLogin))
        return std::unexpected(u"--demo-login is one of demo_reviewer, demo_admin, demo_support, postgres."_s);
    if (parser.isSet(demoDrafts)) {
        bool ok = false;
        cl.demoDrafts = parser.value(demoDrafts).toInt(&ok);
        if (!ok || cl.demoDrafts < 0)
            return std::unexpected(u"--demo-drafts needs a number of drafts (0 or more), not \"%1\"."_s
                                       .arg(parser.value(demoDrafts)));
    }
    cl.configFile = parser.value(config);
    if (parser.isSet(config) && !QFileInfo(cl.configFile).isReadable())
        return std::unexpected(u"The configuration file %1 cannot be read."_s.arg(cl.configFile));
    if (cl.demo && !cl.profile.isEmpty())
        return std::unexpected(u"Use either --demo or --profile, not both."_s);
    if (parser.isSet(profile) && cl.profile.trimmed().isEmpty())
        return std::unexpected(u"--profile needs the name of a saved profile."_s);
    return cl;
}
