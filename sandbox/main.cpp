#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include "sandboxgithub.h"

using namespace Qt::StringLiterals;

// staff-console-sandbox [--port N]: the sandbox GitHub as a separate process, for trying the
// console (or curl) against it by hand. Prints the base URL; runs until interrupted.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"staff-console-sandbox"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A GitHub-shaped API on 127.0.0.1 for the Staff Console demo (sandbox)."_s);
    parser.addHelpOption();
    const QCommandLineOption port(u"port"_s, u"Port to listen on (default: a free one)."_s, u"port"_s, u"0"_s);
    parser.addOption(port);
    parser.process(app);
    bool ok = false;
    const uint number = parser.value(port).toUInt(&ok);
    if (!ok || number > 65535) {
        QTextStream(stderr) << "Invalid port: " << parser.value(port) << Qt::endl;
        return 2;
    }
    SandboxGitHub sandbox;
    const auto base = sandbox.start(quint16(number));
    if (!base) {
        QTextStream(stderr) << base.error() << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << base->toString() << Qt::endl;
    QObject::connect(&sandbox, &SandboxGitHub::published, &app, [](const SandboxGitHub::Publication &p) {
        QTextStream(stdout) << "posted " << (p.kind == SandboxGitHub::Publication::Kind::Comment ? "comment " : "pull request ")
                            << p.htmlUrl << Qt::endl;
    });
    return app.exec();
}
