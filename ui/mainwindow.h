#pragma once

#include <QMainWindow>

// The console's main window: one workspace per job, a status bar that says where it is connected.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};
