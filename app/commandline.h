#pragma once

#include <QString>
#include <QStringList>

#include <expected>

// The GUI's command-line options. Subcommands (`migrate`, `health`) are dispatched in main()
// before this is parsed. parse() needs no QCoreApplication instance.
struct CommandLine
{
    enum class Action { Run, Help, Version };

    Action action = Action::Run;
    QString text;             // what to print for Help / Version
    QString profile;          // --profile NAME: connect to this saved profile
    bool demo = false;        // --demo (also implied by --demo-reset / --demo-drafts)
    bool demoReset = false;   // --demo-reset: start the demo database afresh
    int demoDrafts = -1;      // --demo-drafts N; -1: the demo's default
    QString demoLogin;        // --demo-login NAME: demo_reviewer, demo_admin, demo_support, postgres
    QString configFile;       // --config FILE: GitHub, Stripe and [database] uri settings

    // `arguments` includes the program name first, like QCoreApplication::arguments().
    static std::expected<CommandLine, QString> parse(const QStringList &arguments);
};
