#pragma once

#include <QTextBrowser>

namespace outbound::gui {

// Shows message HTML without fetching anything: no remote images, no local files, no links
// followed. QTextBrowser runs no scripts; this closes the remaining door (resources).
class SafeTextBrowser : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafeTextBrowser)

public:
    explicit SafeTextBrowser(QWidget* parent = nullptr) : QTextBrowser(parent)
    {
        setOpenLinks(false);
        setOpenExternalLinks(false);
    }

    QVariant loadResource(int type, const QUrl& name) override
    {
        Q_UNUSED(type)
        Q_UNUSED(name)
        ++m_blockedLoads;
        return {};
    }

    int blockedLoads() const { return m_blockedLoads; }

private:
    int m_blockedLoads = 0;
};

} // namespace outbound::gui
