#include "fixtures.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

QByteArray Fixtures::read(const QString &relativePath)
{
    QFile file(QStringLiteral(STAFFCONSOLE_FIXTURES_DIR) + u'/' + relativePath);
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::qFail(qPrintable(u"cannot read fixture "_s + file.fileName()), __FILE__, __LINE__);
        return {};
    }
    return file.readAll();
}

FakeResponse Fixtures::recorded(const QString &name, const FakeHttpServer &server)
{
    return FakeResponse::fromNockRecord(github(u"recorded/"_s + name), "https://api.github.com",
                                        server.baseUrl().toEncoded());
}

QString Fixtures::recordedPath(const QString &name)
{
    return QJsonDocument::fromJson(github(u"recorded/"_s + name)).object().value("path"_L1).toString();
}
