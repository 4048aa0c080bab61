#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

// One benchmark figure per line on stdout: {"case": ..., "ms": ..., "rss_mb": ...}.
namespace BenchReport {

// Peak resident set size of this process so far (VmHWM), in MB.
inline double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

inline void print(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

inline void figure(const QString &name, double ms, double rssMb = -1)
{
    QJsonObject object{{QStringLiteral("case"), name}, {QStringLiteral("ms"), qRound(ms * 10) / 10.0}};
    object.insert(QStringLiteral("rss_mb"), qRound((rssMb < 0 ? peakRssMb() : rssMb) * 10) / 10.0);
    print(object);
}

} // namespace BenchReport
