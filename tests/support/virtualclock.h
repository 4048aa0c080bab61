#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include "http/httpclock.h"

// A virtual HttpClock for tests: callAfter() records the delay and, with auto-advance on (the
// default), runs the earliest pending call from the event loop, moving now() forward to its due
// time at once. Nothing really sleeps. Lives in the test's thread.
class VirtualClock : public QObject, public HttpClock
{
    Q_OBJECT

public:
    explicit VirtualClock(const QDateTime &start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC),
                          QObject *parent = nullptr);

    QDateTime now() const override { return m_now; }
    void callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> call) override;

    // Every delay asked for, in order.
    QList<std::chrono::milliseconds> delays() const { return m_delays; }
    void clearDelays() { m_delays.clear(); }
    qsizetype pendingCount() const { return m_pending.size(); }

    void setAutoAdvance(bool on);
    // Moves time forward by `by` and runs every call that became due.
    void advance(std::chrono::milliseconds by);
    void setNow(const QDateTime &now) { m_now = now; }

private:
    struct Pending
    {
        QDateTime due;
        quint64 sequence;
        QPointer<QObject> context;
        std::function<void()> call;
    };
    void runNext();
    void scheduleRun();

    QDateTime m_now;
    QList<std::chrono::milliseconds> m_delays;
    QList<Pending> m_pending;
    quint64 m_sequence = 0;
    bool m_autoAdvance = true;
    bool m_runScheduled = false;
};
