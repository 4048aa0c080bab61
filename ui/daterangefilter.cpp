#include "daterangefilter.h"

#include <QAction>
#include <QCalendarWidget>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QTextCharFormat>
#include <QToolButton>

#include "datefilteredit.h"

using namespace Qt::StringLiterals;

namespace {

const QDate kAnyDate(2000, 1, 1);
constexpr auto kFormat = "yyyy-MM-dd";

QDate today()
{
    return QDate::currentDate();
}

QString dayText(const QDate &day)
{
    return day.toString(QString::fromLatin1(kFormat));
}

} // namespace

QDateEdit *DateRangeFilter::makeDateEdit(const QString &accessibleName)
{
    auto *edit = new DateFilterEdit;
    edit->setAccessibleName(accessibleName);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QString::fromLatin1(kFormat));
    edit->setMinimumDate(kAnyDate);
    edit->setSpecialValueText(u"any"_s);
    edit->setDate(kAnyDate);
    return edit;
}

DateRangeFilter::DateRangeFilter(QWidget *parent)
    : QWidget(parent)
{
    m_from = makeDateEdit(u"Created from"_s);
    m_to = makeDateEdit(u"Created until"_s);
    for (QDateEdit *edit : {m_from, m_to})
        setUp(edit);
    m_from->setToolTip(u"First day created (yyyy-MM-dd; \"any\": no bound)"_s);
    m_to->setToolTip(u"Last day created (yyyy-MM-dd; \"any\": no bound)"_s);

    m_clear = new QToolButton;
    m_clear->setText(u"Clear"_s);
    m_clear->setAccessibleName(u"Clear the created dates"_s);
    m_clear->setToolTip(u"Clear the created dates (any day)"_s);
    connect(m_clear, &QToolButton::clicked, this, &DateRangeFilter::clear);

    auto *menu = new QMenu(this);
    const std::pair<Preset, QString> presets[] = {{Preset::Today, u"&Today"_s},
                                                  {Preset::Last7Days, u"Last &7 days"_s},
                                                  {Preset::Last30Days, u"Last &30 days"_s}};
    for (const auto &[preset, text] : presets) {
        QAction *action = menu->addAction(text);
        connect(action, &QAction::triggered, this, [this, preset] { applyPreset(preset); });
        m_presetActions.append(action);
    }
    m_presets = new QToolButton;
    m_presets->setText(u"Presets"_s);
    m_presets->setAccessibleName(u"Created date presets"_s);
    m_presets->setToolTip(u"Created today, in the last 7 days or in the last 30 days"_s);
    m_presets->setPopupMode(QToolButton::InstantPopup);
    m_presets->setMenu(menu);

    m_message = new QLabel;
    m_message->setStyleSheet(u"color: #b00020;"_s);
    m_message->setVisible(false);

    auto *label = new QLabel(u"Created"_s);
    label->setBuddy(m_from);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(label);
    layout->addWidget(m_from);
    layout->addWidget(new QLabel(u"–"_s));
    layout->addWidget(m_to);
    layout->addWidget(m_clear);
    layout->addWidget(m_presets);
    layout->addWidget(m_message);
}

void DateRangeFilter::setUp(QDateEdit *edit)
{
    // Typing emits nothing until Return or leaving the field: no query per keystroke.
    edit->setKeyboardTracking(false);
    QCalendarWidget *calendar = edit->calendarWidget();   // made on first use: before the filters
    calendar->installEventFilter(this);
    m_calendars.insert(calendar, edit);
    edit->installEventFilter(this);
    connect(edit, &QDateEdit::dateChanged, this, [this, edit](const QDate &day) {
        if (m_settingRange)
            return;
        if (day > today()) {
            showMessage(u"%1 is in the future: the Created filter takes days up to today (%2)."_s
                            .arg(dayText(day), dayText(today())));
            m_settingRange = true;
            edit->setDate(edit == m_from ? (m_emittedFrom.isValid() ? m_emittedFrom : kAnyDate)
                                         : (m_emittedTo.isValid() ? m_emittedTo : kAnyDate));
            m_settingRange = false;
            return;
        }
        showMessage({});
        emitIfChanged();
    });
    connect(edit, &QDateEdit::editingFinished, this, [this] {
        if (!m_settingRange)
            emitIfChanged();
    });
}

QDate DateRangeFilter::anyDate()
{
    return kAnyDate;
}

QDate DateRangeFilter::from() const
{
    return m_from->date() == kAnyDate ? QDate() : m_from->date();
}

QDate DateRangeFilter::to() const
{
    return m_to->date() == kAnyDate ? QDate() : m_to->date();
}

void DateRangeFilter::setRange(const QDate &from, const QDate &to)
{
    auto bounded = [](const QDate &day) { return day.isValid() ? std::clamp(day, kAnyDate, today()) : kAnyDate; };
    m_settingRange = true;
    m_from->setDate(bounded(from));
    m_to->setDate(bounded(to));
    m_settingRange = false;
    showMessage({});
    emitIfChanged();
}

void DateRangeFilter::clear()
{
    setRange({}, {});
}

void DateRangeFilter::applyPreset(Preset preset)
{
    const QDate last = today();
    switch (preset) {
    case Preset::Today: setRange(last, last); break;
    case Preset::Last7Days: setRange(last.addDays(-6), last); break;
    case Preset::Last30Days: setRange(last.addDays(-29), last); break;
    }
}

QAction *DateRangeFilter::presetAction(Preset preset) const
{
    return m_presetActions.value(static_cast<int>(preset));
}

void DateRangeFilter::setDataDay(const QDate &day)
{
    m_dataDay = day;
}

QDate DateRangeFilter::openingDay() const
{
    return m_dataDay.isValid() && m_dataDay <= today() && m_dataDay > kAnyDate ? m_dataDay : today();
}

QString DateRangeFilter::message() const
{
    return m_message->text();
}

void DateRangeFilter::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void DateRangeFilter::emitIfChanged()
{
    if (from() == m_emittedFrom && to() == m_emittedTo)
        return;
    m_emittedFrom = from();
    m_emittedTo = to();
    emit rangeChanged();
}

bool DateRangeFilter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && (watched == m_from || watched == m_to))
        typeOverAny(static_cast<QDateEdit *>(watched), event);
    // The calendar of an edit showing "any" opens on the data's month, not on January 2000; days
    // after today cannot be picked (the edit's own range is reapplied to it on every opening).
    if (event->type() == QEvent::Show) {
        if (QDateEdit *edit = m_calendars.value(watched)) {
            auto *calendar = static_cast<QCalendarWidget *>(watched);
            calendar->setMaximumDate(today());
            // QCalendarWidget draws days out of range like the others: grey the next six weeks.
            QTextCharFormat future;
            future.setForeground(calendar->palette().brush(QPalette::Disabled, QPalette::Text));
            calendar->setDateTextFormat(QDate(), {});
            for (QDate day = today().addDays(1); day <= today().addDays(42); day = day.addDays(1))
                calendar->setDateTextFormat(day, future);
            if (edit->date() == kAnyDate) {
                const QDate day = openingDay();
                calendar->setCurrentPage(day.year(), day.month());
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

// A digit typed over "any" starts a date: the edit is given a real day (signals blocked: the
// filter does not change) with all its text selected, so the typed yyyy-MM-dd replaces it.
bool DateRangeFilter::typeOverAny(QDateEdit *edit, QEvent *event)
{
    const auto *key = static_cast<QKeyEvent *>(event);
    if (edit->date() != kAnyDate || key->text().isEmpty() || !key->text().front().isDigit())
        return false;
    const bool blocked = edit->blockSignals(true);
    edit->setDate(openingDay());
    edit->blockSignals(blocked);
    edit->selectAll();
    return true;
}
