#include "demoenvironment.h"
#include "demohistory.h"
#include "demologins.h"

// The extra steps of every demo start, in order. Each team adds its own entry here, e.g.
//     steps << DemoStep{u"demo logins"_s, &createDemoLogins};
QList<DemoStep> DemoEnvironment::defaultSteps()
{
    QList<DemoStep> steps;
    steps << DemoStep{QStringLiteral("demo logins"),
                      [](DemoEnvironment &, QSqlDatabase db) { return DemoLogins::create(db); }};
    steps << DemoStep{QStringLiteral("demo history"),
                      [](DemoEnvironment &environment, QSqlDatabase db) -> std::expected<void, QString> {
                          const auto recorded = DemoHistory::record(db, environment.profile());
                          if (!recorded)
                              return std::unexpected(recorded.error().text());
                          return {};
                      }};
    return steps;
}
