#pragma once

#include <QStringList>

// `staff-console health [--config FILE]`: runs HealthCheck with the user's settings overridden by
// FILE, prints one JSON object on stdout and returns 0 when every configured check passed, 1 when
// one failed, 2 for a usage or configuration-file error (then the JSON holds {"error": "…"}); a key
// file the configuration file names that cannot be read, or is no usable GitHub private key, is
// such an error.
// Needs a QCoreApplication (no display) and runs its event loop until done.
int runHealthCommand(const QStringList &arguments);
