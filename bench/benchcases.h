#pragma once

#include "connectionprofile.h"
#include "listquery.h"

// The measured cases, each run in its own child process so that peak RSS figures do not mix.
namespace BenchCases {

inline constexpr int kPageSize = 200;
inline constexpr auto kSearchTerm = "TokenService";

ListQuery defaultDraftsQuery();   // the drafts list as it opens: status = draft, newest first

// Our paged model behind the console's ListTableView, or (withView false) alone, to tell the model's
// memory from the view's.
int runModel(const ConnectionProfile &profile, bool withView);
int runNaive(const ConnectionProfile &profile);        // QSqlTableModel on draft_content in a QTableView
int runNaiveQuery(const ConnectionProfile &profile);   // QSqlQueryModel on the drafts list's query, unpaged
// What any Qt list costs before it holds a row of its own: the process, a connection, a view showing
// a screenful of text from memory.
int runFloor(const ConnectionProfile &profile);

} // namespace BenchCases
