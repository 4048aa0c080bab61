#include "migratecommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <QTimer>

#include "connectionprofile.h"
#include "migrator.h"
#include "secretstore.h"

using namespace Qt::StringLiterals;

namespace {

enum ExitCode {
    Success = 0,
    MigrationFailed = 1,
    Usage = 2,
    ConnectionFailed = 3,
};

constexpr int kKeychainTimeoutMs = 10'000;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(int code, const QString &message)
{
    err() << "staff-console migrate: " << message << Qt::endl;
    return code;
}

int migrate(const ConnectionProfile &profile, const QString &password, bool dryRun)
{
    auto connection = PgConnection::open(profile, password, u"migrate"_s);
    if (!connection)
        return fail(ConnectionFailed, connection.error().text());

    Migrator migrator(connection.value()->db());
    const auto before = migrator.status();
    if (!before)
        return fail(ConnectionFailed, before.error().text());
    out() << profile.displayName() << ": " << before->describe() << Qt::endl;
    if (before->state == SchemaStatus::State::UpToDate) {
        out() << "Nothing to apply." << Qt::endl;
        return Success;
    }

    QElapsedTimer stepTimer;
    stepTimer.start();
    const auto applied = migrator.migrate(dryRun, [&stepTimer](const MigrationStep &step) {
        out() << "applied " << step.label() << " (" << stepTimer.restart() << " ms)" << Qt::endl;
    });
    if (!applied) {
        const MigrationError &e = applied.error();
        QString message = e.text();
        if (e.kind == MigrationError::Kind::StepFailed || e.kind == MigrationError::Kind::SeedMismatch)
            message += u"\nThe run was rolled back: the database is still at version %1."_s.arg(before->current);
        return fail(MigrationFailed, message);
    }
    if (dryRun) {
        for (const MigrationStep &step : *applied)
            out() << "would apply " << step.label() << Qt::endl;
        out() << "Dry run: nothing was changed." << Qt::endl;
        return Success;
    }

    const auto after = migrator.status();
    if (!after)
        return fail(MigrationFailed, after.error().text());
    out() << "Database is at version " << after->current << ". " << after->describe() << Qt::endl;
    return after->state == SchemaStatus::State::UpToDate ? Success : MigrationFailed;
}

} // namespace

int runMigrateCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Applies Staff Console's schema migrations to a PostgreSQL database."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"migrate"_s, u"The command."_s);
    const QCommandLineOption dbOption(u"db"_s,
        u"libpq-style URI: postgresql://user@host:port/dbname?sslmode=... (the password comes from "
        u"PGPASSWORD or the keychain, never from the URI)."_s, u"uri"_s);
    const QCommandLineOption dryRunOption(u"dry-run"_s, u"Show the steps that would run; change nothing."_s);
    parser.addOption(dbOption);
    parser.addOption(dryRunOption);
    if (!parser.parse(args))
        return fail(Usage, parser.errorText());
    if (parser.isSet(u"help"_s)) {
        out() << parser.helpText();
        return Success;
    }
    if (parser.positionalArguments() != QStringList{u"migrate"_s})
        return fail(Usage, u"usage: staff-console migrate --db URI [--dry-run]"_s);
    if (!parser.isSet(dbOption))
        return fail(Usage, u"--db URI is required (postgresql://user@host:port/dbname)."_s);

    const auto profile = ConnectionProfile::fromUri(parser.value(dbOption));
    if (!profile)
        return fail(Usage, profile.error());
    const bool dryRun = parser.isSet(dryRunOption);

    if (qEnvironmentVariableIsSet("PGPASSWORD"))
        return migrate(*profile, qEnvironmentVariable("PGPASSWORD"), dryRun);

    // No PGPASSWORD: ask the keychain, within the application's (only) event loop.
    SecretStore secrets;
    auto keychainContext = std::make_unique<QObject>(); // destroyed on timeout: a late answer is dropped
    QTimer keychainTimeout;
    keychainTimeout.setSingleShot(true);
    secrets.read(SecretStore::databaseKey(*profile), keychainContext.get(),
                 [&keychainTimeout, profile = *profile, dryRun](SecretStore::ReadResult secret) {
                     keychainTimeout.stop();
                     if (!secret && secret.error().kind != SecretError::Kind::NotFound)
                         err() << "staff-console migrate: " << secret.error().message
                               << " (connecting without a password)" << Qt::endl;
                     const QString password = secret ? QString::fromUtf8(*secret) : QString();
                     QCoreApplication::exit(migrate(profile, password, dryRun));
                 });
    QObject::connect(&keychainTimeout, &QTimer::timeout, &keychainTimeout,
                     [&keychainContext, profile = *profile, dryRun] {
                         keychainContext.reset();
                         err() << "staff-console migrate: the keychain did not answer; connecting "
                                  "without a password (set PGPASSWORD)." << Qt::endl;
                         QCoreApplication::exit(migrate(profile, {}, dryRun));
                     });
    keychainTimeout.start(kKeychainTimeoutMs);
    return QCoreApplication::exec();
}
