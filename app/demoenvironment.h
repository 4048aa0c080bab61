#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QThread>

#include <atomic>
#include <expected>
#include <functional>
#include <memory>
#include <optional>

#include "connectionprofile.h"
#include "demoseeder.h"
#include "privatecluster.h"

struct DemoOptions
{
    bool reset = false;            // delete the demo cluster first and start afresh
    std::optional<int> drafts;     // seed this many drafts (a seeded demo with another count is re-seeded)
    QString dataDirectory;         // empty: PrivateCluster::defaultDemoDirectory()
};

class DemoEnvironment;

// One more start-up step (demo logins, the sandbox GitHub, ...). Runs on every start, after the
// database is migrated and seeded, with a superuser connection to the demo database: make it
// idempotent. An error stops the start.
struct DemoStep
{
    QString name;
    std::function<std::expected<void, QString>(DemoEnvironment &environment, QSqlDatabase db)> run;
};

// The `--demo` world: a durable private PostgreSQL cluster kept between runs, holding the database
// staff_console_demo, migrated and seeded with demo data (DemoSeeder) on first use.
//
// start() blocks (it runs before the window) and must be called from the main thread: the server
// dies with the thread that started it. When the database is already seeded it is kept as it is,
// unless `drafts` asks for a different number of drafts: then only the drafts are replaced.
// The object owns the server; destroying it (or stop()) shuts the server down and keeps the data.
class DemoEnvironment
{
public:
    static constexpr auto kDatabase = "staff_console_demo";

    // The steps every start runs, in order (demosteps.cpp: add yours there).
    static QList<DemoStep> defaultSteps();

    static std::expected<std::unique_ptr<DemoEnvironment>, QString>
    start(const DemoOptions &options, const QList<DemoStep> &steps = defaultSteps());

    ~DemoEnvironment();
    DemoEnvironment(const DemoEnvironment &) = delete;
    DemoEnvironment &operator=(const DemoEnvironment &) = delete;

    void stop();

    // The demo database as the cluster's superuser (socket, no password).
    ConnectionProfile profile() const;
    PrivateCluster &cluster() { return *m_cluster; }
    QString dataDirectory() const { return m_dataDirectory; }
    // What the database held after start(): exact when seeded now or `drafts` was given, else estimates.
    DemoCounts counts() const { return m_counts; }
    bool seededThisRun() const { return m_seeded; }  // false when existing data was kept as it was
    // A large seed leaves the drafts' trigram index to a background thread with its own
    // connection, so the window need not wait for it; text search is slow until it is done.
    // An interrupted build resumes on the next start.
    bool buildingIndexes() const;

private:
    DemoEnvironment() = default;
    std::expected<void, QString> prepareDatabase(const DemoOptions &options, const QList<DemoStep> &steps);

    void buildDeferredIndexesInBackground();

    std::unique_ptr<PrivateCluster> m_cluster;
    std::unique_ptr<QThread> m_indexBuilder;
    std::shared_ptr<std::atomic<bool>> m_stopping = std::make_shared<std::atomic<bool>>(false);
    QString m_dataDirectory;
    DemoCounts m_counts;
    bool m_seeded = false;
};
