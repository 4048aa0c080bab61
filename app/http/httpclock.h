#pragma once

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <functional>

// The time source and delayed-call source of the HTTP layer (rate-limit waits, retry backoff,
// write spacing). Tests substitute a virtual clock so that nobody really waits for a minute.
// Used from the thread of the HttpClient that uses it.
class HttpClock
{
public:
    virtual ~HttpClock() = default;
    virtual QDateTime now() const = 0;
    // Call `call` after `delay`, unless `context` is destroyed first.
    virtual void callAfter(std::chrono::milliseconds delay, QObject *context,
                           std::function<void()> call) = 0;
};

// Wall clock and QTimer.
class SystemHttpClock final : public HttpClock
{
public:
    QDateTime now() const override;
    void callAfter(std::chrono::milliseconds delay, QObject *context,
                   std::function<void()> call) override;
    static SystemHttpClock *instance();
};
