#include "queue/JsonlReader.h"

#include "mime/MailAddress.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace outbound {

namespace {

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QCoreApplication::translate("JsonlReader", "a number");
    case QJsonValue::String:
        return QCoreApplication::translate("JsonlReader", "a string");
    case QJsonValue::Array:
        return QCoreApplication::translate("JsonlReader", "a list");
    case QJsonValue::Object:
        return QCoreApplication::translate("JsonlReader", "an object");
    case QJsonValue::Undefined:
        break;
    }
    return QCoreApplication::translate("JsonlReader", "nothing");
}

Failure wrongType(const QString& key, const QString& expected, const QJsonValue& v)
{
    return Failure{QCoreApplication::translate("JsonlReader", "\"%1\" must be %2, not %3")
                       .arg(key, expected, typeName(v)),
                   key};
}

// A string value, or an error naming the key. Absent and null count as empty.
Result<QString> stringValue(const QJsonObject& o, const QString& key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isString())
        return wrongType(key, QCoreApplication::translate("JsonlReader", "a string"), v);
    return v.toString();
}

Result<QList<MailAddress>> addressList(const QJsonObject& o, const QString& key)
{
    QList<MailAddress> list;
    const QJsonValue value = o.value(key);
    QStringList entries;
    if (value.isUndefined() || value.isNull())
        return list;
    if (value.isString()) {
        entries.append(value.toString());
    } else if (value.isArray()) {
        for (const QJsonValue& v : value.toArray()) {
            if (!v.isString())
                return wrongType(
                    key, QCoreApplication::translate("JsonlReader", "a string or a list of strings"), v);
            entries.append(v.toString());
        }
    } else {
        return wrongType(key, QCoreApplication::translate("JsonlReader", "a string or a list of strings"),
                         value);
    }
    for (const QString& entry : entries) {
        if (entry.trimmed().isEmpty())
            continue;
        auto parsed = parseMailAddressList(entry);
        if (!parsed)
            return Failure{QStringLiteral("%1: %2").arg(key, parsed.error().message), key};
        list += parsed.value();
    }
    return list;
}

Result<QList<JsonlAttachment>> attachmentList(const QJsonObject& o)
{
    const QString key = QStringLiteral("attachments");
    QList<JsonlAttachment> list;
    const QJsonValue value = o.value(key);
    if (value.isUndefined() || value.isNull())
        return list;
    if (!value.isArray())
        return wrongType(
            key,
            QCoreApplication::translate("JsonlReader", "a list of {\"path\": ..., \"name\": ...} objects"),
            value);
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("attachments[%1]").arg(i);
        if (!array[i].isObject())
            return wrongType(where, QCoreApplication::translate("JsonlReader", "an object with \"path\""),
                             array[i]);
        const QJsonObject a = array[i].toObject();
        for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
            if (it.key() != u"path" && it.key() != u"name" && it.key() != u"type")
                return Failure{QCoreApplication::translate(
                                   "JsonlReader", "unknown key \"%1\" in %2 (known: path, name, type)")
                                   .arg(it.key(), where),
                               where};
        }
        JsonlAttachment attachment;
        for (const auto& [field, target] : {std::pair{QStringLiteral("path"), &attachment.path},
                                            std::pair{QStringLiteral("name"), &attachment.name}}) {
            auto text = stringValue(a, field);
            if (!text)
                return Failure{where + QStringLiteral(": ") + text.error().message, where};
            *target = text.value();
        }
        auto type = stringValue(a, QStringLiteral("type"));
        if (!type)
            return Failure{where + QStringLiteral(": ") + type.error().message, where};
        attachment.contentType = type.value().toUtf8();
        if (attachment.path.isEmpty())
            return Failure{QCoreApplication::translate("JsonlReader", "%1 has no \"path\"").arg(where),
                           where};
        list.append(attachment);
    }
    return list;
}

} // namespace

QStringList jsonlKeys()
{
    return {QStringLiteral("to"),          QStringLiteral("cc"),       QStringLiteral("bcc"),
            QStringLiteral("from"),        QStringLiteral("subject"),  QStringLiteral("text"),
            QStringLiteral("html"),        QStringLiteral("category"), QStringLiteral("not_before"),
            QStringLiteral("attachments"), QStringLiteral("key")};
}

Result<JsonlLine> parseJsonlLine(QByteArrayView line)
{
    QJsonParseError error;
    // The parser copies what it keeps, so the line's bytes need not be copied first.
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &error);
    if (error.error != QJsonParseError::NoError)
        return Failure{QCoreApplication::translate("JsonlReader", "not valid JSON (%1 at offset %2)")
                           .arg(error.errorString())
                           .arg(error.offset)};
    if (!doc.isObject())
        return Failure{QCoreApplication::translate("JsonlReader", "each line must be a JSON object")};
    const QJsonObject o = doc.object();
    static const QStringList known = jsonlKeys();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!known.contains(it.key()))
            return Failure{QCoreApplication::translate("JsonlReader", "unknown key \"%1\" (known: %2)")
                               .arg(it.key(), known.join(QStringLiteral(", "))),
                           it.key()};
    }

    JsonlLine result;
    NewMessage& m = result.message;
    MailContent& c = m.content;
    auto category = stringValue(o, QStringLiteral("category"));
    if (!category)
        return category.error();
    if (o.contains(QStringLiteral("category"))) {
        const auto parsed = categoryFromString(category.value());
        if (!parsed)
            return Failure{
                QCoreApplication::translate("JsonlReader",
                                            "unknown category \"%1\" (system, invoice, quote, ticket, test)")
                    .arg(category.value()),
                QStringLiteral("category")};
        m.category = *parsed;
    }
    auto from = stringValue(o, QStringLiteral("from"));
    if (!from)
        return from.error();
    if (!from.value().isEmpty()) {
        auto parsed = parseMailAddress(from.value());
        if (!parsed)
            return Failure{QStringLiteral("from: ") + parsed.error().message, QStringLiteral("from")};
        c.from = parsed.value();
    }
    for (const auto& [field, target] :
         {std::pair{QStringLiteral("to"), &c.to}, std::pair{QStringLiteral("cc"), &c.cc},
          std::pair{QStringLiteral("bcc"), &c.bcc}}) {
        auto list = addressList(o, field);
        if (!list)
            return list.error();
        *target = list.value();
    }
    if (c.to.isEmpty() && c.cc.isEmpty() && c.bcc.isEmpty())
        return Failure{QCoreApplication::translate("JsonlReader", "\"to\" is missing"), QStringLiteral("to")};
    for (const auto& [field, target] :
         {std::pair{QStringLiteral("subject"), &c.subject}, std::pair{QStringLiteral("text"), &c.text},
          std::pair{QStringLiteral("html"), &c.html}, std::pair{QStringLiteral("key"), &result.key}}) {
        auto text = stringValue(o, field);
        if (!text)
            return text.error();
        *target = text.value();
    }
    auto notBefore = stringValue(o, QStringLiteral("not_before"));
    if (!notBefore)
        return notBefore.error();
    if (!notBefore.value().isEmpty()) {
        auto t = parseIsoDateTime(notBefore.value());
        if (!t)
            return Failure{QCoreApplication::translate("JsonlReader", "\"%1\": %2")
                               .arg(QStringLiteral("not_before"), t.error().message),
                           QStringLiteral("not_before")};
        m.notBefore = t.value();
    }
    auto attachments = attachmentList(o);
    if (!attachments)
        return attachments.error();
    result.attachments = attachments.value();
    return result;
}

Result<QDateTime> parseIsoDateTime(const QString& text)
{
    QDateTime t = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    if (!t.isValid())
        return Failure{
            QCoreApplication::translate("JsonlReader",
                                        "\"%1\" is not an ISO 8601 date and time (e.g. 2026-05-01T08:00:00Z)")
                .arg(text)};
    return t.toUTC();
}

} // namespace outbound
