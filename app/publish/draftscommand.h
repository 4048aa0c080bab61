#pragma once

#include <QStringList>

// `staff-console drafts publish ID… --db URI [--config FILE]` and
// `staff-console drafts reconcile --db URI [--config FILE] [--min-age SECONDS]`: DraftPublisher
// without a display. Prints one JSON object per draft on stdout (PublishOutcome::toJson()) and
// returns 0 when every draft ended published or adopted (reconcile: also when nothing was open),
// 1 when one did not, 2 for a usage or configuration error, 3 when the database cannot be reached
// (then a single {"error": "…"} line). The database password comes from PGPASSWORD, else the
// keychain; the App's key from the configuration's private_key_file, else the keychain. Never
// prints a secret. Needs a QCoreApplication and runs its event loop until done.
int runDraftsCommand(const QStringList &arguments);
