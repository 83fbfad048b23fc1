// libFuzzer target for the HTTP/1.1 request parser of `pharos-cli serve` and the API's parameter
// decoding: arbitrary bytes fed in arbitrary pieces (the first byte picks the split size), every
// complete request's form decoded and its time/duration parameters parsed. Must never crash, hang
// or buffer beyond its limits.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pharos/core/serve/api_params.h"
#include "pharos/core/serve/http_message.h"

using namespace pharos::core::serve;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const size_t piece = 1 + data[0] % 64;
    std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    HttpLimits limits;
    limits.maxBodyBytes = 4096;
    HttpRequestParser parser(limits);
    for (size_t pos = 0; pos < input.size(); pos += piece) {
        auto state = parser.feed(input.substr(pos, piece));
        while (state == HttpRequestParser::State::Complete) {
            const HttpRequest req = parser.take();
            std::string error;
            const FormValues form = parseRequestForm(req, &error);
            (void)req.keepAlive();
            for (const char* name : {"time", "start", "end"}) (void)parseApiTime(form.first(name));
            for (const char* name : {"step", "timeout", "lookback_delta"}) {
                std::string why;
                (void)parseApiDuration(form.first(name), &why);
            }
            (void)form.all("match[]");
            state = parser.parse();
        }
        if (state == HttpRequestParser::State::Error) break;
    }
    return 0;
}
