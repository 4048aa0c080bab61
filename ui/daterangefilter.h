#pragma once

#include <QDate>
#include <QHash>
#include <QWidget>

class QAction;
class QDateEdit;
class QLabel;
class QToolButton;

// The Created filter of the drafts list: "from" and "until" date edits (inclusive days; "any" is
// no bound), a clear button and a presets menu (today, last 7 days, last 30 days). Dates are typed
// as yyyy-MM-dd (also over "any") or picked in a calendar that, while an edit shows "any", opens on
// the month of the data. Days after today are refused with a message. rangeChanged() is emitted
// once per change of the range, never while a date is still being typed.
class DateRangeFilter : public QWidget
{
    Q_OBJECT

public:
    enum class Preset { Today, Last7Days, Last30Days };

    explicit DateRangeFilter(QWidget *parent = nullptr);

    QDate from() const;                     // invalid: any
    QDate to() const;                       // invalid: any
    void setRange(const QDate &from, const QDate &to);   // invalid: any; out-of-range days are clamped
    void clear();                           // both "any"
    void applyPreset(Preset preset);
    // The day the calendars open on while an edit shows "any" (the newest draft's, say); invalid: today.
    void setDataDay(const QDate &day);
    QDate dataDay() const { return m_dataDay; }
    QString message() const;                // why the last typed date was refused; empty if none

    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    QToolButton *clearButton() const { return m_clear; }
    QToolButton *presetsButton() const { return m_presets; }
    QAction *presetAction(Preset preset) const;

    static QDate anyDate();                 // the edits' minimum, shown as "any"

signals:
    void rangeChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The one place the date edits are made (a subclass of QDateEdit may be returned).
    static QDateEdit *makeDateEdit(const QString &accessibleName);
    void setUp(QDateEdit *edit);
    bool typeOverAny(QDateEdit *edit, QEvent *event);
    void refreshMaximum();
    void showMessage(const QString &message);
    void emitIfChanged();
    QDate openingDay() const;

    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QToolButton *m_clear = nullptr;
    QToolButton *m_presets = nullptr;
    QLabel *m_message = nullptr;
    QList<QAction *> m_presetActions;
    QHash<QObject *, QDateEdit *> m_calendars;   // each edit's calendar → the edit
    QDate m_dataDay;
    QDate m_emittedFrom;
    QDate m_emittedTo;
    bool m_settingRange = false;
};
