#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

// Runs `done(result)` on `owner`'s thread when `future` finishes with a result; never once `owner`
// is gone, nor for a future cancelled without a result.
// Use instead of QFuture::then(context, ...), which in Qt 6.4 asserts when the context dies first.
template <typename T, typename Done>
void whenFinished(QObject *owner, QFuture<T> future, Done done)
{
    auto *watcher = new QFutureWatcher<T>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner, [watcher, done = std::move(done)]() mutable {
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0)  // a cancelled future (its promise died) has none
            done(watcher->result());
    });
    watcher->setFuture(std::move(future));
}
