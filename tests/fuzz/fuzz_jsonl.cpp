// Fuzz target: one line of `enqueue --jsonl` (parseJsonlLine). Whatever it accepts must be a JSON
// object holding only the documented keys, with recipients that are valid addresses; whatever it
// refuses must say why. Parsing the same line twice must give the same answer.

#include "FuzzSupport.h"
#include "mime/MailAddress.h"
#include "queue/JsonlReader.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace outbound;
using namespace outbound::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray line(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto parsed = parseJsonlLine(line);
    const auto again = parseJsonlLine(line);
    check(parsed.ok() == again.ok(), "the same line parsed twice gave different answers", line.left(200));
    if (!parsed) {
        check(!parsed.error().message.isEmpty(), "a refused line without a reason", line.left(200));
        return 0;
    }

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    check(error.error == QJsonParseError::NoError && doc.isObject(),
          "accepted a line that is not a JSON object", line.left(200));
    const QStringList allowed = jsonlKeys();
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it)
        check(allowed.contains(it.key()), "accepted an unknown key", it.key().toUtf8());

    const JsonlLine& value = parsed.value();
    const MailContent& content = value.message.content;
    check(!content.to.isEmpty() || !content.cc.isEmpty() || !content.bcc.isEmpty(),
          "accepted a message without recipients", line.left(200));
    for (const auto* list : {&content.to, &content.cc, &content.bcc}) {
        for (const MailAddress& address : *list)
            check(isValidEmail(address.email), "accepted an invalid recipient", address.email.toUtf8());
    }
    for (const JsonlAttachment& attachment : value.attachments)
        check(!attachment.path.isEmpty(), "accepted an attachment without a path", line.left(200));
    check(content.attachments.isEmpty(), "attachments read by the pure parser");
    return 0;
}
