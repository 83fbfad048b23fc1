// Wire formats of Alertmanager 0.25's notifiers (see payloads.h for the sources followed).
#include "pharos/core/notify/payloads.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace pharos::core::notify {

namespace al = pharos::alerting;
namespace gt = pharos::gotemplate;

std::string groupKeyHash(std::string_view groupKey) {
    const QByteArray h = QCryptographicHash::hash(QByteArray(groupKey.data(), static_cast<qsizetype>(groupKey.size())),
                                                  QCryptographicHash::Sha256);
    return h.toHex().toStdString();
}


std::string truncateInRunes(std::string_view s, size_t n) {
    std::vector<size_t> starts;  // byte offset of each rune
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    if (starts.size() <= n) return std::string(s);
    if (n <= 3) return std::string(s.substr(0, starts[n]));
    return std::string(s.substr(0, starts[n - 1])) + "\xE2\x80\xA6";
}

namespace {

// An object written field by field in Go struct order, with omitempty where the struct says so.
class JsonObject {
public:
    JsonObject& str(const char* key, const std::string& v, bool omitEmpty = false) {
        if (omitEmpty && v.empty()) return *this;
        keyOf(key);
        al::appendGoJsonString(out_, v);
        return *this;
    }
    JsonObject& raw(const char* key, const std::string& json) {
        keyOf(key);
        out_ += json;
        return *this;
    }
    JsonObject& boolean(const char* key, bool v, bool omitEmpty = false) {
        if (omitEmpty && !v) return *this;
        keyOf(key);
        out_ += v ? "true" : "false";
        return *this;
    }
    std::string done() { return out_ + "}"; }

private:
    void keyOf(const char* key) {
        out_ += first_ ? "" : ",";
        first_ = false;
        al::appendGoJsonString(out_, key);
        out_ += ':';
    }
    std::string out_ = "{";
    bool first_ = true;
};

std::string jsonStringList(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        al::appendGoJsonString(out, v[i]);
    }
    return out + "]";
}

// map[string]string as encoding/json writes it: keys sorted.
std::string jsonStringMap(std::vector<std::pair<std::string, std::string>> kv) {
    std::sort(kv.begin(), kv.end());
    std::string out = "{";
    for (size_t i = 0; i < kv.size(); ++i) {
        if (i) out += ',';
        al::appendGoJsonString(out, kv[i].first);
        out += ':';
        al::appendGoJsonString(out, kv[i].second);
    }
    return out + "}";
}

Result<YAML::Node> yamlOf(const al::IntegrationConfig& ic, const char* field) {
    if (!ic.has(field)) return YAML::Node();
    try {
        return YAML::Load(ic.value(field));
    } catch (const YAML::Exception& e) {
        return Status::invalidArgument(std::string(al::integrationTypeName(ic.type)) + " " + field + ": " + e.what(),
                                       ic.where);
    }
}

std::string scalar(const YAML::Node& n, const char* key) {
    const YAML::Node v = n[key];
    return v && v.IsScalar() ? v.as<std::string>() : std::string();
}

const std::string& fieldOr(const al::RenderedIntegration& r, std::string_view name) {
    static const std::string empty;
    const std::string* v = r.find(name);
    return v ? *v : empty;
}

// Executes an integration's config texts as templates over one notification's data. After the
// first error (kept with the integration's name) the other texts are left as they are.
class ConfigTexts {
public:
    ConfigTexts(const al::NotificationTemplates& templates, const gt::Value& dot, const char* integration)
        : templates_(templates), dot_(dot), integration_(integration) {}
    std::string operator()(const std::string& text) {
        if (!err_.ok() || text.empty()) return text;
        auto v = templates_.execute(text, dot_);
        if (!v.ok()) {
            err_ = v.status().withContext(integration_);
            return {};
        }
        return *v;
    }
    const Status& error() const { return err_; }

private:
    const al::NotificationTemplates& templates_;
    const gt::Value& dot_;
    const char* integration_;
    Status err_;
};

}  // namespace

Result<std::string> slackPayload(const al::IntegrationConfig& ic, const al::RenderedIntegration& r,
                                 const al::NotificationTemplates& templates, const gt::NotificationData& data) {
    const gt::Value dot = gt::makeNotificationData(data);
    ConfigTexts tmpl(templates, dot, "slack");
    std::vector<std::string> mrkdwnIn{"fallback", "pretext", "text"};
    PHAROS_ASSIGN_OR_RETURN(YAML::Node mrk, yamlOf(ic, "mrkdwn_in"));
    if (mrk.IsSequence() && mrk.size() > 0) {
        mrkdwnIn.clear();
        for (const auto& m : mrk) mrkdwnIn.push_back(m.as<std::string>());
    }
    JsonObject att;
    att.str("title", truncateInRunes(fieldOr(r, "title"), 1024), true)
        .str("title_link", fieldOr(r, "title_link"), true)
        .str("pretext", fieldOr(r, "pretext"), true)
        .str("text", fieldOr(r, "text"))
        .str("fallback", fieldOr(r, "fallback"))
        .str("callback_id", fieldOr(r, "callback_id"));
    PHAROS_ASSIGN_OR_RETURN(YAML::Node fields, yamlOf(ic, "fields"));
    if (fields.IsSequence() && fields.size() > 0) {
        const bool shortDefault = ic.value("short_fields") == "true";
        std::string arr = "[";
        for (size_t i = 0; i < fields.size(); ++i) {
            const YAML::Node f = fields[i];
            const std::string s = scalar(f, "short");
            const bool isShort = s.empty() ? shortDefault : s == "true";
            if (i) arr += ',';
            arr += JsonObject()
                       .str("title", tmpl(scalar(f, "title")))
                       .str("value", tmpl(scalar(f, "value")))
                       .boolean("short", isShort)
                       .done();
        }
        att.raw("fields", arr + "]");
    }
    PHAROS_ASSIGN_OR_RETURN(YAML::Node actions, yamlOf(ic, "actions"));
    if (actions.IsSequence() && actions.size() > 0) {
        std::string arr = "[";
        for (size_t i = 0; i < actions.size(); ++i) {
            const YAML::Node a = actions[i];
            JsonObject o;
            o.str("type", tmpl(scalar(a, "type")))
                .str("text", tmpl(scalar(a, "text")))
                .str("url", tmpl(scalar(a, "url")), true)
                .str("style", tmpl(scalar(a, "style")), true)
                .str("name", tmpl(scalar(a, "name")), true)
                .str("value", tmpl(scalar(a, "value")), true);
            if (const YAML::Node c = a["confirm"]; c && c.IsMap()) {
                o.raw("confirm", JsonObject()
                                     .str("text", tmpl(scalar(c, "text")))
                                     .str("title", tmpl(scalar(c, "title")), true)
                                     .str("ok_text", tmpl(scalar(c, "ok_text")), true)
                                     .str("dismiss_text", tmpl(scalar(c, "dismiss_text")), true)
                                     .done());
            }
            if (i) arr += ',';
            arr += o.done();
        }
        att.raw("actions", arr + "]");
    }
    PHAROS_RETURN_IF_ERROR(tmpl.error());
    att.str("image_url", fieldOr(r, "image_url"), true)
        .str("thumb_url", fieldOr(r, "thumb_url"), true)
        .str("footer", fieldOr(r, "footer"))
        .str("color", fieldOr(r, "color"), true)
        .raw("mrkdwn_in", jsonStringList(mrkdwnIn));
    JsonObject req;
    req.str("channel", fieldOr(r, "channel"), true)
        .str("username", fieldOr(r, "username"), true)
        .str("icon_emoji", fieldOr(r, "icon_emoji"), true)
        .str("icon_url", fieldOr(r, "icon_url"), true)
        .boolean("link_names", ic.value("link_names") == "true", true)
        .raw("attachments", "[" + att.done() + "]");
    return req.done() + "\n";
}

Result<std::string> pagerdutyPayload(const al::IntegrationConfig& ic, const al::RenderedIntegration& r,
                                     const al::NotificationTemplates& templates, const gt::NotificationData& data,
                                     const std::string& groupKey, const std::string& routingKey) {
    const gt::Value dot = gt::makeNotificationData(data);
    ConfigTexts tmpl(templates, dot, "pagerduty");
    const std::string key = tmpl(routingKey);
    std::vector<std::pair<std::string, std::string>> details;
    for (const auto& f : r.fields)
        if (f.name.rfind("details.", 0) == 0) details.emplace_back(f.name.substr(8), f.text);
    std::string images = "[", links = "[";
    PHAROS_ASSIGN_OR_RETURN(YAML::Node imgs, yamlOf(ic, "images"));
    for (size_t i = 0; imgs.IsSequence() && i < imgs.size(); ++i) {
        const std::string src = tmpl(scalar(imgs[i], "src"));
        if (src.empty()) continue;
        if (images.size() > 1) images += ',';
        images += JsonObject()
                      .str("src", src)
                      .str("alt", tmpl(scalar(imgs[i], "alt")))
                      .str("href", tmpl(scalar(imgs[i], "href")))
                      .done();
    }
    PHAROS_ASSIGN_OR_RETURN(YAML::Node lks, yamlOf(ic, "links"));
    for (size_t i = 0; lks.IsSequence() && i < lks.size(); ++i) {
        const std::string href = tmpl(scalar(lks[i], "href"));
        if (href.empty()) continue;
        if (links.size() > 1) links += ',';
        links += JsonObject().str("href", href).str("text", tmpl(scalar(lks[i], "text"))).done();
    }
    PHAROS_RETURN_IF_ERROR(tmpl.error());
    if (key.empty()) return Status::invalidArgument("pagerduty: routing key cannot be empty", ic.where);
    images += ']';
    links += ']';
    // Severity defaults to "error" when the config leaves it empty.
    std::string severity = fieldOr(r, "severity");
    if (!ic.has("severity") || ic.value("severity").empty()) severity = "error";
    JsonObject payload;
    payload.str("summary", truncateInRunes(fieldOr(r, "description"), 1024))
        .str("source", fieldOr(r, "source"))
        .str("severity", severity)
        .str("class", fieldOr(r, "class"), true)
        .str("component", fieldOr(r, "component"), true)
        .str("group", fieldOr(r, "group"), true);
    if (!details.empty()) payload.raw("custom_details", jsonStringMap(details));
    JsonObject msg;
    msg.str("routing_key", key, true)
        .str("dedup_key", groupKeyHash(groupKey), true)
        .str("event_action", data.status == "resolved" ? "resolve" : "trigger")
        .raw("payload", payload.done())
        .str("client", fieldOr(r, "client"), true)
        .str("client_url", fieldOr(r, "client_url"), true);
    // images and links are made with make(..., 0, n): never nil, but omitempty drops empty slices.
    if (images.size() > 2) msg.raw("images", images);
    if (links.size() > 2) msg.raw("links", links);
    return msg.done() + "\n";
}

std::string msteamsPayload(const al::RenderedIntegration& r, const std::string& status) {
    const char* color = status == "firing" ? "8C1A1A" : status == "resolved" ? "2DC72D" : "808080";
    return JsonObject()
               .str("@context", "http://schema.org/extensions")
               .str("type", "MessageCard")
               .str("title", fieldOr(r, "title"))
               .str("text", fieldOr(r, "text"))
               .str("themeColor", color)
               .done() +
           "\n";
}

// ---- email ----

Result<std::vector<std::string>> parseAddressList(std::string_view text) {
    std::vector<std::string> out;
    size_t i = 0;
    auto skipSpace = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    };
    while (true) {
        skipSpace();
        if (i >= text.size()) break;
        // One mailbox: either "addr" or "display name <addr>".
        std::string display, bare;
        bool angle = false;
        std::string addr;
        while (i < text.size() && text[i] != ',') {
            const char c = text[i];
            if (c == '"') {
                const size_t end = text.find('"', i + 1);
                if (end == std::string_view::npos) return Status::invalidArgument("mail: missing closing quote");
                display.append(text.substr(i + 1, end - i - 1));
                i = end + 1;
            } else if (c == '<') {
                const size_t end = text.find('>', i + 1);
                if (end == std::string_view::npos) return Status::invalidArgument("mail: missing '>' in address");
                addr = std::string(text.substr(i + 1, end - i - 1));
                angle = true;
                i = end + 1;
            } else {
                bare += c;
                ++i;
            }
        }
        if (!angle) {
            while (!bare.empty() && (bare.back() == ' ' || bare.back() == '\t')) bare.pop_back();
            const size_t b = bare.find_first_not_of(" \t");
            addr = b == std::string::npos ? std::string() : bare.substr(b);
        }
        const size_t at = addr.find('@');
        if (addr.empty() || at == std::string::npos || at == 0 || at + 1 == addr.size() ||
            addr.find_first_of(" \t<>") != std::string::npos)
            return Status::invalidArgument("mail: invalid address \"" + addr + "\"");
        out.push_back(addr);
        if (i < text.size() && text[i] == ',') ++i;
    }
    if (out.empty()) return Status::invalidArgument("mail: no address");
    return out;
}

std::string qEncode(std::string_view s) {
    bool plain = true;
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7e) plain = false;
    if (plain) return std::string(s);
    // mime.QEncoding: words of at most 75 characters, split between runes.
    const std::string prefix = "=?utf-8?q?", suffix = "?=";
    std::string out, word;
    auto flush = [&] {
        if (!out.empty()) out += ' ';
        out += prefix + word + suffix;
        word.clear();
    };
    size_t i = 0;
    while (i < s.size()) {
        size_t len = 1;
        const auto lead = static_cast<unsigned char>(s[i]);
        if (lead >= 0xF0) len = 4;
        else if (lead >= 0xE0) len = 3;
        else if (lead >= 0xC0) len = 2;
        std::string enc;
        for (size_t k = i; k < std::min(s.size(), i + len); ++k) {
            const auto c = static_cast<unsigned char>(s[k]);
            if (c == ' ') enc += '_';
            else if (c >= 0x21 && c <= 0x7e && c != '=' && c != '?' && c != '_') enc += static_cast<char>(c);
            else {
                char buf[4];
                std::snprintf(buf, sizeof buf, "=%02X", c);
                enc += buf;
            }
        }
        if (prefix.size() + word.size() + enc.size() + suffix.size() > 75) flush();
        word += enc;
        i += len;
    }
    flush();
    return out;
}

std::string quotedPrintable(std::string_view s) {
    std::string out, line;
    auto put = [&](const std::string& tok) {
        if (line.size() + tok.size() > 75) {  // 76 with the soft-break '='
            out += line + "=\r\n";
            line.clear();
        }
        line += tok;
    };
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n' || (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) {
            if (c == '\r') ++i;
            // Trailing whitespace before a line break is encoded.
            if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
                const char ws = line.back();
                line.pop_back();
                put(ws == ' ' ? "=20" : "=09");
            }
            out += line + "\r\n";
            line.clear();
            continue;
        }
        if ((c >= 0x21 && c <= 0x7e && c != '=') || c == ' ' || c == '\t') {
            put(std::string(1, static_cast<char>(c)));
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "=%02X", c);
            put(buf);
        }
    }
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        const char ws = line.back();
        line.pop_back();
        put(ws == ' ' ? "=20" : "=09");
    }
    return out + line;
}

Result<EmailMessage> emailMessage(const al::IntegrationConfig& ic, const al::RenderedIntegration& r,
                                  const al::NotificationTemplates& /*templates*/, const gt::NotificationData& /*data*/,
                                  const std::string& hostname, int64_t nowUnixNanos) {
    EmailMessage m;
    PHAROS_ASSIGN_OR_RETURN(auto from, parseAddressList(fieldOr(r, "from")));
    if (from.size() != 1)
        return Status::invalidArgument("must be exactly one 'from' address (got: " + std::to_string(from.size()) + ")");
    m.from = from.front();
    PHAROS_ASSIGN_OR_RETURN(m.recipients, parseAddressList(fieldOr(r, "to")));

    std::string head;
    bool hasMessageId = false;
    for (const auto& f : r.fields) {
        std::string name;
        if (f.name == "subject") name = "Subject";
        else if (f.name.rfind("header.", 0) == 0) name = f.name.substr(7);
        else continue;
        if (name == "Message-Id") hasMessageId = true;
        head += name + ": " + qEncode(f.text) + "\r\n";
    }
    if (!hasMessageId) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "<%lld.%llu@", static_cast<long long>(nowUnixNanos),
                      static_cast<unsigned long long>(QRandomGenerator::global()->generate64()));
        head += std::string("Message-Id: ") + buf + hostname + ">\r\n";
    }
    // time.RFC1123Z in UTC.
    const std::time_t secs = static_cast<std::time_t>(nowUnixNanos / 1000000000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char date[64];
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    QByteArray rnd(30, '\0');
    for (auto& b : rnd) b = static_cast<char>(QRandomGenerator::global()->bounded(256));
    m.boundary = rnd.toHex().toStdString();
    head += std::string("Date: ") + date + "\r\n";
    head += "Content-Type: multipart/alternative;  boundary=" + m.boundary + "\r\n";
    head += "MIME-Version: 1.0\r\n\r\n";

    std::string body;
    auto part = [&](const char* type, const std::string& text) {
        body += body.empty() ? "--" : "\r\n--";
        body += m.boundary + "\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: " + type +
                "; charset=UTF-8\r\n\r\n" + quotedPrintable(text);
    };
    if (!ic.value("text").empty()) part("text/plain", fieldOr(r, "text"));
    if (!ic.value("html").empty()) part("text/html", fieldOr(r, "html"));
    body += body.empty() ? "--" : "\r\n--";
    body += m.boundary + "--\r\n";
    m.data = head + body;
    return m;
}

}  // namespace pharos::core::notify
