#pragma once

#include "queue/QueueTypes.h"

#include <QWidget>
#include <functional>
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

    // Where "Save As…" writes; tests replace the file dialog.
    using SavePathPicker = std::function<QString(const QString& suggestedName)>;
    void setSavePathPicker(SavePathPicker picker) { m_savePathPicker = std::move(picker); }
    // Writes attachment `index` of the shown message to `path`, off the GUI thread;
    // attachmentSaved() reports.
    void saveAttachment(int index, const QString& path);

Q_SIGNALS:
    void attachmentSaved(const QString& path, const QString& error);

private:
    void saveSelectedAttachment();
    void openSelectedAttachment();
    void updateAttachmentButtons();

    std::unique_ptr<Ui::MessageDetailPane> ui;
    QByteArray m_rawMessage;
    QList<AttachmentInfo> m_attachments;
    QList<MessageAttempt> m_history;
    QString m_lastTranscript;
    SavePathPicker m_savePathPicker;
    qint64 m_id = 0;
    SmtpConfig m_config;
};

} // namespace outbound::gui
