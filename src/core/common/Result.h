#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace outbound {

// A failure a person can read: what went wrong, in one sentence.
struct Failure
{
    Failure(QString message_, QString key_ = {}) : message(std::move(message_)), key(std::move(key_)) {}
    QString message;
    QString key; // the setting or input field at fault, when there is one
};

// Errors as values: either a T or an E, never both.
template <typename T, typename E = Failure> class Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const T* operator->() const { return &value(); }
    const T& operator*() const { return value(); }

    const E& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, E> m_data;
};

// For operations with no value to return.
struct Done
{};
using Status = Result<Done>;
inline Status success()
{
    return Done{};
}

} // namespace outbound
