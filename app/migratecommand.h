#pragma once

#include <QStringList>

// `staff-console migrate --db URI [--dry-run]`: applies the embedded migrations from the command
// line, without a display. Needs a running QCoreApplication instance (not a QApplication); `args`
// are its arguments, program name first. The password comes from PGPASSWORD, else from the
// keychain entry SecretStore::databaseKey(profile). Prints each step applied to stdout, errors to
// stderr (never a password). Returns the process exit code: 0 only when the database ends up at
// the latest known version (or, with --dry-run, when it could get there).
int runMigrateCommand(const QStringList &args);
