// SMTP session state machine (see smtp_client.h); replies are parsed per RFC 5321 §4.2
// (multi-line replies "250-..." end with "250 ...").
#include "pharos/core/notify/smtp_client.h"

#include <QMessageAuthenticationCode>
#include <QSslConfiguration>
#include <QSslSocket>

namespace pharos::core::notify {

SmtpClient::SmtpClient(QObject* parent) : QObject(parent) {
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, [this] {
        if (delivered_) succeed();
        else fail(QStringLiteral("SMTP session timed out"));
    });
}

SmtpClient::~SmtpClient() {
    if (socket_) {
        socket_->disconnect(this);
        socket_->abort();
    }
}

void SmtpClient::send(const SmtpSettings& settings, const EmailMessage& message) {
    settings_ = settings;
    message_ = message;
    buffer_.clear();
    replyLines_.clear();
    extensions_.clear();
    rcptIndex_ = 0;
    finished_ = false;
    delivered_ = false;
    if (socket_) {
        socket_->disconnect(this);
        socket_->abort();
    }
    socket_ = std::make_unique<QSslSocket>();
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    if (!settings_.caCertificates.isEmpty()) {
        auto cas = conf.caCertificates();
        cas += settings_.caCertificates;
        conf.setCaCertificates(cas);
    }
    if (settings_.insecureSkipVerify) conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket_->setSslConfiguration(conf);
    connect(socket_.get(), &QSslSocket::readyRead, this, &SmtpClient::onReadyRead);
    connect(socket_.get(), &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (delivered_) return succeed();  // the server hung up after accepting the message
        if (step_ == Step::Done) return;
        fail(QStringLiteral("establish connection to server: %1").arg(socket_->errorString()));
    });
    connect(socket_.get(), qOverload<const QList<QSslError>&>(&QSslSocket::sslErrors), this,
            [this](const QList<QSslError>& errors) {
                if (settings_.insecureSkipVerify) socket_->ignoreSslErrors(errors);
            });
    connect(socket_.get(), &QSslSocket::encrypted, this, [this] {
        tls_ = true;
        if (step_ == Step::StartTls) command("EHLO " + settings_.hello.toUtf8(), Step::EhloTls);
    });
    timer_.start(settings_.timeoutMs);
    step_ = Step::Greeting;
    tls_ = false;
    const QString peerName = settings_.serverName.isEmpty() ? settings_.host : settings_.serverName;
    if (settings_.port == 465 || settings_.implicitTls)
        socket_->connectToHostEncrypted(settings_.host, settings_.port, peerName);
    else
        socket_->connectToHost(settings_.host, settings_.port);
}

void SmtpClient::command(const QByteArray& line, Step next) {
    step_ = next;
    socket_->write(line + "\r\n");
}

void SmtpClient::fail(const QString& what, bool retryable) {
    if (finished_) return;
    finished_ = true;
    timer_.stop();
    step_ = Step::Done;
    if (socket_) socket_->abort();
    emit finished(false, retryable, what);
}

void SmtpClient::succeed() {
    if (finished_) return;
    finished_ = true;
    timer_.stop();
    emit finished(true, false, {});
}

void SmtpClient::onReadyRead() {
    buffer_ += socket_->readAll();
    while (true) {
        const auto eol = buffer_.indexOf("\r\n");
        if (eol < 0) return;
        const QString line = QString::fromUtf8(buffer_.left(eol));
        buffer_.remove(0, eol + 2);
        if (line.size() < 3) {
            fail(QStringLiteral("short SMTP reply: %1").arg(line));
            return;
        }
        replyLines_ << line.mid(4);
        if (line.size() > 3 && line[3] == QLatin1Char('-')) continue;
        const int code = line.left(3).toInt();
        const QString text = replyLines_.join(QLatin1Char('\n'));
        const QStringList lines = replyLines_;
        replyLines_.clear();
        if (step_ == Step::Ehlo || step_ == Step::EhloTls) extensions_ = lines.mid(1);
        onReply(code, text);
        if (finished_ || !socket_) return;
    }
}

void SmtpClient::afterEhlo() {
    auto hasExt = [&](const QString& name) {
        for (const auto& e : extensions_)
            if (e.section(QLatin1Char(' '), 0, 0).compare(name, Qt::CaseInsensitive) == 0) return true;
        return false;
    };
    if (!tls_ && settings_.requireTls) {
        if (!hasExt(QStringLiteral("STARTTLS"))) {
            fail(QStringLiteral("'require_tls' is true (default) but \"%1:%2\" does not advertise the STARTTLS "
                                "extension")
                     .arg(settings_.host)
                     .arg(settings_.port));
            return;
        }
        command("STARTTLS", Step::StartTls);
        return;
    }
    startAuth();
}

void SmtpClient::startAuth() {
    QStringList mechs;
    for (const auto& e : extensions_)
        if (e.section(QLatin1Char(' '), 0, 0).compare(QLatin1String("AUTH"), Qt::CaseInsensitive) == 0)
            mechs = e.section(QLatin1Char(' '), 1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (mechs.isEmpty() || settings_.username.isEmpty()) {
        startMail();
        return;
    }
    QStringList problems;
    for (const QString& m : mechs) {
        const QString mech = m.toUpper();
        if (mech == QLatin1String("CRAM-MD5")) {
            if (settings_.secret.isEmpty()) {
                problems << QStringLiteral("missing secret for CRAM-MD5 auth mechanism");
                continue;
            }
            command("AUTH CRAM-MD5", Step::AuthCram);
            return;
        }
        if (mech == QLatin1String("PLAIN")) {
            if (settings_.password.isEmpty()) {
                problems << QStringLiteral("missing password for PLAIN auth mechanism");
                continue;
            }
            const bool local = settings_.host == QLatin1String("localhost") ||
                               settings_.host == QLatin1String("127.0.0.1") || settings_.host == QLatin1String("::1");
            if (!tls_ && !local) {
                fail(QStringLiteral("find auth mechanism: unencrypted connection"));
                return;
            }
            const QByteArray token = settings_.identity.toUtf8() + '\0' + settings_.username.toUtf8() + '\0' +
                                     settings_.password;
            command("AUTH PLAIN " + token.toBase64(), Step::Auth);
            return;
        }
        if (mech == QLatin1String("LOGIN")) {
            if (settings_.password.isEmpty()) {
                problems << QStringLiteral("missing password for LOGIN auth mechanism");
                continue;
            }
            command("AUTH LOGIN", Step::AuthLoginUser);
            return;
        }
    }
    if (problems.isEmpty()) problems << QStringLiteral("unknown auth mechanism: ") + mechs.join(QLatin1Char(' '));
    fail(QStringLiteral("find auth mechanism: ") + problems.join(QStringLiteral("; ")));
}

void SmtpClient::startMail() {
    QByteArray line = "MAIL FROM:<" + QByteArray::fromStdString(message_.from) + ">";
    for (const auto& e : extensions_)
        if (e.compare(QLatin1String("8BITMIME"), Qt::CaseInsensitive) == 0) line += " BODY=8BITMIME";
    command(line, Step::Mail);
}

void SmtpClient::onReply(int code, const QString& text) {
    const QString reply = QStringLiteral("%1 %2").arg(code).arg(text);
    switch (step_) {
    case Step::Greeting:
        if (code != 220) return fail(QStringLiteral("create SMTP client: ") + reply);
        return command("EHLO " + settings_.hello.toUtf8(), Step::Ehlo);
    case Step::Ehlo:
    case Step::EhloTls:
        if (code != 250) return fail(QStringLiteral("send EHLO command: ") + reply);
        return afterEhlo();
    case Step::StartTls:
        if (code != 220) return fail(QStringLiteral("send STARTTLS command: ") + reply);
        {
            const QString peerName = settings_.serverName.isEmpty() ? settings_.host : settings_.serverName;
            socket_->setPeerVerifyName(peerName);
            socket_->startClientEncryption();  // encrypted() sends EHLO again
        }
        return;
    case Step::AuthLoginUser:
        if (code != 334) return fail(QStringLiteral("*email.loginAuth auth: ") + reply);
        if (QByteArray::fromBase64(text.toLatin1()).toLower() != "username:")
            return fail(QStringLiteral("*email.loginAuth auth: unexpected server challenge"));
        return command(settings_.username.toUtf8().toBase64(), Step::AuthLoginPass);
    case Step::AuthLoginPass:
        if (code != 334) return fail(QStringLiteral("*email.loginAuth auth: ") + reply);
        if (QByteArray::fromBase64(text.toLatin1()).toLower() != "password:")
            return fail(QStringLiteral("*email.loginAuth auth: unexpected server challenge"));
        return command(settings_.password.toBase64(), Step::Auth);
    case Step::AuthCram: {
        if (code != 334) return fail(QStringLiteral("*smtp.cramMD5Auth auth: ") + reply);
        const QByteArray challenge = QByteArray::fromBase64(text.toLatin1());
        const QByteArray mac =
            QMessageAuthenticationCode::hash(challenge, settings_.secret, QCryptographicHash::Md5).toHex();
        return command((settings_.username.toUtf8() + ' ' + mac).toBase64(), Step::Auth);
    }
    case Step::Auth:
        if (code != 235) return fail(QStringLiteral("auth: ") + reply);
        return startMail();
    case Step::Mail:
        if (code != 250) return fail(QStringLiteral("send MAIL command: ") + reply);
        rcptIndex_ = 0;
        [[fallthrough]];
    case Step::Rcpt:
        if (step_ == Step::Rcpt && code != 250 && code != 251) return fail(QStringLiteral("send RCPT command: ") + reply);
        if (rcptIndex_ < message_.recipients.size())
            return command("RCPT TO:<" + QByteArray::fromStdString(message_.recipients[rcptIndex_++]) + ">", Step::Rcpt);
        return command("DATA", Step::Data);
    case Step::Data: {
        if (code != 354) return fail(QStringLiteral("send DATA command: ") + reply);
        // Dot-stuffing (RFC 5321 §4.5.2) and a CRLF before the terminating dot.
        QByteArray data = QByteArray::fromStdString(message_.data);
        if (data.startsWith('.')) data.prepend('.');
        data.replace("\r\n.", "\r\n..");
        if (!data.endsWith("\r\n")) data += "\r\n";
        step_ = Step::Body;
        socket_->write(data + ".\r\n");
        return;
    }
    case Step::Body:
        if (code != 250) return fail(QStringLiteral("close message: ") + reply);
        // Delivered; like net/smtp's deferred Quit, the session ends after the QUIT reply (or
        // when the server hangs up or the timer runs out: the message is accepted either way).
        delivered_ = true;
        command("QUIT", Step::Quit);
        return;
    case Step::Quit:
        step_ = Step::Done;
        socket_->disconnectFromHost();
        succeed();
        return;
    case Step::Done: return;
    }
}

}  // namespace pharos::core::notify
