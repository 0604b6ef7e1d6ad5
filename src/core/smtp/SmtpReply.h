#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace outbound {

// One complete server reply, possibly spanning several lines ("250-..." continuations).
struct SmtpReply
{
    int code = 0;
    QList<QByteArray> lines; // the text after "ddd-" / "ddd ", one entry per line
    QString enhancedCode;    // "X.Y.Z" when present (see SmtpReplyParser::setEnhancedStatusCodes)

    bool isPositive() const { return code >= 200 && code < 400; }
    bool isTransientFailure() const { return code >= 400 && code < 500; }
    bool isPermanentFailure() const { return code >= 500; }
    // Every line's text joined with a space, enhanced code left in place.
    QString text() const;
    // The text without the leading enhanced status code of the first line.
    QString textWithoutEnhancedCode() const;
    // "250 2.0.0 Ok: queued as X" (last line with its code), as shown to people.
    QString lastLine() const;
};

// Returns the "X.Y.Z" enhanced status code at the start of text (RFC 3463) whose class matches
// the reply code's first digit, or an empty string.
QString parseEnhancedStatusCode(QByteArrayView text, int replyCode);

// Turns received bytes into replies. Bytes may be split anywhere; CRLF and bare LF both end a line.
// Lines longer than kMaxLineLength are cut to it and lines past kMaxLinesPerReply are dropped, so
// memory stays bounded without turning a long but valid reply into an error.
class SmtpReplyParser
{
public:
    enum class Status
    {
        NeedMore,
        Reply,
        Error
    };

    static constexpr qsizetype kMaxLineLength = 4096;
    static constexpr qsizetype kMaxLinesPerReply = 1000;

    void feed(QByteArrayView bytes);
    // Takes the next complete reply out of the buffer; Error is sticky (the stream is garbage).
    Status next(SmtpReply& reply);
    QString errorText() const { return m_error; }
    void setEnhancedStatusCodes(bool advertised) { m_enhanced = advertised; }
    // Bytes received but not yet part of a complete reply (for TLS-record detection).
    QByteArrayView pending() const;
    bool hasPending() const { return m_pos < m_buffer.size(); }
    void reset();

private:
    Status fail(QString text);

    QByteArray m_buffer;
    qsizetype m_pos = 0; // start of unparsed bytes
    SmtpReply m_partial;
    bool m_inReply = false;
    bool m_skipping = false; // inside an overlong line: drop bytes until its end
    QByteArray m_longLine;   // the kept start of that line
    bool m_enhanced = false;
    QString m_error;
};

} // namespace outbound
