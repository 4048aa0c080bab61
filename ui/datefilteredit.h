#pragma once

#include <QDateEdit>

// A date field for a filter bar. Tab and Shift+Tab always leave it, as they leave every other
// field: QDateTimeEdit uses them to step between its year, month and day sections and, while it
// shows its special value text ("any"), swallows them, so Tab never left the field. The arrow
// keys still move between the sections.
class DateFilterEdit : public QDateEdit
{
    Q_OBJECT

public:
    explicit DateFilterEdit(QWidget *parent = nullptr);

protected:
    bool event(QEvent *event) override;
};
