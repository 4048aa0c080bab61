// staff-console-bench [--drafts N]: seeds a private PostgreSQL cluster with N drafts and measures the
// paged drafts list against the naive QSqlTableModel and against psql (the floor), one JSON object
// per line; then runs the model case again on N/10 drafts for the memory growth. The model and naive
// cases run in child processes of this program so that their peak RSS figures stay apart.

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <algorithm>

#include "benchcases.h"
#include "benchreport.h"
#include "demoseeder.h"
#include "draftlist.h"
#include "listquery.h"
#include "migrator.h"
#include "privatecluster.h"

using namespace Qt::StringLiterals;

namespace {

constexpr auto kVacuum = R"(VACUUM ANALYZE)";
constexpr int kPsqlRuns = 7;
constexpr int kSmallestGrowthBase = 1000;

[[noreturn]] void fail(const QString &message)
{
    qFatal("staff-console-bench: %s", qPrintable(message));
}

// The first page of the default drafts list as psql runs it: psql -c takes no bound parameters,
// so the bench's own constants are written into the text as literals.
QString firstPageForPsql()
{
    QString sql = BenchCases::defaultDraftsQuery().pageSql(ListQuery::Direction::Forward, false);
    sql.replace(u":status"_s, u"'draft'"_s);
    sql.replace(u":page_limit"_s, QString::number(BenchCases::kPageSize));
    return sql;
}

QString psqlProgram()
{
    const QString bundled = PrivateCluster::serverBinDirectory() + u"/psql"_s;
    if (QFile::exists(bundled))
        return bundled;
    return QStandardPaths::findExecutable(u"psql"_s);
}

double timePsql(const ConnectionProfile &profile, const QString &sql)
{
    QProcess psql;
    psql.setProgram(psqlProgram());
    psql.setArguments({u"-X"_s, u"-q"_s, u"-h"_s, profile.host, u"-p"_s, QString::number(profile.port),
                       u"-U"_s, profile.user, u"-d"_s, profile.database, u"-o"_s, u"/dev/null"_s, u"-c"_s, sql});
    QElapsedTimer timer;
    timer.start();
    psql.start();
    if (!psql.waitForFinished(60000) || psql.exitCode() != 0)
        fail(u"psql failed: "_s + QString::fromLocal8Bit(psql.readAllStandardError()));
    return double(timer.nsecsElapsed()) / 1e6;
}

// Runs one case in a child process; relays and returns its figures.
QList<QJsonObject> runChild(const QString &which, const ConnectionProfile &profile)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                {u"--child"_s, which, u"--host"_s, profile.host, u"--port"_s, QString::number(profile.port),
                 u"--database"_s, profile.database, u"--user"_s, profile.user});
    if (!child.waitForFinished(30 * 60 * 1000) || child.exitCode() != 0)
        fail(u"the %1 case failed"_s.arg(which));
    QList<QJsonObject> figures;
    const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (!doc.isObject())
            continue;
        BenchReport::print(doc.object());
        figures.append(doc.object());
    }
    return figures;
}

QJsonObject find(const QList<QJsonObject> &figures, const QString &name)
{
    for (const QJsonObject &figure : figures) {
        if (figure.value(u"case"_s).toString() == name)
            return figure;
    }
    fail(u"no figure named "_s + name);
}

void ratio(const QString &name, double value, const QString &target, bool met)
{
    BenchReport::print({{u"case"_s, name}, {u"ratio"_s, qRound(value * 1000) / 1000.0},
                        {u"target"_s, target}, {u"met"_s, met}});
}

// Migrates and seeds the database unless it already holds the demo data, then vacuums it.
void prepareDatabase(const ConnectionProfile &profile, int drafts)
{
    auto connection = PgConnection::open(profile, {}, u"bench setup"_s);
    if (!connection)
        fail(connection.error().text());
    QSqlDatabase db = connection->get()->db();
    if (DemoSeeder(db).isSeeded()) {
        BenchReport::figure(u"reuse %1 seeded drafts"_s.arg(drafts), 0);
        return;
    }
    if (auto migrated = Migrator(db).migrate(); !migrated)
        fail(migrated.error().text());
    QElapsedTimer timer;
    timer.start();
    DemoSizes sizes;
    sizes.drafts = drafts;
    sizes.users = std::max(100, drafts / 300);
    sizes.installations = std::max(20, drafts / 3000);
    if (auto seeded = DemoSeeder(db).seed(sizes); !seeded)
        fail(seeded.error().text());
    QSqlQuery vacuum(db);
    if (!vacuum.exec(QString::fromLatin1(kVacuum)))
        fail(vacuum.lastError().text());
    BenchReport::figure(u"seed %1 drafts"_s.arg(drafts), double(timer.nsecsElapsed()) / 1e6);
}

// A database in the cluster holding `drafts` seeded drafts (created and seeded unless it already is).
ConnectionProfile seededDatabase(const PrivateCluster &cluster, int drafts)
{
    const QString database = u"bench_%1"_s.arg(drafts);
    {
        auto server = PgConnection::open(cluster.profile(), {}, u"bench setup"_s);
        if (!server)
            fail(server.error().text());
        if (auto created = DemoSeeder::createDatabaseIfMissing(server->get()->db(), database); !created)
            fail(created.error().text());
    }
    const ConnectionProfile profile = cluster.profile(database);
    prepareDatabase(profile, drafts);
    return profile;
}

double rssOf(const QList<QJsonObject> &figures, const QString &name)
{
    return find(figures, name).value(u"rss_mb"_s).toDouble();
}

int runParent(int drafts, const QString &dataDirectory)
{
    PrivateCluster::sweepStale();
    auto started = PrivateCluster::start({dataDirectory, false});
    if (!started)
        fail(started.error());
    std::unique_ptr<PrivateCluster> cluster = std::move(*started);
    const ConnectionProfile profile = seededDatabase(*cluster, drafts);

    const QString sql = firstPageForPsql();
    timePsql(profile, sql);
    QList<double> runs;
    for (int i = 0; i < kPsqlRuns; ++i)
        runs.append(timePsql(profile, sql));
    std::sort(runs.begin(), runs.end());
    const double psqlMs = runs.at(runs.size() / 2);
    BenchReport::figure(u"psql first page"_s, psqlMs);

    const QList<QJsonObject> model = runChild(u"model"_s, profile);
    runChild(u"model-no-view"_s, profile);
    const QList<QJsonObject> naive = runChild(u"naive"_s, profile);
    const QList<QJsonObject> naiveQuery = runChild(u"naive-query"_s, profile);
    const QList<QJsonObject> floor = runChild(u"floor"_s, profile);

    const double firstPage = find(model, u"model first page shown"_s).value(u"ms"_s).toDouble();
    const double ourRss = rssOf(model, u"model peak RSS"_s);
    const double naiveRss = rssOf(naive, u"naive peak RSS"_s);
    ratio(u"first page vs psql"_s, firstPage / psqlMs, u"<= 2"_s, firstPage <= 2 * psqlMs);
    ratio(u"model peak RSS vs naive"_s, ourRss / naiveRss, u"<= 0.2"_s, ourRss * 5 <= naiveRss);
    // The other stock model, on the list's own query: no target, for comparison.
    const double queryFirstRows = find(naiveQuery, u"naive QSqlQueryModel first rows shown"_s).value(u"ms"_s).toDouble();
    BenchReport::print({{u"case"_s, u"first page vs naive QSqlQueryModel"_s},
                        {u"ratio"_s, qRound(firstPage / queryFirstRows * 1000) / 1000.0}});
    BenchReport::print({{u"case"_s, u"model peak RSS vs naive QSqlQueryModel"_s},
                        {u"ratio"_s, qRound(ourRss / rssOf(naiveQuery, u"naive QSqlQueryModel peak RSS"_s) * 1000) / 1000.0}});
    // Every Qt list pays the floor (process, connection, a painted screenful); on small tables it
    // decides the ratio above, so the same ratio without it is shown too.
    const double floorRss = rssOf(floor, u"floor peak RSS (connected, a screenful of text shown)"_s);
    BenchReport::print({{u"case"_s, u"model peak RSS above the floor vs naive above the floor"_s},
                        {u"ratio"_s, qRound((ourRss - floorRss) / (naiveRss - floorRss) * 1000) / 1000.0}});

    // The same model case on a tenth of the drafts: how much the console's memory grows with the table.
    const int tenth = drafts / 10;
    if (tenth >= kSmallestGrowthBase) {
        const QList<QJsonObject> small = runChild(u"model"_s, seededDatabase(*cluster, tenth));
        const double smallRss = rssOf(small, u"model peak RSS"_s);
        const double growth = (ourRss - smallRss) / smallRss;
        ratio(u"model peak RSS growth from %1 to %2 drafts"_s.arg(tenth).arg(drafts), growth, u"< 0.1"_s, growth < 0.1);
    }
    cluster->stop();
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures the paged drafts list against the naive model and psql."_s);
    parser.addHelpOption();
    const QCommandLineOption draftsOption(u"drafts"_s, u"How many drafts to seed (default 1000000)."_s, u"N"_s, u"1000000"_s);
    const QCommandLineOption childOption(u"child"_s, u"Internal: run one case (model, model-no-view, naive, naive-query or floor)."_s, u"case"_s);
    const QCommandLineOption hostOption(u"host"_s, u"Internal."_s, u"host"_s);
    const QCommandLineOption portOption(u"port"_s, u"Internal."_s, u"port"_s);
    const QCommandLineOption databaseOption(u"database"_s, u"Internal."_s, u"name"_s);
    const QCommandLineOption userOption(u"user"_s, u"Internal."_s, u"name"_s);
    const QCommandLineOption keepOption(u"data-directory"_s,
        u"Keep the cluster in DIR and reuse a database already seeded with N drafts."_s, u"DIR"_s);
    parser.addOptions({keepOption, draftsOption, childOption, hostOption, portOption, databaseOption, userOption});
    parser.process(app);

    if (parser.isSet(childOption)) {
        ConnectionProfile profile;
        profile.host = parser.value(hostOption);
        profile.port = parser.value(portOption).toInt();
        profile.database = parser.value(databaseOption);
        profile.user = parser.value(userOption);
        profile.sslMode = u"disable"_s;
        const QString which = parser.value(childOption);
        if (which == u"naive"_s)
            return BenchCases::runNaive(profile);
        if (which == u"naive-query"_s)
            return BenchCases::runNaiveQuery(profile);
        if (which == u"floor"_s)
            return BenchCases::runFloor(profile);
        return BenchCases::runModel(profile, which != u"model-no-view"_s);
    }
    bool ok = false;
    const int drafts = parser.value(draftsOption).toInt(&ok);
    if (!ok || drafts < 1)
        fail(u"--drafts takes a positive number"_s);
    return runParent(drafts, parser.value(keepOption));
}
