#pragma once

#include <QByteArray>
#include <QString>

// A PostgreSQL SCRAM-SHA-256 password verifier ("SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>"),
// computed on the client as libpq's PQencryptPasswordConn does, so CREATE ROLE ... PASSWORD never
// carries the clear text to the server or its logs. Passwords are expected to be ASCII (SASLprep
// of printable ASCII is the identity); the generated ones always are.
struct ScramVerifier
{
    static constexpr int kIterations = 4096;

    // An empty salt draws 16 random bytes from the system generator.
    static QString compute(const QString &password, QByteArray salt = {}, int iterations = kIterations);
};
