#pragma once

#include <QByteArray>
#include <QString>

#include <expected>

// A throwaway RSA private key (PKCS#8 PEM) for the demo's App credentials against the sandbox
// GitHub, which checks no signatures. Generated in memory on each call; never a real App's key.
class DemoAppKey
{
public:
    static std::expected<QByteArray, QString> generatePem(int bits = 2048);
};
