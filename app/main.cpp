#include <QApplication>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <string_view>

#include "commandline.h"
#include "consolesession.h"
#include "demogithub.h"
#include "demoenvironment.h"
#include "demologindialog.h"
#include "github/githubclient.h"
#include "github/githubclientconfiguration.h"
#include "github/githublogindirectory.h"
#include "github/githubweblinks.h"
#include "healthcommand.h"
#include "publish/draftscommand.h"
#include "http/httpclient.h"
#include "draftsworkspace.h"
#include "mainwindow.h"
#include "migratecommand.h"
#include "profilestore.h"
#include "recordnavigator.h"
#include "secretstore.h"
#include "session.h"
#include "settings.h"
#include "settingsaction.h"
#include "staffadministration.h"

int main(int argc, char **argv)
{
    if (argc > 1 && std::string_view(argv[1]) == "migrate") { // headless: no display needed
        QCoreApplication app(argc, argv);
        return runMigrateCommand(QCoreApplication::arguments());
    }
    if (argc > 1 && std::string_view(argv[1]) == "drafts") { // headless: no display needed
        QCoreApplication app(argc, argv);
        return runDraftsCommand(QCoreApplication::arguments());
    }
    if (argc > 1 && std::string_view(argv[1]) == "health") { // headless: no display needed
        QCoreApplication app(argc, argv);
        return runHealthCommand(QCoreApplication::arguments());
    }
    QCoreApplication::setOrganizationName(QStringLiteral("staff-console"));
    QCoreApplication::setApplicationName(QStringLiteral("staff-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STAFFCONSOLE_VERSION));
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const auto options = CommandLine::parse(arguments);
    if (!options) {
        QTextStream(stderr) << options.error() << Qt::endl;
        return 2;
    }
    if (options->action != CommandLine::Action::Run) {
        QTextStream(stdout) << options->text;
        return 0;
    }

    QApplication app(argc, argv);
    std::unique_ptr<DemoEnvironment> demo;
    std::unique_ptr<DemoGitHub> demoGitHub; // the sandbox GitHub, for this run only
    if (options->demo) {
        DemoOptions demoOptions;
        demoOptions.reset = options->demoReset;
        if (options->demoDrafts >= 0)
            demoOptions.drafts = options->demoDrafts;
        auto started = DemoEnvironment::start(demoOptions);
        if (!started) {
            QTextStream(stderr) << "The demo could not start: " << started.error() << Qt::endl;
            return 1;
        }
        demo = std::move(*started);
        auto sandbox = DemoGitHub::start(demo->profile());
        if (!sandbox) {
            QTextStream(stderr) << "The demo could not start: " << sandbox.error() << Qt::endl;
            return 1;
        }
        demoGitHub = std::move(*sandbox);
    }

    SecretStore secrets;
    QNetworkAccessManager network; // shared by the API clients
    HttpClient githubHttp(&network);
    GitHubClient github(&githubHttp); // the one GitHub client of this run
    GitHubClientConfiguration githubConfiguration(&github, &secrets);
    GitHubLoginDirectory logins(&github);
    QObject::connect(&githubConfiguration, &GitHubClientConfiguration::configured, &logins, &GitHubLoginDirectory::clear);
    ProfileStore profiles;
    ConsoleSession session(profiles, secrets); // the connection, the login's RolePolicy and its services
    MainWindow window(session);
    window.setLoginDirectory(&logins);
    window.draftsWorkspace()->setGitHubClient(&github);   // review editor (issue 10): issue and comparison panes
    auto *administration = new StaffAdministration(window); // owned by the window: Audit workspace, Create staff login
    window.navigator()->followAudit(administration->auditWorkspace());
    auto *settings = new SettingsAction(window, secrets, github, options->configFile); // owned by the window
    QUrl githubWeb; // where issue links open; empty: derived from the GitHub base URL
    if (demoGitHub) {
        settings->setRunOverride(demoGitHub->runOverride());
        window.showGitHubTarget(demoGitHub->runOverride().label, demoGitHub->baseUrl());
        githubWeb = QUrl(demoGitHub->webUrl());
    }
    window.navigator()->setWebBase([&github, githubWeb] {
        return githubWeb.isEmpty() ? GitHubWebLinks::webBase(github.baseUrl()) : githubWeb;
    });
    QObject::connect(settings, &SettingsAction::settingsChanged, &githubConfiguration, &GitHubClientConfiguration::apply);
    if (const auto effective = settings->effectiveSettings())
        githubConfiguration.apply(*effective);
    window.show();
    if (demo)
        DemoLoginDialog::openDemoSession(window, demo->profile(), options->demoLogin);
    else if (!options->profile.isEmpty())
        window.connectToProfile(options->profile);
    else if (options->configFile.isEmpty())
        window.showConnectionDialog();
    else if (const auto config = Settings::fromFile(options->configFile); !config)
        window.showConnectionDialog(config.error());
    else if (config->database)
        window.connectToManagedProfile(*config->database);
    else
        window.showConnectionDialog();
    return app.exec();
}
