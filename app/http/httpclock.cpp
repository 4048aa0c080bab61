#include "http/httpclock.h"

#include <QTimer>

QDateTime SystemHttpClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

void SystemHttpClock::callAfter(std::chrono::milliseconds delay, QObject *context,
                                std::function<void()> call)
{
    QTimer::singleShot(delay, context, std::move(call));
}

SystemHttpClock *SystemHttpClock::instance()
{
    static SystemHttpClock clock;
    return &clock;
}
