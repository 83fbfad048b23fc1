// An asynchronous SMTP client (RFC 5321) over QSslSocket, doing what Go's net/smtp does for
// Alertmanager's email notifier: implicit TLS on port 465, else plain TCP with STARTTLS when
// require_tls is set; EHLO with the configured hello name; AUTH PLAIN, LOGIN or CRAM-MD5 as the
// server advertises them (PLAIN only over TLS or to localhost, like smtp.PlainAuth); MAIL FROM
// (BODY=8BITMIME when offered), RCPT TO each recipient, DATA with dot-stuffing, QUIT.
// Thread-safety: a QObject used on its thread; one session per send().
#pragma once

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QTimer>
#include <memory>

#include "pharos/core/notify/payloads.h"

class QSslSocket;

namespace pharos::core::notify {

struct SmtpSettings {
    QString host;
    quint16 port = 25;
    QString hello = QStringLiteral("localhost");
    bool requireTls = true;
    bool implicitTls = false;  // TLS from the first byte; always on for port 465 (as Alertmanager)
    QString username;  // empty: no authentication
    QByteArray password;
    QByteArray secret;  // CRAM-MD5
    QString identity;
    // tls_config: extra CA certificates, server name override, skipping verification.
    QList<QSslCertificate> caCertificates;
    QString serverName;
    bool insecureSkipVerify = false;
    int timeoutMs = 30000;
};

class SmtpClient : public QObject {
    Q_OBJECT
public:
    explicit SmtpClient(QObject* parent = nullptr);
    ~SmtpClient() override;

    // Starts a session; finished() follows exactly once.
    void send(const SmtpSettings& settings, const EmailMessage& message);

signals:
    // retryable: Alertmanager's "true" return (connection and protocol errors).
    void finished(bool ok, bool retryable, const QString& error);

private:
    enum class Step { Greeting, Ehlo, StartTls, EhloTls, Auth, AuthLoginUser, AuthLoginPass, AuthCram, Mail,
                      Rcpt, Data, Body, Quit, Done };
    void onReadyRead();
    void onReply(int code, const QString& text);
    void afterEhlo();
    void startAuth();
    void startMail();
    void command(const QByteArray& line, Step next);
    void fail(const QString& what, bool retryable = true);
    void succeed();

    std::unique_ptr<QSslSocket> socket_;
    QTimer timer_;
    SmtpSettings settings_;
    EmailMessage message_;
    Step step_ = Step::Done;
    QByteArray buffer_;
    QStringList replyLines_;
    QStringList extensions_;  // EHLO keywords with parameters, e.g. "AUTH PLAIN LOGIN"
    size_t rcptIndex_ = 0;
    bool tls_ = false;
    bool finished_ = true;
    bool delivered_ = false;  // DATA accepted (250 after the final dot)
};

}  // namespace pharos::core::notify
