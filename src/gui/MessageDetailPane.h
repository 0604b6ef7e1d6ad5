#pragma once

#include "queue/QueueTypes.h"

#include <QWidget>
#include <memory>

namespace Ui {
class MessageDetailPane;
}

namespace outbound::gui {

// One queue message in full: headers, the body rendered safely, attachments, the last error with
// a hint, and the redacted transcript of the last attempt.
class MessageDetailPane : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageDetailPane)

public:
    explicit MessageDetailPane(QWidget* parent = nullptr);
    ~MessageDetailPane() override;

    void showMessage(const MessageDetail& detail);
    void showLoading(qint64 id);
    void showNothing(int selectedCount = 0);
    void showProblem(const QString& message);
    qint64 shownId() const { return m_id; }
    // The account the hints are worded for.
    void setSmtpConfig(const SmtpConfig& config) { m_config = config; }

private:
    std::unique_ptr<Ui::MessageDetailPane> ui;
    qint64 m_id = 0;
    SmtpConfig m_config;
};

} // namespace outbound::gui
