#pragma once

#include <QByteArray>
#include <QString>

#include "fakehttpserver.h"

// The shared API fixtures under tests/fixtures (STAFFCONSOLE_FIXTURES_DIR).
class Fixtures
{
public:
    // `relativePath` like "github/GET_app.json"; fails the running test when it cannot be read.
    static QByteArray read(const QString &relativePath);
    static QByteArray github(const QString &name) { return read(QStringLiteral("github/") + name); }
    static QByteArray stripe(const QString &name) { return read(QStringLiteral("stripe/") + name); }
    // A recorded nock interaction ("github/recorded/NAME") as an answer, its api.github.com URLs
    // rewritten to `server`.
    static FakeResponse recorded(const QString &name, const FakeHttpServer &server);
    // The recorded path (with query) of that interaction.
    static QString recordedPath(const QString &name);
};
