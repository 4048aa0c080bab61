#pragma once

#include "connectionprofile.h"

// The measured cases, each run in its own child process so that peak RSS figures do not mix.
namespace BenchCases {

inline constexpr int kPageSize = 200;
inline constexpr auto kSearchTerm = "TokenService";

int runModel(const ConnectionProfile &profile);   // our paged model behind a QTableView
int runNaive(const ConnectionProfile &profile);   // QSqlTableModel on draft_content behind a QTableView

} // namespace BenchCases
