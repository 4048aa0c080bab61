#include "virtualclock.h"

#include <QTimer>

#include <algorithm>

VirtualClock::VirtualClock(const QDateTime &start, QObject *parent)
    : QObject(parent)
    , m_now(start)
{
}

void VirtualClock::callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> call)
{
    m_delays.append(delay);
    m_pending.append(Pending{m_now.addMSecs(delay.count()), ++m_sequence, context, std::move(call)});
    std::stable_sort(m_pending.begin(), m_pending.end(), [](const Pending &a, const Pending &b) {
        return a.due < b.due || (a.due == b.due && a.sequence < b.sequence);
    });
    scheduleRun();
}

void VirtualClock::setAutoAdvance(bool on)
{
    m_autoAdvance = on;
    scheduleRun();
}

void VirtualClock::scheduleRun()
{
    if (!m_autoAdvance || m_runScheduled || m_pending.isEmpty())
        return;
    m_runScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_runScheduled = false;
        runNext();
        scheduleRun();
    });
}

void VirtualClock::runNext()
{
    if (m_pending.isEmpty())
        return;
    Pending next = m_pending.takeFirst();
    if (next.due > m_now)
        m_now = next.due;
    if (next.context)
        next.call();
}

void VirtualClock::advance(std::chrono::milliseconds by)
{
    const QDateTime until = m_now.addMSecs(by.count());
    while (!m_pending.isEmpty() && m_pending.first().due <= until)
        runNext();
    m_now = until;
}
