<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>BuilderReason</name>
    <message>
        <source>a binary operation between two ratios</source>
        <translation>một phép toán hai ngôi giữa hai tỉ lệ</translation>
    </message>
    <message>
        <source>a comparison between two queries (the builder compares with a number)</source>
        <translation>một phép so sánh giữa hai truy vấn (trình dựng chỉ so sánh với một số)</translation>
    </message>
    <message>
        <source>a comparison inside the query</source>
        <translation>một phép so sánh bên trong truy vấn</translation>
    </message>
    <message>
        <source>a comparison of two numbers</source>
        <translation>một phép so sánh giữa hai số</translation>
    </message>
    <message>
        <source>a comparison with the bool modifier</source>
        <translation>một phép so sánh với bổ từ bool</translation>
    </message>
    <message>
        <source>a constant number</source>
        <translation>một hằng số</translation>
    </message>
    <message>
        <source>a function over something other than a range selector</source>
        <translation>một hàm áp dụng lên thứ không phải bộ chọn khoảng</translation>
    </message>
    <message>
        <source>a negated query</source>
        <translation>một truy vấn bị đổi dấu</translation>
    </message>
    <message>
        <source>a number where a query is expected</source>
        <translation>một số ở chỗ cần một truy vấn</translation>
    </message>
    <message>
        <source>a range selector without a function</source>
        <translation>một bộ chọn khoảng không có hàm</translation>
    </message>
    <message>
        <source>a ratio with arithmetic on either side (the builder divides one query by another)</source>
        <translation>một tỉ lệ có phép tính ở một trong hai vế (trình dựng chỉ chia một truy vấn cho một truy vấn khác)</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>một chuỗi</translation>
    </message>
    <message>
        <source>a subquery</source>
        <translation>một truy vấn con</translation>
    </message>
    <message>
        <source>a window computed with step() or range()</source>
        <translation>một cửa sổ tính bằng step() hoặc range()</translation>
    </message>
    <message>
        <source>absent() of something other than a selector</source>
        <translation>absent() của thứ không phải bộ chọn</translation>
    </message>
    <message>
        <source>an aggregation of an aggregation</source>
        <translation>một phép gộp của một phép gộp</translation>
    </message>
    <message>
        <source>an aggregation of histogram_quantile()</source>
        <translation>một phép gộp của histogram_quantile()</translation>
    </message>
    <message>
        <source>an offset modifier</source>
        <translation>bổ từ offset</translation>
    </message>
    <message>
        <source>histogram_quantile() inside an aggregation</source>
        <translation>histogram_quantile() bên trong một phép gộp</translation>
    </message>
    <message>
        <source>histogram_quantile() over an aggregation that drops le</source>
        <translation>histogram_quantile() trên một phép gộp làm mất nhãn le</translation>
    </message>
    <message>
        <source>histogram_quantile() over something other than rate(...[window])</source>
        <translation>histogram_quantile() trên thứ không phải rate(...[cửa sổ])</translation>
    </message>
    <message>
        <source>more than one comparison</source>
        <translation>nhiều hơn một phép so sánh</translation>
    </message>
    <message>
        <source>the @ modifier</source>
        <translation>bổ từ @</translation>
    </message>
    <message>
        <source>the aggregation %1()</source>
        <translation>phép gộp %1()</translation>
    </message>
    <message>
        <source>the function %1()</source>
        <translation>hàm %1()</translation>
    </message>
    <message>
        <source>the function %1() with these arguments</source>
        <translation>hàm %1() với các đối số này</translation>
    </message>
    <message>
        <source>the operator &quot;%1&quot; (the builder has a ratio, &quot;* 100&quot; and one comparison)</source>
        <translation>toán tử &quot;%1&quot; (trình dựng chỉ có tỉ lệ, &quot;* 100&quot; và một phép so sánh)</translation>
    </message>
    <message>
        <source>the operator &quot;%1&quot; inside a query</source>
        <translation>toán tử &quot;%1&quot; bên trong một truy vấn</translation>
    </message>
    <message>
        <source>the set operator &quot;%1&quot;</source>
        <translation>toán tử tập hợp &quot;%1&quot;</translation>
    </message>
    <message>
        <source>this expression</source>
        <translation>biểu thức này</translation>
    </message>
    <message>
        <source>vector matching (on, ignoring, group_left, group_right) in the ratio</source>
        <translation>so khớp vector (on, ignoring, group_left, group_right) trong tỉ lệ</translation>
    </message>
    <message>
        <source>a quantile that is not a number</source>
        <translation>một phân vị không phải là số</translation>
    </message>
    <message>
        <source>a prediction time that is not a number</source>
        <translation>một thời gian dự đoán không phải là số</translation>
    </message>
    <message>
        <source>an aggregation parameter that is not a number</source>
        <translation>một tham số gộp không phải là số</translation>
    </message>
</context>
<context>
    <name>TemplateLibraryDialog</name>
    <message>
        <source>%1: cannot read</source>
        <translation>%1: không thể đọc</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Pharos: design, backtest and simulate Prometheus alerts and Alertmanager routing.</source>
        <translation>Pharos: thiết kế, kiểm thử ngược và mô phỏng cảnh báo Prometheus cùng định tuyến Alertmanager.</translation>
    </message>
    <message>
        <source>Open FILE instead of the default workspace.</source>
        <translation>Mở FILE thay cho không gian làm việc mặc định.</translation>
    </message>
    <message>
        <source>Render the main window at 1280×800 after start-up, save it as a PNG to FILE and exit.</source>
        <translation>Sau khi khởi động, vẽ cửa sổ chính ở 1280×800, lưu thành PNG vào FILE rồi thoát.</translation>
    </message>
</context>
<context>
    <name>pharos::app::AlertsDock</name>
    <message>
        <source>Filter alerts (name, label, state, annotation)</source>
        <translation>Lọc cảnh báo (tên, nhãn, trạng thái, chú thích)</translation>
    </message>
    <message>
        <source>Silence…</source>
        <translation>Tắt tiếng…</translation>
    </message>
    <message>
        <source>Create a silence matching the selected alert or group</source>
        <translation>Tạo tắt tiếng khớp với cảnh báo hoặc nhóm đã chọn</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Xác nhận</translation>
    </message>
    <message numerus="yes">
        <source>%1 firing, %2 pending in %n group(s)</source>
        <translation>
            <numerusform>%1 đang kích hoạt, %2 đang chờ trong %n nhóm</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark the selected alert or group as acknowledged (kept in this workspace until the alert resolves)</source>
        <translation>Đánh dấu cảnh báo hoặc nhóm đã chọn là đã xác nhận (lưu trong không gian làm việc này cho đến khi cảnh báo được giải quyết)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Khoảng thời gian</translation>
    </message>
    <message>
        <source>Last evaluation</source>
        <translation>Lần đánh giá cuối</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Rule groups</source>
        <translation>Nhóm quy tắc</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) failing: %1</source>
        <translation>
            <numerusform>%n quy tắc bị lỗi: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>for-state not restored: %1</source>
        <translation>chưa khôi phục trạng thái for: %1</translation>
    </message>
    <message>
        <source>ok; for-state restored after the second evaluation</source>
        <translation>ok; trạng thái for được khôi phục sau lần đánh giá thứ hai</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>chưa</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message numerus="yes">
        <source>Rule groups (%n unhealthy)</source>
        <translation>
            <numerusform>Nhóm quy tắc (%n không ổn định)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pharos::app::AlertsModel</name>
    <message>
        <source>firing</source>
        <translation>đang kích hoạt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>đã giải quyết</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Active since</source>
        <translation>Hoạt động từ</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Chú thích</translation>
    </message>
    <message>
        <source>(all alerts)</source>
        <translation>(tất cả cảnh báo)</translation>
    </message>
    <message numerus="yes">
        <source>%n firing</source>
        <translation>
            <numerusform>%n đang kích hoạt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n đang chờ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resolved</source>
        <translation>
            <numerusform>%n đã giải quyết</numerusform>
        </translation>
    </message>
    <message>
        <source>receiver: %1</source>
        <translation>bộ nhận: %1</translation>
    </message>
    <message>
        <source>Group key: %1</source>
        <translation>Khóa nhóm: %1</translation>
    </message>
    <message>
        <source>%1 (acknowledged)</source>
        <translation>%1 (đã xác nhận)</translation>
    </message>
    <message>
        <source>resolved %1</source>
        <translation>đã giải quyết %1</translation>
    </message>
    <message>
        <source>Rule: %1 (group %2, %3)</source>
        <translation>Quy tắc: %1 (nhóm %2, %3)</translation>
    </message>
    <message>
        <source>Firing since %1</source>
        <translation>Đang kích hoạt từ %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::AnnotationEditor</name>
    <message>
        <source>Render for series:</source>
        <translation>Hiển thị cho chuỗi:</translation>
    </message>
    <message>
        <source>The result series of the rule&apos;s expression whose labels and value the annotations are rendered with</source>
        <translation>Chuỗi kết quả của biểu thức quy tắc mà nhãn và giá trị của nó được dùng để hiển thị chú thích</translation>
    </message>
    <message>
        <source>Add annotation</source>
        <translation>Thêm chú thích</translation>
    </message>
    <message>
        <source>Annotation name</source>
        <translation>Tên chú thích</translation>
    </message>
    <message>
        <source>A common annotation name, or type your own</source>
        <translation>Tên chú thích thông dụng, hoặc tự nhập</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>Remove this annotation</source>
        <translation>Gỡ bỏ chú thích này</translation>
    </message>
    <message>
        <source>No TSDB is open: nothing to render with.</source>
        <translation>Chưa mở TSDB: không có dữ liệu để hiển thị.</translation>
    </message>
    <message>
        <source>The rule has no expression: nothing to render with.</source>
        <translation>Quy tắc không có biểu thức: không có dữ liệu để hiển thị.</translation>
    </message>
    <message>
        <source>Querying…</source>
        <translation>Đang truy vấn…</translation>
    </message>
    <message>
        <source>The expression failed: %1</source>
        <translation>Biểu thức bị lỗi: %1</translation>
    </message>
    <message>
        <source>No data: the expression returns no series now, so there is nothing to render with.</source>
        <translation>Không có dữ liệu: biểu thức hiện không trả về chuỗi nào nên không có gì để hiển thị.</translation>
    </message>
    <message numerus="yes">
        <source>%n series returned by the expression.</source>
        <translation>
            <numerusform>Biểu thức trả về %n chuỗi.</numerusform>
        </translation>
    </message>
    <message>
        <source>(not rendered: no data)</source>
        <translation>(chưa hiển thị: không có dữ liệu)</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>Error at line %1, column %2: %3</source>
        <translation>Lỗi tại dòng %1, cột %2: %3</translation>
    </message>
    <message>
        <source>Error at line %1: %2</source>
        <translation>Lỗi tại dòng %1: %2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Lỗi: %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::BarGaugePanel</name>
    <message>
        <source>No data</source>
        <translation>Không có dữ liệu</translation>
    </message>
</context>
<context>
    <name>pharos::app::BuilderQueryRow</name>
    <message>
        <source>metric name; type to search or drag one from the metrics explorer</source>
        <translation>tên chỉ số; nhập để tìm kiếm hoặc kéo một chỉ số từ trình khám phá chỉ số</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Chỉ số</translation>
    </message>
    <message>
        <source>Add filter</source>
        <translation>Thêm bộ lọc</translation>
    </message>
    <message>
        <source>Keep only the series whose label matches</source>
        <translation>Chỉ giữ lại các chuỗi có nhãn khớp</translation>
    </message>
    <message>
        <source>Label filters</source>
        <translation>Bộ lọc nhãn</translation>
    </message>
    <message>
        <source>none (the values as they are)</source>
        <translation>không có (giữ nguyên giá trị)</translation>
    </message>
    <message>
        <source>over</source>
        <translation>trong</translation>
    </message>
    <message>
        <source>The window the function reads, e.g. 5m or 1h</source>
        <translation>Cửa sổ thời gian mà hàm đọc, ví dụ 5m hoặc 1h</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Hàm</translation>
    </message>
    <message>
        <source>none (each series)</source>
        <translation>không có (từng chuỗi)</translation>
    </message>
    <message>
        <source>by</source>
        <translation>by</translation>
    </message>
    <message>
        <source>without</source>
        <translation>without</translation>
    </message>
    <message>
        <source>labels, comma-separated</source>
        <translation>nhãn, phân cách bằng dấu phẩy</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <source>Pick labels of the metric</source>
        <translation>Chọn nhãn của chỉ số</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <source>label</source>
        <translation>nhãn</translation>
    </message>
    <message>
        <source>= (equals)</source>
        <translation>= (bằng)</translation>
    </message>
    <message>
        <source>!= (differs)</source>
        <translation>!= (khác)</translation>
    </message>
    <message>
        <source>=~ (matches regex)</source>
        <translation>=~ (khớp biểu thức chính quy)</translation>
    </message>
    <message>
        <source>!~ (does not match regex)</source>
        <translation>!~ (không khớp biểu thức chính quy)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>giá trị</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Xóa bộ lọc này</translation>
    </message>
    <message>
        <source>Window: &quot;%1&quot; is not a duration; use e.g. 5m or 1h</source>
        <translation>Cửa sổ: &quot;%1&quot; không phải là khoảng thời gian; hãy dùng ví dụ 5m hoặc 1h</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number</source>
        <translation>%1: &quot;%2&quot; không phải là số</translation>
    </message>
    <message>
        <source>Aggregation parameter: &quot;%1&quot; is not a number</source>
        <translation>Tham số tổng hợp: &quot;%1&quot; không phải là số</translation>
    </message>
    <message>
        <source>seconds ahead</source>
        <translation>giây tới</translation>
    </message>
    <message>
        <source>quantile</source>
        <translation>phân vị</translation>
    </message>
    <message>
        <source>e.g. 14400</source>
        <translation>ví dụ 14400</translation>
    </message>
    <message>
        <source>e.g. 0.95</source>
        <translation>ví dụ 0.95</translation>
    </message>
    <message>
        <source>of rate over</source>
        <translation>của rate trong</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>histogram_quantile keeps the le label by itself: do not list it</source>
        <translation>histogram_quantile tự giữ lại nhãn le: đừng liệt kê nhãn này</translation>
    </message>
    <message>
        <source>No labels known for this metric</source>
        <translation>Không có nhãn nào đã biết cho chỉ số này</translation>
    </message>
</context>
<context>
    <name>pharos::app::DashboardView</name>
    <message>
        <source>Time series panel</source>
        <translation>Bảng chuỗi thời gian</translation>
    </message>
    <message>
        <source>Stat panel</source>
        <translation>Bảng thống kê</translation>
    </message>
    <message>
        <source>Gauge panel</source>
        <translation>Bảng đồng hồ đo</translation>
    </message>
    <message>
        <source>Bar gauge panel</source>
        <translation>Bảng đồng hồ thanh</translation>
    </message>
    <message>
        <source>Table panel</source>
        <translation>Bảng dạng bảng</translation>
    </message>
    <message>
        <source>Heatmap panel</source>
        <translation>Bảng bản đồ nhiệt</translation>
    </message>
    <message>
        <source>Text panel</source>
        <translation>Bảng văn bản</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Hàng</translation>
    </message>
    <message>
        <source>Row title</source>
        <translation>Tiêu đề hàng</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Add a panel or a row</source>
        <translation>Thêm bảng hoặc hàng</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Save dashboard</source>
        <translation>Lưu dashboard</translation>
    </message>
    <message>
        <source>Rename row</source>
        <translation>Đổi tên hàng</translation>
    </message>
    <message>
        <source>Row title:</source>
        <translation>Tiêu đề hàng:</translation>
    </message>
    <message>
        <source>Resize panel</source>
        <translation>Đổi kích thước bảng</translation>
    </message>
    <message>
        <source>Move panel</source>
        <translation>Di chuyển bảng</translation>
    </message>
    <message>
        <source>Duplicate panel</source>
        <translation>Nhân bản bảng</translation>
    </message>
    <message>
        <source>Remove panel</source>
        <translation>Xóa bảng</translation>
    </message>
    <message>
        <source>Edit panel</source>
        <translation>Sửa bảng</translation>
    </message>
    <message>
        <source>New panel</source>
        <translation>Bảng mới</translation>
    </message>
    <message>
        <source>Add panel</source>
        <translation>Thêm bảng</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Thêm hàng</translation>
    </message>
    <message>
        <source>Collapse row</source>
        <translation>Thu gọn hàng</translation>
    </message>
    <message>
        <source>Expand row</source>
        <translation>Mở rộng hàng</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Xóa hàng</translation>
    </message>
    <message>
        <source>Time range: %1</source>
        <translation>Khoảng thời gian: %1</translation>
    </message>
    <message>
        <source>No data store is open</source>
        <translation>Chưa mở kho dữ liệu nào</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
</context>
<context>
    <name>pharos::app::DatasourceDialog</name>
    <message>
        <source>Client Certificate</source>
        <translation>Chứng chỉ máy khách</translation>
    </message>
    <message>
        <source>Client Key</source>
        <translation>Khóa máy khách</translation>
    </message>
    <message>
        <source>CA Certificates</source>
        <translation>Chứng chỉ CA</translation>
    </message>
    <message>
        <source>Datasources</source>
        <translation>Nguồn dữ liệu</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Thêm</translation>
    </message>
    <message>
        <source>Add a Prometheus-API datasource</source>
        <translation>Thêm một nguồn dữ liệu Prometheus API</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Nhân bản</translation>
    </message>
    <message>
        <source>Copy the selected datasource, with its credentials</source>
        <translation>Sao chép nguồn dữ liệu đã chọn, kèm thông tin xác thực</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>Remove the selected datasource from the workspace</source>
        <translation>Gỡ nguồn dữ liệu đã chọn khỏi không gian làm việc</translation>
    </message>
    <message>
        <source>&lt;b&gt;Local TSDB&lt;/b&gt;&lt;p&gt;The workspace&apos;s own time-series database: what the scraper records and imports write. It is always available and has no settings.&lt;/p&gt;&lt;p&gt;Add a datasource to query a Prometheus, Thanos, Mimir or VictoriaMetrics server instead.&lt;/p&gt;</source>
        <translation>&lt;b&gt;TSDB cục bộ&lt;/b&gt;&lt;p&gt;Cơ sở dữ liệu chuỗi thời gian riêng của không gian làm việc: nơi lưu dữ liệu do bộ thu thập ghi lại và dữ liệu nhập vào. Nó luôn khả dụng và không có thiết lập nào.&lt;/p&gt;&lt;p&gt;Thay vào đó, hãy thêm một nguồn dữ liệu để truy vấn máy chủ Prometheus, Thanos, Mimir hoặc VictoriaMetrics.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Máy chủ:</translation>
    </message>
    <message>
        <source>For your information only: every kind speaks the Prometheus HTTP API</source>
        <translation>Chỉ để tham khảo: mọi loại đều dùng Prometheus HTTP API</translation>
    </message>
    <message>
        <source>Prometheus</source>
        <translation>Prometheus</translation>
    </message>
    <message>
        <source>Thanos</source>
        <translation>Thanos</translation>
    </message>
    <message>
        <source>Grafana Mimir</source>
        <translation>Grafana Mimir</translation>
    </message>
    <message>
        <source>VictoriaMetrics</source>
        <translation>VictoriaMetrics</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Base URL of the server&apos;s HTTP API, with any path prefix (e.g. https://mimir.example/prometheus)</source>
        <translation>URL gốc của HTTP API trên máy chủ, kèm tiền tố đường dẫn nếu có (vd. https://mimir.example/prometheus)</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Xác thực</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Phương thức:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Basic (user and password)</source>
        <translation>Basic (người dùng và mật khẩu)</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer token</translation>
    </message>
    <message>
        <source>TLS client certificate</source>
        <translation>Chứng chỉ máy khách TLS</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Người dùng:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;Certificate file:</source>
        <translation>Tệp &amp;chứng chỉ:</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>Tệp &amp;khóa:</translation>
    </message>
    <message>
        <source>PEM file</source>
        <translation>Tệp PEM</translation>
    </message>
    <message>
        <source>PEM file (RSA or EC key)</source>
        <translation>Tệp PEM (khóa RSA hoặc EC)</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Chọn tệp</translation>
    </message>
    <message>
        <source>TLS (https URLs)</source>
        <translation>TLS (URL https)</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>Tệp C&amp;A:</translation>
    </message>
    <message>
        <source>System certificates</source>
        <translation>Chứng chỉ hệ thống</translation>
    </message>
    <message>
        <source>Skip server certificate &amp;verification (insecure: test set-ups only)</source>
        <translation>Bỏ qua &amp;xác minh chứng chỉ máy chủ (không an toàn: chỉ cho môi trường thử nghiệm)</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Yêu cầu</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>&amp;Thời gian chờ:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Longest wait for one HTTP request, from sending to the last byte</source>
        <translation>Thời gian chờ tối đa cho một yêu cầu HTTP, từ lúc gửi đến byte cuối cùng</translation>
    </message>
    <message>
        <source>E&amp;xtra headers:</source>
        <translation>&amp;Header bổ sung:</translation>
    </message>
    <message>
        <source>One &quot;Name: value&quot; per line, sent with every request (e.g. a Mimir tenant)</source>
        <translation>Mỗi dòng một &quot;Name: value&quot;, gửi kèm mọi yêu cầu (vd. tenant Mimir)</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>&amp;Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>Ask the server for its version with the settings as they are in the form</source>
        <translation>Hỏi phiên bản của máy chủ bằng các thiết lập hiện có trong biểu mẫu</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>Local TSDB</source>
        <translation>TSDB cục bộ</translation>
    </message>
    <message>
        <source>The workspace&apos;s own time-series database</source>
        <translation>Cơ sở dữ liệu chuỗi thời gian riêng của không gian làm việc</translation>
    </message>
    <message>
        <source>%1 (not saved)</source>
        <translation>%1 (chưa lưu)</translation>
    </message>
    <message>
        <source>The stored document cannot be read: %1</source>
        <translation>Không thể đọc tài liệu đã lưu: %1</translation>
    </message>
    <message>
        <source>the new datasource</source>
        <translation>nguồn dữ liệu mới</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
        <source>Discard the unsaved changes to %1?</source>
        <translation>Hủy các thay đổi chưa lưu của %1?</translation>
    </message>
    <message>
        <source>%1-copy</source>
        <translation>%1-copy</translation>
    </message>
    <message>
        <source>%1-copy-%2</source>
        <translation>%1-copy-%2</translation>
    </message>
    <message>
        <source>Delete Datasource</source>
        <translation>Xóa nguồn dữ liệu</translation>
    </message>
    <message>
        <source>Cannot delete %1: %2</source>
        <translation>Không thể xóa %1: %2</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Hãy nhập tên.</translation>
    </message>
    <message>
        <source>The name cannot contain &quot;/&quot;.</source>
        <translation>Tên không được chứa &quot;/&quot;.</translation>
    </message>
    <message>
        <source>A datasource named %1 exists already.</source>
        <translation>Đã có nguồn dữ liệu tên %1.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s URL, e.g. http://prometheus:9090.</source>
        <translation>Hãy nhập URL của máy chủ, vd. http://prometheus:9090.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: expected http://host:port or https://host:port.</source>
        <translation>&quot;%1&quot; không phải URL hợp lệ: cần có dạng http://host:port hoặc https://host:port.</translation>
    </message>
    <message>
        <source>Basic authentication needs a user name.</source>
        <translation>Xác thực Basic cần tên người dùng.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <source>Enter the bearer token.</source>
        <translation>Hãy nhập bearer token.</translation>
    </message>
    <message>
        <source>Choose the client certificate and key files.</source>
        <translation>Hãy chọn tệp chứng chỉ và tệp khóa của máy khách.</translation>
    </message>
    <message>
        <source>A client certificate needs an https URL.</source>
        <translation>Chứng chỉ máy khách cần URL https.</translation>
    </message>
    <message>
        <source>No secret store is available: the password or token cannot be saved.</source>
        <translation>Không có kho bí mật nào khả dụng: không thể lưu mật khẩu hoặc token.</translation>
    </message>
    <message>
        <source>Extra headers, line %1: expected &quot;Name: value&quot;.</source>
        <translation>Header bổ sung, dòng %1: cần có dạng &quot;Name: value&quot;.</translation>
    </message>
    <message>
        <source>The CA file is used for https URLs only.</source>
        <translation>Tệp CA chỉ được dùng cho URL https.</translation>
    </message>
    <message>
        <source>Skipping certificate verification matters for https URLs only.</source>
        <translation>Bỏ qua xác minh chứng chỉ chỉ có tác dụng với URL https.</translation>
    </message>
    <message>
        <source>Credentials are sent unencrypted over http.</source>
        <translation>Thông tin xác thực được gửi qua http mà không mã hóa.</translation>
    </message>
    <message>
        <source>The workspace is open read-only: datasources cannot be changed.</source>
        <translation>Không gian làm việc đang mở ở chế độ chỉ đọc: không thể thay đổi nguồn dữ liệu.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Stored in the secret store — type to replace</source>
        <translation>Đã lưu trong kho bí mật — nhập để thay thế</translation>
    </message>
    <message>
        <source>Kept in the secret store, not in the workspace</source>
        <translation>Được giữ trong kho bí mật, không phải trong không gian làm việc</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>Tệp PEM (*.pem *.crt *.cer *.key);;Tất cả tệp (*)</translation>
    </message>
    <message>
        <source>Cannot store the secret in %1: %2</source>
        <translation>Không thể lưu bí mật vào %1: %2</translation>
    </message>
    <message>
        <source>the secret store</source>
        <translation>kho bí mật</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>Không thể lưu %1: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <source>Enter a valid URL first.</source>
        <translation>Hãy nhập một URL hợp lệ trước.</translation>
    </message>
    <message>
        <source>Enter the password first.</source>
        <translation>Hãy nhập mật khẩu trước.</translation>
    </message>
    <message>
        <source>Enter the user name first.</source>
        <translation>Hãy nhập tên người dùng trước.</translation>
    </message>
    <message>
        <source>Enter the bearer token first.</source>
        <translation>Hãy nhập bearer token trước.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Đang kết nối tới %1…</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Kết nối thất bại: %1</translation>
    </message>
    <message>
        <source>Connected: version %1</source>
        <translation>Đã kết nối: phiên bản %1</translation>
    </message>
    <message>
        <source>Connected: version %1 (revision %2)</source>
        <translation>Đã kết nối: phiên bản %1 (bản sửa đổi %2)</translation>
    </message>
    <message>
        <source>Connected: the server answers queries but tells no version (%1)</source>
        <translation>Đã kết nối: máy chủ trả lời truy vấn nhưng không cho biết phiên bản (%1)</translation>
    </message>
    <message>
        <source>Delete the datasource %1 from the workspace? Its password or token is removed from the secret store.</source>
        <translation>Xóa nguồn dữ liệu %1 khỏi không gian làm việc? Mật khẩu hoặc token của nó sẽ bị xóa khỏi kho bí mật.</translation>
    </message>
    <message>
        <source>The datasource is saved, but a secret it no longer uses could not be removed from %1: %2</source>
        <translation>Nguồn dữ liệu đã được lưu, nhưng không thể xóa bí mật nó không còn dùng khỏi %1: %2</translation>
    </message>
</context>
<context>
    <name>pharos::app::DatasourceSelector</name>
    <message>
        <source>Local TSDB</source>
        <translation>TSDB cục bộ</translation>
    </message>
    <message>
        <source>Query the workspace&apos;s own time-series database</source>
        <translation>Truy vấn cơ sở dữ liệu chuỗi thời gian riêng của không gian làm việc</translation>
    </message>
    <message>
        <source>Query the remote datasource %1</source>
        <translation>Truy vấn nguồn dữ liệu từ xa %1</translation>
    </message>
    <message>
        <source>Edit Datasources…</source>
        <translation>Chỉnh sửa nguồn dữ liệu…</translation>
    </message>
    <message>
        <source>Where queries, the metrics explorer and dashboards get their data</source>
        <translation>Nơi truy vấn, trình khám phá metric và dashboard lấy dữ liệu</translation>
    </message>
</context>
<context>
    <name>pharos::app::ExplorerDock</name>
    <message>
        <source>Metrics Explorer</source>
        <translation>Trình khám phá metric</translation>
    </message>
    <message>
        <source>Search metrics…</source>
        <translation>Tìm metric…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Tải lại</translation>
    </message>
    <message>
        <source>Reload metric names and counts from the TSDB</source>
        <translation>Tải lại tên và số lượng metric từ TSDB</translation>
    </message>
    <message>
        <source>Double-click a metric or a label value to query it; drag it into an editor</source>
        <translation>Nhấp đúp vào metric hoặc giá trị nhãn để truy vấn; kéo vào trình soạn thảo</translation>
    </message>
    <message>
        <source>No TSDB open.</source>
        <translation>Chưa mở TSDB.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message numerus="yes">
        <source>%n metric(s)</source>
        <translation>
            <numerusform>%n metric</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n metric(s)</source>
        <translation>
            <numerusform>%1 / %n metric</numerusform>
        </translation>
    </message>
    <message>
        <source>new data: Reload to refresh</source>
        <translation>có dữ liệu mới: Tải lại để làm mới</translation>
    </message>
</context>
<context>
    <name>pharos::app::ExportDialog</name>
    <message>
        <source>Export Into</source>
        <translation>Xuất vào</translation>
    </message>
    <message>
        <source>Choose the folder to export into.</source>
        <translation>Hãy chọn thư mục để xuất vào.</translation>
    </message>
    <message>
        <source>Validating with Pharos, promtool and amtool…</source>
        <translation>Đang kiểm tra bằng Pharos, promtool và amtool…</translation>
    </message>
    <message>
        <source>Validating…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>No changes: the export is the same as what is there.</source>
        <translation>Không có thay đổi: nội dung xuất giống hệt nội dung hiện có.</translation>
    </message>
    <message numerus="yes">
        <source>Validation failed: %n error(s). Nothing will be written unless you choose to.</source>
        <translation>
            <numerusform>Kiểm tra thất bại: %n lỗi. Sẽ không ghi gì trừ khi bạn chọn ghi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation passed.</source>
        <translation>Kiểm tra đạt.</translation>
    </message>
    <message>
        <source>Not installed, so not run: %1.</source>
        <translation>Chưa cài đặt nên không chạy: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) would change.</source>
        <translation>
            <numerusform>%n tệp sẽ thay đổi.</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder is not inside a git repository.</source>
        <translation>Thư mục không nằm trong kho git nào.</translation>
    </message>
    <message>
        <source>Git repository: %1 (folder %2).</source>
        <translation>Kho git: %1 (thư mục %2).</translation>
    </message>
    <message>
        <source>Uncommitted changes in the folder: %1.</source>
        <translation>Thư mục có thay đổi chưa commit: %1.</translation>
    </message>
    <message>
        <source>Uncommitted changes</source>
        <translation>Thay đổi chưa commit</translation>
    </message>
    <message>
        <source>The folder has uncommitted changes:
%1

The commit would include them together with the export. Commit anyway?</source>
        <translation>Thư mục có thay đổi chưa commit:
%1

Commit sẽ gộp chúng cùng với nội dung xuất. Vẫn commit?</translation>
    </message>
    <message>
        <source>Not exported: the folder has uncommitted changes.</source>
        <translation>Chưa xuất: thư mục có thay đổi chưa commit.</translation>
    </message>
    <message>
        <source>Exported to %1: %2 written, %3 unchanged, %4 removed.</source>
        <translation>Đã xuất vào %1: ghi %2, không đổi %3, xoá %4.</translation>
    </message>
    <message>
        <source>Committed %1 on %2.</source>
        <translation>Đã commit %1 trên %2.</translation>
    </message>
    <message>
        <source>Nothing to commit.</source>
        <translation>Không có gì để commit.</translation>
    </message>
    <message>
        <source>Export Configuration</source>
        <translation>Xuất cấu hình</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>Thư mục &amp;đích:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Duyệt…</translation>
    </message>
    <message>
        <source>&amp;Routing (alertmanager.yml):</source>
        <translation>Định &amp;tuyến (alertmanager.yml):</translation>
    </message>
    <message>
        <source>Also validate with promtool and amtool when installed</source>
        <translation>Kiểm tra thêm bằng promtool và amtool nếu đã cài</translation>
    </message>
    <message>
        <source>&amp;Commit the folder to its git repository</source>
        <translation>&amp;Commit thư mục vào kho git của nó</translation>
    </message>
    <message>
        <source>Commit message</source>
        <translation>Thông điệp commit</translation>
    </message>
    <message>
        <source>New branch (optional)</source>
        <translation>Nhánh mới (tuỳ chọn)</translation>
    </message>
    <message>
        <source>Write even when validation fails</source>
        <translation>Vẫn ghi khi kiểm tra thất bại</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>Files to provide</source>
        <translation>Tệp cần cung cấp</translation>
    </message>
    <message>
        <source>Secrets and certificates are never exported: the configuration reads them from these files, which the deployment must provide.</source>
        <translation>Bí mật và chứng chỉ không bao giờ được xuất: cấu hình đọc chúng từ các tệp này, và nơi triển khai phải cung cấp chúng.</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Xem trước</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Xuất</translation>
    </message>
    <message>
        <source>Preview validates the configuration and shows what changes.</source>
        <translation>Xem trước sẽ kiểm tra cấu hình và cho thấy những gì thay đổi.</translation>
    </message>
    <message>
        <source>Pushing…</source>
        <translation>Đang đẩy lên…</translation>
    </message>
    <message>
        <source>Pushed to %1.</source>
        <translation>Đã đẩy lên %1.</translation>
    </message>
    <message>
        <source>Push failed (the local commit is kept): %1</source>
        <translation>Đẩy lên thất bại (commit cục bộ vẫn được giữ): %1</translation>
    </message>
    <message>
        <source>&amp;Push the commit to the repository&apos;s remote</source>
        <translation>Đẩy commit lên remote của kho (&amp;P)</translation>
    </message>
    <message>
        <source>Uses your git installation and the credentials that already work for this remote; Pharos never asks for a password.</source>
        <translation>Dùng git đã cài và thông tin xác thực đang dùng được cho remote này; Pharos không bao giờ hỏi mật khẩu.</translation>
    </message>
    <message>
        <source>Include the dashboards as Grafana JSON (dashboards/)</source>
        <translation>Kèm các dashboard dưới dạng Grafana JSON (dashboards/)</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>Bố cục:</translation>
    </message>
    <message>
        <source>Side by side: prometheus.yml, rules/, alertmanager.yml, templates/, tests/</source>
        <translation>Cạnh nhau: prometheus.yml, rules/, alertmanager.yml, templates/, tests/</translation>
    </message>
    <message>
        <source>One folder per service: prometheus/, alertmanager/, grafana/</source>
        <translation>Mỗi dịch vụ một thư mục: prometheus/, alertmanager/, grafana/</translation>
    </message>
    <message>
        <source>Not recorded as the last export: %1</source>
        <translation>Không được ghi nhận là lần xuất gần nhất: %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::GaugePanel</name>
    <message>
        <source>No data</source>
        <translation>Không có dữ liệu</translation>
    </message>
</context>
<context>
    <name>pharos::app::HeatmapPanel</name>
    <message>
        <source>No data</source>
        <translation>Không có dữ liệu</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Bucket: %1
Time: %2
Count: %3</source>
        <translation>Bucket: %1
Thời gian: %2
Số lượng: %3</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>không có dữ liệu</translation>
    </message>
</context>
<context>
    <name>pharos::app::InhibitionEditor</name>
    <message>
        <source>alerts</source>
        <translation>cảnh báo</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>cảnh báo</translation>
    </message>
    <message>
        <source>all alerts</source>
        <translation>tất cả cảnh báo</translation>
    </message>
    <message>
        <source>any alert</source>
        <translation>bất kỳ cảnh báo nào</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 with %2=%3</source>
        <translation>%1 có %2=%3</translation>
    </message>
    <message>
        <source>%1 matching %2</source>
        <translation>%1 khớp với %2</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Lên</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Xuống</translation>
    </message>
    <message>
        <source>Source matchers (the inhibiting alert):</source>
        <translation>Bộ so khớp nguồn (cảnh báo gây ức chế):</translation>
    </message>
    <message>
        <source>Target matchers (the muted alerts):</source>
        <translation>Bộ so khớp đích (các cảnh báo bị ức chế):</translation>
    </message>
    <message>
        <source>Equal labels:</source>
        <translation>Nhãn bằng nhau:</translation>
    </message>
    <message>
        <source>severity=&quot;critical&quot;</source>
        <translation>severity=&quot;critical&quot;</translation>
    </message>
    <message>
        <source>severity=&quot;warning&quot;</source>
        <translation>severity=&quot;warning&quot;</translation>
    </message>
    <message>
        <source>alertname, cluster</source>
        <translation>alertname, cluster</translation>
    </message>
    <message>
        <source>Convert to matchers</source>
        <translation>Chuyển thành bộ so khớp</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>No inhibit rules.</source>
        <translation>Không có quy tắc ức chế nào.</translation>
    </message>
    <message>
        <source>Legacy source_match: %1</source>
        <translation>source_match cũ: %1</translation>
    </message>
    <message>
        <source>Legacy target_match: %1</source>
        <translation>target_match cũ: %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid label name</source>
        <translation>&quot;%1&quot; không phải là tên nhãn hợp lệ</translation>
    </message>
    <message>
        <source>a %1</source>
        <translation>một %1</translation>
    </message>
    <message>
        <source>%1 are muted while %2 fires.</source>
        <translation>%1 bị ức chế khi %2 kích hoạt.</translation>
    </message>
    <message>
        <source>%1 are muted while %2 with the same %3 fires.</source>
        <translation>%1 bị ức chế khi %2 có cùng %3 kích hoạt.</translation>
    </message>
    <message>
        <source>Add inhibit rule</source>
        <translation>Thêm quy tắc ức chế</translation>
    </message>
    <message>
        <source>Delete inhibit rule %1</source>
        <translation>Xóa quy tắc ức chế %1</translation>
    </message>
    <message>
        <source>Move inhibit rule up</source>
        <translation>Di chuyển quy tắc ức chế lên</translation>
    </message>
    <message>
        <source>Move inhibit rule down</source>
        <translation>Di chuyển quy tắc ức chế xuống</translation>
    </message>
    <message>
        <source>Source matchers: %1</source>
        <translation>Bộ so khớp nguồn: %1</translation>
    </message>
    <message>
        <source>Edit source matchers of inhibit rule %1</source>
        <translation>Sửa bộ so khớp nguồn của quy tắc ức chế %1</translation>
    </message>
    <message>
        <source>Target matchers: %1</source>
        <translation>Bộ so khớp đích: %1</translation>
    </message>
    <message>
        <source>Edit target matchers of inhibit rule %1</source>
        <translation>Sửa bộ so khớp đích của quy tắc ức chế %1</translation>
    </message>
    <message>
        <source>Equal labels: %1</source>
        <translation>Nhãn bằng nhau: %1</translation>
    </message>
    <message>
        <source>Edit equal labels of inhibit rule %1</source>
        <translation>Sửa nhãn bằng nhau của quy tắc ức chế %1</translation>
    </message>
    <message>
        <source>Convert legacy matchers of inhibit rule %1</source>
        <translation>Chuyển đổi bộ so khớp cũ của quy tắc ức chế %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::MainWindow</name>
    <message>
        <source>Pharos workspaces (*.pharos);;All files (*)</source>
        <translation>Không gian làm việc Pharos (*.pharos);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>Không gian làm việc mới</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Mở không gian làm việc</translation>
    </message>
    <message>
        <source>Save Workspace As</source>
        <translation>Lưu không gian làm việc thành</translation>
    </message>
    <message>
        <source>About Pharos</source>
        <translation>Giới thiệu Pharos</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pharos %1&lt;/h3&gt;&lt;p&gt;A desktop observability console: a local time-series store, PromQL, alert rule design and backtesting, Alertmanager routing simulation, and export to Prometheus and Alertmanager configuration.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Pharos %1&lt;/h3&gt;&lt;p&gt;Bảng điều khiển quan sát hệ thống trên máy tính: kho chuỗi thời gian cục bộ, PromQL, thiết kế và kiểm thử ngược quy tắc cảnh báo, mô phỏng định tuyến Alertmanager, và xuất cấu hình Prometheus và Alertmanager.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, dòng %2</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Không gian làm việc mới…</translation>
    </message>
    <message>
        <source>Create an empty workspace file</source>
        <translation>Tạo một tệp không gian làm việc trống</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>&amp;Mở không gian làm việc…</translation>
    </message>
    <message>
        <source>Open a workspace file</source>
        <translation>Mở một tệp không gian làm việc</translation>
    </message>
    <message>
        <source>Save Workspace &amp;As…</source>
        <translation>Lưu không gian làm việc &amp;thành…</translation>
    </message>
    <message>
        <source>Save a copy of the workspace under another name and continue there</source>
        <translation>Lưu một bản sao của không gian làm việc dưới tên khác và tiếp tục làm việc trên bản đó</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Đặt &amp;lại bố cục</translation>
    </message>
    <message>
        <source>Put every dock back where it was on first start</source>
        <translation>Đưa mọi ô neo về vị trí như lần khởi động đầu tiên</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <source>&amp;About Pharos</source>
        <translation>&amp;Giới thiệu Pharos</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Mở &amp;gần đây</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Công cụ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Thanh công cụ chính</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Workspace: %1 (read-only)</source>
        <translation>Không gian làm việc: %1 (chỉ đọc)</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Không gian làm việc: %1</translation>
    </message>
    <message>
        <source>%1 — Pharos</source>
        <translation>%1 — Pharos</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>Chưa mở không gian làm việc nào</translation>
    </message>
    <message>
        <source>Pharos</source>
        <translation>Pharos</translation>
    </message>
    <message>
        <source>Opened workspace %1 read-only</source>
        <translation>Đã mở không gian làm việc %1 ở chế độ chỉ đọc</translation>
    </message>
    <message>
        <source>Opened workspace %1</source>
        <translation>Đã mở không gian làm việc %1</translation>
    </message>
    <message>
        <source>workspace</source>
        <translation>không gian làm việc</translation>
    </message>
    <message>
        <source>Workspace in use</source>
        <translation>Không gian làm việc đang được dùng</translation>
    </message>
    <message>
        <source>%1

Open it read-only?</source>
        <translation>%1

Mở ở chế độ chỉ đọc?</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Không mở được không gian làm việc</translation>
    </message>
    <message>
        <source>Cannot create workspace</source>
        <translation>Không tạo được không gian làm việc</translation>
    </message>
    <message>
        <source>Cannot save workspace</source>
        <translation>Không lưu được không gian làm việc</translation>
    </message>
    <message>
        <source>No recent workspaces</source>
        <translation>Không có không gian làm việc gần đây</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Xoá danh sách</translation>
    </message>
    <message>
        <source>&lt;h2&gt;No workspace open&lt;/h2&gt;&lt;p&gt;Use &lt;b&gt;File › New Workspace&lt;/b&gt; or &lt;b&gt;File › Open Workspace&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Chưa mở không gian làm việc nào&lt;/h2&gt;&lt;p&gt;Hãy dùng &lt;b&gt;Tệp › Không gian làm việc mới&lt;/b&gt; hoặc &lt;b&gt;Tệp › Mở không gian làm việc&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Tệp: %1</translation>
    </message>
    <message>
        <source>Schema version %1</source>
        <translation>Phiên bản lược đồ %1</translation>
    </message>
    <message>
        <source>Read-only: another Pharos has this workspace open.</source>
        <translation>Chỉ đọc: một Pharos khác đang mở không gian làm việc này.</translation>
    </message>
    <message>
        <source>This workspace is empty.</source>
        <translation>Không gian làm việc này trống.</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Import Configuration From</source>
        <translation>Nhập cấu hình từ</translation>
    </message>
    <message>
        <source>&amp;Export Configuration…</source>
        <translation>&amp;Xuất cấu hình…</translation>
    </message>
    <message>
        <source>Write prometheus.yml, rule files and alertmanager.yml, validated, optionally into git</source>
        <translation>Ghi prometheus.yml, các tệp quy tắc và alertmanager.yml đã kiểm tra, tuỳ chọn vào git</translation>
    </message>
    <message>
        <source>&amp;Import Configuration…</source>
        <translation>&amp;Nhập cấu hình…</translation>
    </message>
    <message>
        <source>Read prometheus.yml, its rule files, alertmanager.yml and rule tests from a folder</source>
        <translation>Đọc prometheus.yml, các tệp quy tắc của nó, alertmanager.yml và các bài kiểm thử quy tắc từ một thư mục</translation>
    </message>
    <message>
        <source>export</source>
        <translation>xuất</translation>
    </message>
    <message>
        <source>import</source>
        <translation>nhập</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>Không nhập được</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n document(s) from %1</source>
        <translation>
            <numerusform>Đã nhập %n tài liệu từ %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Moved the secret in %1 to the private folder %2 (no keychain: %3); the configuration now reads %4</source>
        <translation>Đã chuyển bí mật trong %1 vào thư mục riêng %2 (không có keychain: %3); cấu hình giờ đọc %4</translation>
    </message>
    <message>
        <source>Moved the secret in %1 to the system keychain; the configuration now reads %2</source>
        <translation>Đã chuyển bí mật trong %1 vào keychain của hệ thống; cấu hình giờ đọc %2</translation>
    </message>
    <message>
        <source>Import Grafana Dashboards</source>
        <translation>Nhập dashboard Grafana</translation>
    </message>
    <message>
        <source>Grafana dashboards (*.json);;All files (*)</source>
        <translation>Dashboard Grafana (*.json);;Tất cả tệp (*)</translation>
    </message>
    <message>
        <source>Import &amp;Grafana Dashboards…</source>
        <translation>Nhập dashboard &amp;Grafana…</translation>
    </message>
    <message>
        <source>Read Grafana dashboard JSON exports into the workspace</source>
        <translation>Đọc tệp JSON xuất từ dashboard Grafana vào không gian làm việc</translation>
    </message>
    <message>
        <source>tsdb</source>
        <translation>tsdb</translation>
    </message>
    <message>
        <source>Cannot open the workspace TSDB %1: %2</source>
        <translation>Không thể mở TSDB của không gian làm việc %1: %2</translation>
    </message>
    <message>
        <source>Generating demo data… %1%</source>
        <translation>Đang tạo dữ liệu demo… %1%</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>dữ liệu demo</translation>
    </message>
    <message>
        <source>dashboards</source>
        <translation>dashboard</translation>
    </message>
    <message>
        <source>The workspace is read-only: the dashboard was not saved</source>
        <translation>Không gian làm việc chỉ đọc: dashboard chưa được lưu</translation>
    </message>
    <message>
        <source>Saved dashboard %1</source>
        <translation>Đã lưu dashboard %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Không thể đọc %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported dashboard “%1” from %2 (%n item(s) reported)</source>
        <translation>
            <numerusform>Đã nhập dashboard “%1” từ %2 (báo cáo %n mục)</numerusform>
        </translation>
    </message>
    <message>
        <source>The workspace is read-only: the rule file was not saved</source>
        <translation>Không gian làm việc chỉ đọc: tệp quy tắc chưa được lưu</translation>
    </message>
    <message>
        <source>rules</source>
        <translation>quy tắc</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>Mô phỏng</translation>
    </message>
    <message>
        <source>Wrote the promtool test %1: %2</source>
        <translation>Đã ghi bài kiểm thử promtool %1: %2</translation>
    </message>
    <message>
        <source>Freeze as Test</source>
        <translation>Cố định thành bài kiểm thử</translation>
    </message>
    <message>
        <source>The test was not written: %1</source>
        <translation>Chưa ghi bài kiểm thử: %1</translation>
    </message>
    <message>
        <source>Serve Prometheus API</source>
        <translation>Cung cấp Prometheus API</translation>
    </message>
    <message>
        <source>Listen address (loopback only), e.g. 127.0.0.1:9090. Grafana and other Prometheus clients can then read this workspace&apos;s data.</source>
        <translation>Địa chỉ lắng nghe (chỉ loopback), ví dụ 127.0.0.1:9090. Sau đó Grafana và các trình khách Prometheus khác có thể đọc dữ liệu của không gian làm việc này.</translation>
    </message>
    <message>
        <source>Cannot serve the Prometheus API: %1</source>
        <translation>Không thể cung cấp Prometheus API: %1</translation>
    </message>
    <message>
        <source>serve</source>
        <translation>phục vụ API</translation>
    </message>
    <message>
        <source>%1 is not a loopback address; use pharos-cli serve --allow-remote with authentication to serve other hosts</source>
        <translation>%1 không phải địa chỉ loopback; để phục vụ các máy khác, hãy dùng pharos-cli serve --allow-remote kèm xác thực</translation>
    </message>
    <message>
        <source>no TSDB is open</source>
        <translation>chưa mở TSDB nào</translation>
    </message>
    <message>
        <source>Serving %1</source>
        <translation>Đang phục vụ %1</translation>
    </message>
    <message>
        <source>Serving the Prometheus API at %1</source>
        <translation>Đang cung cấp Prometheus API tại %1</translation>
    </message>
    <message>
        <source>Serve &amp;Prometheus API…</source>
        <translation>Cung cấp &amp;Prometheus API…</translation>
    </message>
    <message>
        <source>Serve this workspace&apos;s data over the Prometheus HTTP API on a loopback address</source>
        <translation>Cung cấp dữ liệu của không gian làm việc này qua Prometheus HTTP API trên một địa chỉ loopback</translation>
    </message>
    <message>
        <source>Cannot evaluate rules live: %1</source>
        <translation>Không thể đánh giá quy tắc trực tiếp: %1</translation>
    </message>
    <message>
        <source>no workspace is open</source>
        <translation>chưa mở không gian làm việc nào</translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %n rule file(s) live</source>
        <translation>
            <numerusform>Đang đánh giá trực tiếp %n tệp quy tắc</numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluate Rules &amp;Live</source>
        <translation>Đánh giá quy tắc trực tiế&amp;p</translation>
    </message>
    <message>
        <source>Evaluate the workspace&apos;s rule files at their intervals on the recorded data and list pending and firing alerts in the Alerts dock</source>
        <translation>Đánh giá các tệp quy tắc của không gian làm việc theo chu kỳ của chúng trên dữ liệu đã ghi và liệt kê các cảnh báo đang chờ và đang kích hoạt trong bảng Cảnh báo</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Alertmanager push failed: %1</source>
        <translation>Đẩy tới Alertmanager thất bại: %1</translation>
    </message>
    <message>
        <source>notifications</source>
        <translation>thông báo</translation>
    </message>
    <message>
        <source>Open a routing configuration in the Routing dock to add silences.</source>
        <translation>Hãy mở một cấu hình định tuyến trong bảng Định tuyến để thêm im lặng.</translation>
    </message>
    <message>
        <source>&amp;Notifications…</source>
        <translation>&amp;Thông báo…</translation>
    </message>
    <message>
        <source>Where alerts of the live evaluation go: the workspace&apos;s receivers, an Alertmanager, or nowhere; desktop messages; test notifications</source>
        <translation>Nơi gửi cảnh báo của lần đánh giá trực tiếp: các bộ nhận của không gian làm việc, một Alertmanager, hoặc không đâu cả; tin nhắn trên màn hình; thông báo thử</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>Dữ liệu:</translation>
    </message>
    <message>
        <source>Where queries, charts, dashboards and backtests read their data</source>
        <translation>Nơi truy vấn, biểu đồ, dashboard và kiểm thử ngược đọc dữ liệu</translation>
    </message>
    <message>
        <source>datasource</source>
        <translation>nguồn dữ liệu</translation>
    </message>
    <message>
        <source>Reading the local TSDB</source>
        <translation>Đang đọc TSDB cục bộ</translation>
    </message>
    <message>
        <source>Reading datasource %1</source>
        <translation>Đang đọc nguồn dữ liệu %1</translation>
    </message>
    <message>
        <source>Notifications keep their previous routing: %1: %2</source>
        <translation>Thông báo giữ nguyên định tuyến trước đó: %1: %2</translation>
    </message>
</context>
<context>
    <name>pharos::app::MetricsModel</name>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n chuỗi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n distinct values</source>
        <translation>
            <numerusform>%n giá trị khác nhau</numerusform>
        </translation>
    </message>
    <message>
        <source>Metrics and values: series; label names: distinct values</source>
        <translation>Metric và giá trị: số chuỗi; tên nhãn: số giá trị khác nhau</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Số lượng</translation>
    </message>
</context>
<context>
    <name>pharos::app::NoisiestModel</name>
    <message>
        <source>group</source>
        <translation>nhóm</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>cảnh báo</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Bộ nhận</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Alert or group</source>
        <translation>Cảnh báo hoặc nhóm</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Thông báo</translation>
    </message>
</context>
<context>
    <name>pharos::app::NotificationHistoryModel</name>
    <message>
        <source>resolved</source>
        <translation>đã giải quyết</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>đang kích hoạt</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <source>failed, retrying</source>
        <translation>thất bại, đang thử lại</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>thất bại</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Bộ nhận</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Tích hợp</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Lần thử</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm</translation>
    </message>
</context>
<context>
    <name>pharos::app::NotificationHistoryView</name>
    <message>
        <source>All receivers</source>
        <translation>Tất cả bộ nhận</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Receiver:</source>
        <translation>Bộ nhận:</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n lần thử</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the history: %1</source>
        <translation>Không thể tải lịch sử: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
</context>
<context>
    <name>pharos::app::NotificationSettingsDialog</name>
    <message>
        <source>%1 ×%2</source>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <source>(no integrations)</source>
        <translation>(không có tích hợp)</translation>
    </message>
    <message>
        <source>Live Notifications</source>
        <translation>Thông báo trực tiếp</translation>
    </message>
    <message>
        <source>Send live alerts</source>
        <translation>Gửi cảnh báo trực tiếp</translation>
    </message>
    <message>
        <source>Off (evaluate rules, send nothing)</source>
        <translation>Tắt (đánh giá quy tắc, không gửi gì)</translation>
    </message>
    <message>
        <source>Through the workspace&apos;s receivers (alertmanager.yml)</source>
        <translation>Qua các bộ nhận của không gian làm việc (alertmanager.yml)</translation>
    </message>
    <message>
        <source>To an Alertmanager at URL</source>
        <translation>Tới một Alertmanager tại URL</translation>
    </message>
    <message>
        <source>http://127.0.0.1:9093</source>
        <translation>http://127.0.0.1:9093</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>tùy chọn</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Basic auth user:</source>
        <translation>Người dùng basic auth:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <source>Receivers</source>
        <translation>Bộ nhận</translation>
    </message>
    <message>
        <source>Tick &quot;Tray&quot; to also show a desktop message when a receiver is notified. A test sends one synthetic alert to every integration of the receiver.</source>
        <translation>Đánh dấu &quot;Khay hệ thống&quot; để hiển thị thêm tin nhắn trên màn hình khi một bộ nhận được thông báo. Thử nghiệm sẽ gửi một cảnh báo tổng hợp tới mọi tích hợp của bộ nhận.</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Bộ nhận</translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation>Tích hợp</translation>
    </message>
    <message>
        <source>Tray</source>
        <translation>Khay hệ thống</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Thử</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Also show a desktop tray message for this receiver&apos;s notifications</source>
        <translation>Hiển thị thêm tin nhắn ở khay hệ thống cho các thông báo của bộ nhận này</translation>
    </message>
    <message>
        <source>Send test notification</source>
        <translation>Gửi thông báo thử</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Thất bại: %1</translation>
    </message>
    <message>
        <source>Now: %1 alert(s) in %2 group(s); %3 sent, %4 failed, %5 in progress, %6 muted.</source>
        <translation>Hiện tại: %1 cảnh báo trong %2 nhóm; %3 đã gửi, %4 thất bại, %5 đang xử lý, %6 bị tạm ngưng.</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Lỗi gần nhất: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Đang gửi…</translation>
    </message>
    <message>
        <source>Enter the Alertmanager&apos;s http:// or https:// URL, e.g. http://127.0.0.1:9093.</source>
        <translation>Hãy nhập URL http:// hoặc https:// của Alertmanager, vd. http://127.0.0.1:9093.</translation>
    </message>
    <message>
        <source>Put the user name and password in their own fields, not in the URL.</source>
        <translation>Hãy nhập tên người dùng và mật khẩu vào trường riêng của chúng, không đưa vào URL.</translation>
    </message>
    <message>
        <source>There is no secret store to keep the password in.</source>
        <translation>Không có kho bí mật nào để lưu mật khẩu.</translation>
    </message>
    <message>
        <source>A password is stored; type a new one to replace it.</source>
        <translation>Đã lưu một mật khẩu; nhập mật khẩu mới để thay thế.</translation>
    </message>
    <message>
        <source>Live notifications are not running</source>
        <translation>Thông báo trực tiếp không chạy</translation>
    </message>
    <message>
        <source>This receiver has no integration to send to</source>
        <translation>Bộ nhận này không có tích hợp nào để gửi tới</translation>
    </message>
    <message>
        <source>Saving the password…</source>
        <translation>Đang lưu mật khẩu…</translation>
    </message>
    <message>
        <source>The password was not saved: %1</source>
        <translation>Mật khẩu chưa được lưu: %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Basic auth</source>
        <translation>Xác thực cơ bản</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer token</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>Xác thực:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Enter the basic auth user name.</source>
        <translation>Nhập tên người dùng xác thực cơ bản.</translation>
    </message>
    <message>
        <source>Enter the bearer token.</source>
        <translation>Nhập bearer token.</translation>
    </message>
    <message>
        <source>There is no secret store to keep the token in.</source>
        <translation>Không có kho bí mật để lưu token.</translation>
    </message>
    <message>
        <source>A token is stored; type a new one to replace it.</source>
        <translation>Đã lưu một token; nhập token mới để thay thế.</translation>
    </message>
    <message>
        <source>Saving the token…</source>
        <translation>Đang lưu token…</translation>
    </message>
    <message>
        <source>The token was not saved: %1</source>
        <translation>Token chưa được lưu: %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::PagerComparisonModel</name>
    <message>
        <source>A: %1</source>
        <translation>A: %1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B: %1</translation>
    </message>
    <message>
        <source>Pages under B minus pages under A</source>
        <translation>Số lượt gọi theo B trừ số lượt gọi theo A</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Bộ nhận</translation>
    </message>
    <message>
        <source>Pages (A)</source>
        <translation>Lượt gọi (A)</translation>
    </message>
    <message>
        <source>Pages (B)</source>
        <translation>Lượt gọi (B)</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Chênh lệch</translation>
    </message>
    <message>
        <source>Night (A)</source>
        <translation>Ban đêm (A)</translation>
    </message>
    <message>
        <source>Night (B)</source>
        <translation>Ban đêm (B)</translation>
    </message>
    <message>
        <source>Weekend (A)</source>
        <translation>Cuối tuần (A)</translation>
    </message>
    <message>
        <source>Weekend (B)</source>
        <translation>Cuối tuần (B)</translation>
    </message>
</context>
<context>
    <name>pharos::app::PanelContent</name>
    <message>
        <source>Panel type “%1” is not supported by Pharos.</source>
        <translation>Pharos không hỗ trợ loại bảng “%1”.</translation>
    </message>
</context>
<context>
    <name>pharos::app::PanelEditor</name>
    <message>
        <source>Last (not null)</source>
        <translation>Cuối cùng (khác null)</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Cuối cùng</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Đầu tiên</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Trung bình</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Nhỏ nhất</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Lớn nhất</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Khoảng</translation>
    </message>
    <message>
        <source>Delta</source>
        <translation>Chênh lệch</translation>
    </message>
    <message>
        <source>threshold %1: “%2” is not a number</source>
        <translation>ngưỡng %1: “%2” không phải là số</translation>
    </message>
    <message>
        <source>threshold %1: write “VALUE COLOUR” (the first may be just a colour)</source>
        <translation>ngưỡng %1: hãy viết “GIÁ_TRỊ MÀU” (ngưỡng đầu tiên có thể chỉ là màu)</translation>
    </message>
    <message>
        <source>threshold %1: “%2” is not a colour</source>
        <translation>ngưỡng %1: “%2” không phải là màu</translation>
    </message>
    <message>
        <source>threshold %1: values must increase</source>
        <translation>ngưỡng %1: các giá trị phải tăng dần</translation>
    </message>
    <message>
        <source>Edit panel</source>
        <translation>Sửa bảng</translation>
    </message>
    <message>
        <source>Time series</source>
        <translation>Chuỗi thời gian</translation>
    </message>
    <message>
        <source>Stat</source>
        <translation>Thống kê</translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation>Đồng hồ đo</translation>
    </message>
    <message>
        <source>Bar gauge</source>
        <translation>Đồng hồ thanh</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Bảng</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Bản đồ nhiệt</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <source>Not supported (%1)</source>
        <translation>Không được hỗ trợ (%1)</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Tiêu đề:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Mô tả:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Loại:</translation>
    </message>
    <message>
        <source>PromQL expression</source>
        <translation>Biểu thức PromQL</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Chú giải</translation>
    </message>
    <message>
        <source>Instant</source>
        <translation>Tức thời</translation>
    </message>
    <message>
        <source>Add query</source>
        <translation>Thêm truy vấn</translation>
    </message>
    <message>
        <source>Remove query</source>
        <translation>Xóa truy vấn</translation>
    </message>
    <message>
        <source>Queries ($variables, $__rate_interval and $__interval are substituted):</source>
        <translation>Truy vấn ($variables, $__rate_interval và $__interval được thay thế):</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>tự động</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>green, 80 orange, 90 red</source>
        <translation>green, 80 orange, 90 red</translation>
    </message>
    <message>
        <source>Stacked</source>
        <translation>Xếp chồng</translation>
    </message>
    <message>
        <source>Step lines</source>
        <translation>Đường bậc thang</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Đơn vị:</translation>
    </message>
    <message>
        <source>Min / max:</source>
        <translation>Tối thiểu / tối đa:</translation>
    </message>
    <message>
        <source>Decimals:</source>
        <translation>Số chữ số thập phân:</translation>
    </message>
    <message>
        <source>Thresholds:</source>
        <translation>Ngưỡng:</translation>
    </message>
    <message>
        <source>Fill:</source>
        <translation>Tô nền:</translation>
    </message>
    <message>
        <source>Lines:</source>
        <translation>Đường:</translation>
    </message>
    <message>
        <source>Calculation:</source>
        <translation>Phép tính:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Văn bản:</translation>
    </message>
    <message>
        <source>“%1” is not a number</source>
        <translation>“%1” không phải là số</translation>
    </message>
</context>
<context>
    <name>pharos::app::PanelFrame</name>
    <message>
        <source>Drag to move the panel; drag the bottom-right corner to resize it</source>
        <translation>Kéo để di chuyển bảng; kéo góc dưới bên phải để đổi kích thước</translation>
    </message>
    <message>
        <source>Panel actions</source>
        <translation>Thao tác bảng</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Open in query console</source>
        <translation>Mở trong bảng điều khiển truy vấn</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Nhân bản</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>đang tải…</translation>
    </message>
</context>
<context>
    <name>pharos::app::PanelTableModel</name>
    <message>
        <source>Metric</source>
        <translation>Chỉ số</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
</context>
<context>
    <name>pharos::app::ProblemsDock</name>
    <message>
        <source>Problems</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>Mọi thông báo</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Chỉ lỗi</translation>
    </message>
    <message>
        <source>Errors and warnings</source>
        <translation>Lỗi và cảnh báo</translation>
    </message>
    <message>
        <source>Filter messages</source>
        <translation>Lọc thông báo</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Remove every message from the list</source>
        <translation>Xoá mọi thông báo khỏi danh sách</translation>
    </message>
</context>
<context>
    <name>pharos::app::ProblemsModel</name>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Vị trí</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
</context>
<context>
    <name>pharos::app::QueryDock</name>
    <message>
        <source>Query Console</source>
        <translation>Bảng điều khiển truy vấn</translation>
    </message>
    <message>
        <source>Instant</source>
        <translation>Tức thời</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Khoảng</translation>
    </message>
    <message>
        <source>Instant query at the end time, or range query over the chosen range</source>
        <translation>Truy vấn tức thời tại thời điểm kết thúc, hoặc truy vấn khoảng trên khoảng đã chọn</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Khoảng:</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>Bước:</translation>
    </message>
    <message>
        <source>Resolution step (Prometheus duration, e.g. 30s); empty: automatic from the chart width</source>
        <translation>Bước phân giải (khoảng thời gian Prometheus, ví dụ 30s); để trống: tự động theo độ rộng biểu đồ</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
    <message>
        <source>Pretty-print the expression</source>
        <translation>Định dạng đẹp biểu thức</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Chạy</translation>
    </message>
    <message>
        <source>Run the query (Ctrl+Enter)</source>
        <translation>Chạy truy vấn (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>PromQL expression, e.g. rate(node_cpu_seconds_total[5m]) — Ctrl+Space completes, Ctrl+Enter runs</source>
        <translation>Biểu thức PromQL, ví dụ rate(node_cpu_seconds_total[5m]) — Ctrl+Space để hoàn thành, Ctrl+Enter để chạy</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Bảng</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Biểu đồ</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Sẵn sàng.</translation>
    </message>
    <message>
        <source>auto (%1)</source>
        <translation>tự động (%1)</translation>
    </message>
    <message>
        <source>Enter a PromQL expression.</source>
        <translation>Hãy nhập biểu thức PromQL.</translation>
    </message>
    <message>
        <source>No TSDB is open.</source>
        <translation>Chưa mở TSDB nào.</translation>
    </message>
    <message>
        <source>Invalid step &apos;%1&apos;.</source>
        <translation>Bước &apos;%1&apos; không hợp lệ.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Đang chạy…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <source>Error.</source>
        <translation>Lỗi.</translation>
    </message>
    <message>
        <source>String result</source>
        <translation>Kết quả chuỗi</translation>
    </message>
    <message>
        <source>Scalar result</source>
        <translation>Kết quả vô hướng</translation>
    </message>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n chuỗi</numerusform>
        </translation>
    </message>
    <message>
        <source>evaluated in %1 ms</source>
        <translation>tính trong %1 ms</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>bước %1</translation>
    </message>
    <message numerus="yes">
        <source>History (%n)</source>
        <translation>
            <numerusform>Lịch sử (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pharos::app::QueryResultModel</name>
    <message>
        <source>string</source>
        <translation>chuỗi</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>vô hướng</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Chuỗi dữ liệu</translation>
    </message>
    <message>
        <source>Last value</source>
        <translation>Giá trị cuối</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Điểm dữ liệu</translation>
    </message>
</context>
<context>
    <name>pharos::app::ReceiverEditor</name>
    <message>
        <source>&amp;Receiver:</source>
        <translation>&amp;Bộ nhận:</translation>
    </message>
    <message>
        <source>Add receiver</source>
        <translation>Thêm bộ nhận</translation>
    </message>
    <message>
        <source>Delete receiver</source>
        <translation>Xóa bộ nhận</translation>
    </message>
    <message>
        <source>&amp;Integrations:</source>
        <translation>&amp;Tích hợp:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Add an integration of the chosen type</source>
        <translation>Thêm một tích hợp thuộc loại đã chọn</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Lên</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Xuống</translation>
    </message>
    <message>
        <source>%1 (Alertmanager 0.%2+)</source>
        <translation>%1 (Alertmanager 0.%2+)</translation>
    </message>
    <message>
        <source>Rename receiver %1 to %2</source>
        <translation>Đổi tên bộ nhận %1 thành %2</translation>
    </message>
    <message>
        <source>Add receiver %1</source>
        <translation>Thêm bộ nhận %1</translation>
    </message>
    <message>
        <source>Cannot delete receiver %1: it is used by %2.</source>
        <translation>Không thể xóa bộ nhận %1: nó đang được %2 sử dụng.</translation>
    </message>
    <message>
        <source>Delete receiver %1</source>
        <translation>Xóa bộ nhận %1</translation>
    </message>
    <message>
        <source>%1 needs Alertmanager 0.%2 or later; this configuration is checked against %3.</source>
        <translation>%1 cần Alertmanager 0.%2 trở lên; cấu hình này được kiểm tra theo %3.</translation>
    </message>
    <message>
        <source>Add %1 integration to receiver %2</source>
        <translation>Thêm tích hợp %1 vào bộ nhận %2</translation>
    </message>
    <message>
        <source>Remove %1 integration %2 from receiver %3</source>
        <translation>Gỡ tích hợp %1 %2 khỏi bộ nhận %3</translation>
    </message>
    <message>
        <source>Move %1 integration of receiver %2 up</source>
        <translation>Di chuyển tích hợp %1 của bộ nhận %2 lên</translation>
    </message>
    <message>
        <source>Move %1 integration of receiver %2 down</source>
        <translation>Di chuyển tích hợp %1 của bộ nhận %2 xuống</translation>
    </message>
    <message>
        <source>Send resolved notifications from %1 integration of receiver %2</source>
        <translation>Gửi thông báo đã giải quyết từ tích hợp %1 của bộ nhận %2</translation>
    </message>
    <message>
        <source>Do not send resolved notifications from %1 integration of receiver %2</source>
        <translation>Không gửi thông báo đã giải quyết từ tích hợp %1 của bộ nhận %2</translation>
    </message>
    <message>
        <source>No integration is selected.</source>
        <translation>Chưa chọn tích hợp nào.</translation>
    </message>
    <message>
        <source>%1 is not a field of %2 integrations in Alertmanager %3.</source>
        <translation>%1 không phải là trường của tích hợp %2 trong Alertmanager %3.</translation>
    </message>
    <message>
        <source>%1 is a secret: enter it in its field so that it is kept out of the configuration.</source>
        <translation>%1 là bí mật: hãy nhập vào trường riêng của nó để nó được giữ ngoài cấu hình.</translation>
    </message>
    <message>
        <source>%1 holds a secret in clear (%2); Pharos keeps secrets out of the configuration.</source>
        <translation>%1 chứa bí mật ở dạng văn bản thuần (%2); Pharos giữ bí mật ngoài cấu hình.</translation>
    </message>
    <message>
        <source>%1 holds a secret in clear (%2): use %3 with a file instead.</source>
        <translation>%1 chứa bí mật ở dạng văn bản thuần (%2): hãy dùng %3 với một tệp thay thế.</translation>
    </message>
    <message>
        <source>Unset %1 of %2 integration of receiver %3</source>
        <translation>Bỏ đặt %1 của tích hợp %2 thuộc bộ nhận %3</translation>
    </message>
    <message>
        <source>Set %1 of %2 integration of receiver %3</source>
        <translation>Đặt %1 của tích hợp %2 thuộc bộ nhận %3</translation>
    </message>
    <message>
        <source>%1 is not a secret field.</source>
        <translation>%1 không phải là trường bí mật.</translation>
    </message>
    <message>
        <source>No secret store is available: the secret was not saved.</source>
        <translation>Không có kho bí mật nào khả dụng: bí mật chưa được lưu.</translation>
    </message>
    <message>
        <source>Remove %1 of %2 integration of receiver %3</source>
        <translation>Gỡ bỏ %1 của tích hợp %2 thuộc bộ nhận %3</translation>
    </message>
    <message>
        <source>Cannot store the secret: %1</source>
        <translation>Không thể lưu bí mật: %1</translation>
    </message>
    <message>
        <source>The integration changed before the secret was stored; enter it again.</source>
        <translation>Tích hợp đã thay đổi trước khi bí mật được lưu; hãy nhập lại.</translation>
    </message>
    <message>
        <source>the secret store</source>
        <translation>kho bí mật</translation>
    </message>
    <message>
        <source>Store %1 of %2 integration of receiver %3 in %4</source>
        <translation>Lưu %1 của tích hợp %2 thuộc bộ nhận %3 vào %4</translation>
    </message>
    <message>
        <source>•••• stored in %1 (read from %2)</source>
        <translation>•••• đã lưu trong %1 (đọc từ %2)</translation>
    </message>
    <message>
        <source>•••• read from the file %1</source>
        <translation>•••• đọc từ tệp %1</translation>
    </message>
    <message>
        <source>•••• stored in %1</source>
        <translation>•••• đã lưu trong %1</translation>
    </message>
    <message>
        <source>•••• masked by amtool; enter the value</source>
        <translation>•••• đã bị amtool che; hãy nhập giá trị</translation>
    </message>
    <message>
        <source>•••• written in the configuration; enter it again to move it to %1</source>
        <translation>•••• đã ghi trong cấu hình; hãy nhập lại để chuyển nó sang %1</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Add an integration to say where notifications go.</source>
        <translation>Thêm một tích hợp để chỉ định nơi gửi thông báo.</translation>
    </message>
    <message>
        <source>No receiver selected.</source>
        <translation>Chưa chọn bộ nhận nào.</translation>
    </message>
    <message>
        <source>%1 integration %2 (%3)</source>
        <translation>Tích hợp %1 %2 (%3)</translation>
    </message>
    <message>
        <source>Send resolved notifications</source>
        <translation>Gửi thông báo đã giải quyết</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Bắt buộc.</translation>
    </message>
    <message>
        <source>A secret: stored outside the configuration, never shown.</source>
        <translation>Bí mật: được lưu ngoài cấu hình, không bao giờ hiển thị.</translation>
    </message>
    <message>
        <source>Unset: taken from global %1.</source>
        <translation>Chưa đặt: lấy từ %1 toàn cục.</translation>
    </message>
    <message>
        <source>Partly checked: not set (the default applies).</source>
        <translation>Chọn một phần: chưa đặt (áp dụng giá trị mặc định).</translation>
    </message>
    <message>
        <source>YAML; applied when the box loses focus.</source>
        <translation>YAML; được áp dụng khi ô mất tiêu điểm.</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>mặc định: %1</translation>
    </message>
    <message>
        <source>from global %1: %2</source>
        <translation>từ %1 toàn cục: %2</translation>
    </message>
    <message>
        <source>from global %1 (not set there)</source>
        <translation>từ %1 toàn cục (chưa đặt ở đó)</translation>
    </message>
    <message>
        <source>storing in %1…</source>
        <translation>đang lưu vào %1…</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>chưa đặt</translation>
    </message>
    <message>
        <source>%1 integration %2 has no settings yet; it needs %3.</source>
        <translation>Tích hợp %1 %2 chưa có thiết lập nào; nó cần %3.</translation>
    </message>
    <message>
        <source>✓ The configuration loads in Alertmanager %1.</source>
        <translation>✓ Cấu hình tải được trong Alertmanager %1.</translation>
    </message>
    <message>
        <source>Alertmanager %1: %2</source>
        <translation>Alertmanager %1: %2</translation>
    </message>
    <message>
        <source>the root route</source>
        <translation>tuyến gốc</translation>
    </message>
    <message>
        <source>route %1</source>
        <translation>tuyến %1</translation>
    </message>
    <message>
        <source>A receiver needs a name.</source>
        <translation>Bộ nhận cần có tên.</translation>
    </message>
    <message>
        <source>The name must not start or end with spaces.</source>
        <translation>Tên không được bắt đầu hoặc kết thúc bằng dấu cách.</translation>
    </message>
    <message>
        <source>A receiver called &quot;%1&quot; exists already.</source>
        <translation>Đã tồn tại bộ nhận tên &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The secret was not saved: %1</source>
        <translation>Bí mật chưa được lưu: %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::ReceiverLoadModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Time zone of night, weekend and peak hour (the receiver&apos;s located time interval, else the view&apos;s zone)</source>
        <translation>Múi giờ dùng để tính ban đêm, cuối tuần và giờ cao điểm (location của khoảng thời gian của bộ nhận, nếu không có thì múi giờ của chế độ xem)</translation>
    </message>
    <message>
        <source>Notifications per day over the simulated range</source>
        <translation>Số thông báo mỗi ngày trong khoảng mô phỏng</translation>
    </message>
    <message>
        <source>Most notifications within one clock hour</source>
        <translation>Số thông báo nhiều nhất trong một giờ đồng hồ</translation>
    </message>
    <message>
        <source>Notifications between 22:00 and 07:00 local time</source>
        <translation>Số thông báo từ 22:00 đến 07:00 giờ địa phương</translation>
    </message>
    <message>
        <source>Notifications on Saturday or Sunday local time</source>
        <translation>Số thông báo vào thứ Bảy hoặc Chủ nhật theo giờ địa phương</translation>
    </message>
    <message>
        <source>Mean time from an alert&apos;s start to its first notification</source>
        <translation>Thời gian trung bình từ khi cảnh báo bắt đầu đến thông báo đầu tiên</translation>
    </message>
    <message>
        <source>Alerts held back by inhibition, silences or time intervals, per flush</source>
        <translation>Số cảnh báo bị giữ lại do ức chế, tắt tiếng hoặc khoảng thời gian, tính theo mỗi lần flush</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Bộ nhận</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Múi giờ</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Mỗi ngày</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>Mỗi tuần</translation>
    </message>
    <message>
        <source>Peak / hour</source>
        <translation>Cao điểm / giờ</translation>
    </message>
    <message>
        <source>At night</source>
        <translation>Ban đêm</translation>
    </message>
    <message>
        <source>On weekends</source>
        <translation>Cuối tuần</translation>
    </message>
    <message>
        <source>Time to first</source>
        <translation>Thời gian đến lần đầu</translation>
    </message>
    <message>
        <source>Suppressed</source>
        <translation>Bị chặn</translation>
    </message>
</context>
<context>
    <name>pharos::app::RelabelPlayground</name>
    <message>
        <source>unexpected &apos;{&apos;</source>
        <translation>không mong đợi &apos;{&apos;</translation>
    </message>
    <message>
        <source>unexpected &apos;}&apos;</source>
        <translation>không mong đợi &apos;}&apos;</translation>
    </message>
    <message>
        <source>expected name=value</source>
        <translation>cần name=value</translation>
    </message>
    <message>
        <source>invalid label name &quot;%1&quot;</source>
        <translation>tên nhãn &quot;%1&quot; không hợp lệ</translation>
    </message>
    <message>
        <source>unterminated quoted value for &quot;%1&quot;</source>
        <translation>giá trị trong ngoặc kép của &quot;%1&quot; chưa được đóng</translation>
    </message>
    <message>
        <source>missing &apos;}&apos;</source>
        <translation>thiếu &apos;}&apos;</translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation>Nhãn: %1</translation>
    </message>
    <message>
        <source>relabel_configs: %1:%2: %3</source>
        <translation>relabel_configs: %1:%2: %3</translation>
    </message>
    <message>
        <source>input</source>
        <translation>đầu vào</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>đã bỏ</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>chưa tới</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Kết quả: %1</translation>
    </message>
    <message>
        <source>The label set is dropped.</source>
        <translation>Tập nhãn bị bỏ.</translation>
    </message>
    <message>
        <source>Labels (a=&quot;1&quot;, b=&quot;2&quot; or one name=value per line):</source>
        <translation>Nhãn (a=&quot;1&quot;, b=&quot;2&quot; hoặc mỗi dòng một name=value):</translation>
    </message>
    <message>
        <source>relabel_configs (YAML):</source>
        <translation>relabel_configs (YAML):</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Bước</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Quy tắc</translation>
    </message>
    <message>
        <source>Labels after the step</source>
        <translation>Nhãn sau bước này</translation>
    </message>
</context>
<context>
    <name>pharos::app::RoutingDock</name>
    <message>
        <source>missing closing &apos;}&apos;</source>
        <translation>thiếu dấu &apos;}&apos; đóng</translation>
    </message>
    <message>
        <source>expected name=value at column %1</source>
        <translation>cần name=value tại cột %1</translation>
    </message>
    <message>
        <source>invalid label name &quot;%1&quot; at column %2</source>
        <translation>tên nhãn &quot;%1&quot; không hợp lệ tại cột %2</translation>
    </message>
    <message>
        <source>unterminated quoted value for &quot;%1&quot;</source>
        <translation>giá trị trong ngoặc kép của &quot;%1&quot; chưa được đóng</translation>
    </message>
    <message>
        <source>no labels given</source>
        <translation>chưa nhập nhãn nào</translation>
    </message>
    <message>
        <source>Unsaved routing changes</source>
        <translation>Thay đổi định tuyến chưa lưu</translation>
    </message>
    <message>
        <source>Discard the unsaved changes to %1?</source>
        <translation>Bỏ các thay đổi chưa lưu của %1?</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>Định tuyến</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Vừa khung</translation>
    </message>
    <message>
        <source>Scale the route graph to fit the view</source>
        <translation>Thu phóng sơ đồ định tuyến cho vừa khung nhìn</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Write the edited routing back to the workspace document (Ctrl+S)</source>
        <translation>Ghi định tuyến đã sửa vào tài liệu của không gian làm việc (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save Routing</source>
        <translation>Lưu định tuyến</translation>
    </message>
    <message>
        <source>Receiver:</source>
        <translation>Người nhận:</translation>
    </message>
    <message>
        <source>Matchers:</source>
        <translation>Bộ so khớp:</translation>
    </message>
    <message>
        <source>severity=&quot;critical&quot;, team=~&quot;web|api&quot;</source>
        <translation>severity=&quot;critical&quot;, team=~&quot;web|api&quot;</translation>
    </message>
    <message>
        <source>empty: inherited from the parent</source>
        <translation>để trống: kế thừa từ tuyến cha</translation>
    </message>
    <message>
        <source>Add Child</source>
        <translation>Thêm tuyến con</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Toggle Continue</source>
        <translation>Bật/tắt continue</translation>
    </message>
    <message>
        <source>Test alert:</source>
        <translation>Thử cảnh báo:</translation>
    </message>
    <message>
        <source>{severity=&quot;critical&quot;, team=&quot;web&quot;} or severity=critical team=web</source>
        <translation>{severity=&quot;critical&quot;, team=&quot;web&quot;} hoặc severity=critical team=web</translation>
    </message>
    <message>
        <source>At:</source>
        <translation>Lúc:</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Người nhận</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Tuyến</translation>
    </message>
    <message>
        <source>Group key</source>
        <translation>Khóa nhóm</translation>
    </message>
    <message>
        <source>group_wait</source>
        <translation>group_wait</translation>
    </message>
    <message>
        <source>group_interval</source>
        <translation>group_interval</translation>
    </message>
    <message>
        <source>repeat_interval</source>
        <translation>repeat_interval</translation>
    </message>
    <message>
        <source>Muted at time</source>
        <translation>Bị tắt tiếng vào lúc đó</translation>
    </message>
    <message>
        <source>This workspace has no routing configuration.</source>
        <translation>Không gian làm việc này chưa có cấu hình định tuyến.</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Chưa mở không gian làm việc.</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>Không tải được %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n receiver(s)</source>
        <translation>
            <numerusform>%1: %n người nhận</numerusform>
        </translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(mặc định)</translation>
    </message>
    <message>
        <source>(inherited)</source>
        <translation>(kế thừa)</translation>
    </message>
    <message>
        <source>root route</source>
        <translation>tuyến gốc</translation>
    </message>
    <message>
        <source>(matches every alert)</source>
        <translation>(khớp mọi cảnh báo)</translation>
    </message>
    <message>
        <source>(no integrations)</source>
        <translation>(không có tích hợp)</translation>
    </message>
    <message>
        <source>Select a route in the graph.</source>
        <translation>Hãy chọn một tuyến trong sơ đồ.</translation>
    </message>
    <message>
        <source>Effective settings</source>
        <translation>Thiết lập có hiệu lực</translation>
    </message>
    <message>
        <source>route key</source>
        <translation>khóa tuyến</translation>
    </message>
    <message>
        <source>Test alert: %1</source>
        <translation>Thử cảnh báo: %1</translation>
    </message>
    <message>
        <source>muted by %1</source>
        <translation>bị tắt tiếng bởi %1</translation>
    </message>
    <message>
        <source>outside %1</source>
        <translation>ngoài %1</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>inhibit rule %1 (while an alert matching %2 fires with equal %3)</source>
        <translation>quy tắc chặn %1 (khi một cảnh báo khớp %2 đang kích hoạt với %3 bằng nhau)</translation>
    </message>
    <message numerus="yes">
        <source>%n matching route(s) for %1.</source>
        <translation>
            <numerusform>%n tuyến khớp với %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Can be inhibited by: %1</source>
        <translation>Có thể bị chặn bởi: %1</translation>
    </message>
    <message>
        <source>Add child route</source>
        <translation>Thêm tuyến con</translation>
    </message>
    <message>
        <source>Delete route</source>
        <translation>Xóa tuyến</translation>
    </message>
    <message>
        <source>Toggle continue</source>
        <translation>Bật/tắt continue</translation>
    </message>
    <message>
        <source>the root route needs a receiver</source>
        <translation>tuyến gốc cần một người nhận</translation>
    </message>
    <message>
        <source>undefined receiver &quot;%1&quot;</source>
        <translation>người nhận &quot;%1&quot; chưa được định nghĩa</translation>
    </message>
    <message>
        <source>the root route cannot have matchers</source>
        <translation>tuyến gốc không được có bộ so khớp</translation>
    </message>
    <message>
        <source>Set receiver</source>
        <translation>Đặt người nhận</translation>
    </message>
    <message>
        <source>Set matchers</source>
        <translation>Đặt bộ so khớp</translation>
    </message>
    <message>
        <source>The workspace is open read-only; the routing cannot be saved.</source>
        <translation>Không gian làm việc đang mở chỉ đọc; không lưu được định tuyến.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Chưa lưu: %1</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Đã lưu %1.</translation>
    </message>
    <message>
        <source>Add Sibling</source>
        <translation>Thêm cùng cấp</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Di chuyển lên</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Di chuyển xuống</translation>
    </message>
    <message>
        <source>Routes are tried in order: move the route before its previous sibling</source>
        <translation>Các tuyến được thử theo thứ tự: di chuyển tuyến lên trước tuyến cùng cấp liền trước</translation>
    </message>
    <message>
        <source>Move the route after its next sibling</source>
        <translation>Di chuyển tuyến xuống sau tuyến cùng cấp liền sau</translation>
    </message>
    <message>
        <source>Add a route below the selected one (or drag a route onto another to re-parent it)</source>
        <translation>Thêm một tuyến bên dưới tuyến đã chọn (hoặc kéo một tuyến thả lên tuyến khác để đổi tuyến cha)</translation>
    </message>
    <message>
        <source>Label names separated by commas, or ... to group by all labels; press Enter to apply</source>
        <translation>Tên nhãn phân cách bằng dấu phẩy, hoặc ... để nhóm theo tất cả nhãn; nhấn Enter để áp dụng</translation>
    </message>
    <message>
        <source>A duration such as 30s, 5m or 4h; press Enter to apply</source>
        <translation>Khoảng thời gian như 30s, 5m hoặc 4h; nhấn Enter để áp dụng</translation>
    </message>
    <message>
        <source>Time interval names separated by commas; press Enter to apply</source>
        <translation>Tên khoảng thời gian phân cách bằng dấu phẩy; nhấn Enter để áp dụng</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>mặc định: %1</translation>
    </message>
    <message>
        <source>inherited: %1</source>
        <translation>kế thừa: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>Add sibling route</source>
        <translation>Thêm tuyến cùng cấp</translation>
    </message>
    <message>
        <source>Move route up</source>
        <translation>Di chuyển tuyến lên</translation>
    </message>
    <message>
        <source>Move route down</source>
        <translation>Di chuyển tuyến xuống</translation>
    </message>
    <message>
        <source>Move route</source>
        <translation>Di chuyển tuyến</translation>
    </message>
    <message>
        <source>A route cannot be moved into its own subtree.</source>
        <translation>Không thể di chuyển một tuyến vào cây con của chính nó.</translation>
    </message>
    <message>
        <source>cannot have wildcard group_by (`...`) and other labels at the same time</source>
        <translation>không thể đồng thời dùng group_by ký tự đại diện (`...`) và các nhãn khác</translation>
    </message>
    <message>
        <source>invalid label name &quot;%1&quot; in group_by list</source>
        <translation>tên nhãn &quot;%1&quot; không hợp lệ trong danh sách group_by</translation>
    </message>
    <message>
        <source>duplicated label &quot;%1&quot; in group_by</source>
        <translation>nhãn &quot;%1&quot; bị trùng lặp trong group_by</translation>
    </message>
    <message>
        <source>group_interval cannot be zero</source>
        <translation>group_interval không được bằng 0</translation>
    </message>
    <message>
        <source>repeat_interval cannot be zero</source>
        <translation>repeat_interval không được bằng 0</translation>
    </message>
    <message>
        <source>root route must not have any mute time intervals</source>
        <translation>tuyến gốc không được có bất kỳ mute_time_intervals nào</translation>
    </message>
    <message>
        <source>root route must not have any active time intervals</source>
        <translation>tuyến gốc không được có bất kỳ active_time_intervals nào</translation>
    </message>
    <message>
        <source>undefined time interval &quot;%1&quot; used in route</source>
        <translation>tuyến sử dụng khoảng thời gian chưa được định nghĩa &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>Đặt %1</translation>
    </message>
    <message>
        <source>Receivers</source>
        <translation>Bộ nhận</translation>
    </message>
    <message>
        <source>Inhibition</source>
        <translation>Ức chế</translation>
    </message>
    <message>
        <source>Time Intervals</source>
        <translation>Khoảng thời gian</translation>
    </message>
    <message>
        <source>Silences</source>
        <translation>Tắt tiếng</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Nhập…</translation>
    </message>
    <message>
        <source>Import an alertmanager.yml as a new routing configuration (fields Pharos does not edit are kept; inline secrets move to the keychain)</source>
        <translation>Nhập alertmanager.yml làm cấu hình định tuyến mới (các trường Pharos không chỉnh sửa được giữ nguyên; bí mật nội tuyến được chuyển vào chuỗi khóa)</translation>
    </message>
    <message>
        <source>Import Routing from File…</source>
        <translation>Nhập định tuyến từ tệp…</translation>
    </message>
    <message>
        <source>No alertmanager*.yml in the export folder %1</source>
        <translation>Không có alertmanager*.yml trong thư mục xuất %1</translation>
    </message>
    <message>
        <source>From the export folder %1:</source>
        <translation>Từ thư mục xuất %1:</translation>
    </message>
    <message>
        <source>Import Alertmanager Configuration</source>
        <translation>Nhập cấu hình Alertmanager</translation>
    </message>
    <message>
        <source>Alertmanager configuration (*.yml *.yaml);;All files (*)</source>
        <translation>Cấu hình Alertmanager (*.yml *.yaml);;Tất cả tệp (*)</translation>
    </message>
    <message>
        <source>Name of the routing configuration in the workspace:</source>
        <translation>Tên của cấu hình định tuyến trong không gian làm việc:</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Đang nhập %1…</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>Chưa nhập: %1</translation>
    </message>
    <message>
        <source>A routing configuration named %1 exists and has unsaved changes here. Replace it with %2 and discard the changes?</source>
        <translation>Đã có cấu hình định tuyến tên %1 và có thay đổi chưa lưu tại đây. Thay thế bằng %2 và hủy bỏ các thay đổi?</translation>
    </message>
    <message>
        <source>A routing configuration named %1 exists. Replace it with %2?</source>
        <translation>Đã có cấu hình định tuyến tên %1. Thay thế bằng %2?</translation>
    </message>
    <message>
        <source>Replace Routing Configuration</source>
        <translation>Thay thế cấu hình định tuyến</translation>
    </message>
    <message>
        <source>Not imported: %1 was kept.</source>
        <translation>Chưa nhập: đã giữ nguyên %1.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <source>Imported %1 as %2 (replaced).</source>
        <translation>Đã nhập %1 thành %2 (đã thay thế).</translation>
    </message>
    <message>
        <source>Imported %1 as %2.</source>
        <translation>Đã nhập %1 thành %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n inline secret(s) moved to %1; the configuration now reads them from files or placeholders.</source>
        <translation>
            <numerusform>Đã chuyển %n bí mật nội tuyến sang %1; cấu hình giờ đọc chúng từ tệp hoặc phần giữ chỗ.</numerusform>
        </translation>
    </message>
    <message>
        <source>From Simulation</source>
        <translation>Từ mô phỏng</translation>
    </message>
    <message>
        <source>Pick an alert of the last simulation (the rules&apos; backtest or the alert list) as the test alert</source>
        <translation>Chọn một cảnh báo của lần mô phỏng gần nhất (kiểm thử ngược quy tắc hoặc danh sách cảnh báo) làm cảnh báo thử</translation>
    </message>
</context>
<context>
    <name>pharos::app::RowHeader</name>
    <message numerus="yes">
        <source>(%n panel(s))</source>
        <translation>
            <numerusform>(%n bảng)</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to expand the row</source>
        <translation>Nhấp để mở rộng hàng</translation>
    </message>
    <message>
        <source>Click to collapse the row</source>
        <translation>Nhấp để thu gọn hàng</translation>
    </message>
    <message>
        <source>Rename row…</source>
        <translation>Đổi tên hàng…</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Xóa hàng</translation>
    </message>
</context>
<context>
    <name>pharos::app::RuleBuilderWidget</name>
    <message>
        <source>Query</source>
        <translation>Truy vấn</translation>
    </message>
    <message>
        <source>Divide by a second query (ratio)</source>
        <translation>Chia cho một truy vấn thứ hai (tỷ lệ)</translation>
    </message>
    <message>
        <source>For example errors divided by all requests</source>
        <translation>Ví dụ: số lỗi chia cho tổng số yêu cầu</translation>
    </message>
    <message>
        <source>Multiply by 100 (percent)</source>
        <translation>Nhân với 100 (phần trăm)</translation>
    </message>
    <message>
        <source>Divided by</source>
        <translation>Chia cho</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Điều kiện</translation>
    </message>
    <message>
        <source>none (no comparison)</source>
        <translation>không có (không so sánh)</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>ngưỡng</translation>
    </message>
    <message>
        <source>PromQL:</source>
        <translation>PromQL:</translation>
    </message>
    <message>
        <source>Divided by: %1</source>
        <translation>Chia cho: %1</translation>
    </message>
    <message>
        <source>Threshold: &quot;%1&quot; is not a number</source>
        <translation>Ngưỡng: &quot;%1&quot; không phải là số</translation>
    </message>
    <message>
        <source>(incomplete)</source>
        <translation>(chưa hoàn chỉnh)</translation>
    </message>
    <message>
        <source>The expression does not parse: %1</source>
        <translation>Không thể phân tích biểu thức: %1</translation>
    </message>
    <message>
        <source>Edit it in PromQL mode: the text stays the source of truth, and the builder comes back when the expression has a shape it can show.</source>
        <translation>Hãy chỉnh sửa trong chế độ PromQL: văn bản vẫn là nguồn chuẩn, và trình dựng sẽ quay lại khi biểu thức có dạng mà nó hiển thị được.</translation>
    </message>
    <message>
        <source>The builder cannot show this expression: it uses %1.</source>
        <translation>Trình dựng không thể hiển thị biểu thức này: nó dùng %1.</translation>
    </message>
</context>
<context>
    <name>pharos::app::RuleEditorView</name>
    <message>
        <source>Rule</source>
        <translation>Quy tắc</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>Biểu thức</translation>
    </message>
    <message>
        <source>0s</source>
        <translation>0s</translation>
    </message>
    <message>
        <source>Keep firing for</source>
        <translation>Giữ kích hoạt trong</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Thời gian chờ</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>Chú thích</translation>
    </message>
    <message>
        <source>Preview over</source>
        <translation>Xem trước trong</translation>
    </message>
    <message>
        <source>last 6 hours</source>
        <translation>6 giờ qua</translation>
    </message>
    <message>
        <source>last 24 hours</source>
        <translation>24 giờ qua</translation>
    </message>
    <message>
        <source>last 2 days</source>
        <translation>2 ngày qua</translation>
    </message>
    <message>
        <source>What if: firings by threshold and for</source>
        <translation>Giả định: số lần kích hoạt theo ngưỡng và for</translation>
    </message>
    <message>
        <source>Click a cell to use its threshold and for</source>
        <translation>Nhấp vào một ô để dùng ngưỡng và for của ô đó</translation>
    </message>
    <message>
        <source>every %1</source>
        <translation>mỗi %1</translation>
    </message>
    <message>
        <source>every 1m (default)</source>
        <translation>mỗi 1m (mặc định)</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>cảnh báo</translation>
    </message>
    <message>
        <source>record</source>
        <translation>ghi</translation>
    </message>
    <message>
        <source>A rule needs a name.</source>
        <translation>Quy tắc cần có tên.</translation>
    </message>
    <message>
        <source>Rename rule</source>
        <translation>Đổi tên quy tắc</translation>
    </message>
    <message>
        <source>Edit expression</source>
        <translation>Sửa biểu thức</translation>
    </message>
    <message>
        <source>%1: not a duration (%2); use e.g. 30s, 5m, 1h30m</source>
        <translation>%1: không phải khoảng thời gian hợp lệ (%2); hãy dùng ví dụ 30s, 5m, 1h30m</translation>
    </message>
    <message>
        <source>Change keep_firing_for</source>
        <translation>Thay đổi keep_firing_for</translation>
    </message>
    <message>
        <source>Change for</source>
        <translation>Thay đổi for</translation>
    </message>
    <message>
        <source>Edit annotations</source>
        <translation>Sửa chú thích</translation>
    </message>
    <message>
        <source>Edit labels</source>
        <translation>Sửa nhãn</translation>
    </message>
    <message>
        <source>Apply what-if threshold and for</source>
        <translation>Áp dụng ngưỡng và for giả định</translation>
    </message>
    <message>
        <source>No TSDB is open.</source>
        <translation>Chưa mở TSDB nào.</translation>
    </message>
    <message>
        <source>Backtesting…</source>
        <translation>Đang kiểm thử ngược…</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>đang kích hoạt</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>trong %1</translation>
    </message>
    <message numerus="yes">
        <source>%n firing(s), %1 firing in total</source>
        <translation>
            <numerusform>%n lần kích hoạt, tổng thời gian kích hoạt %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Lỗi: %1</translation>
    </message>
    <message>
        <source>Select a rule.</source>
        <translation>Hãy chọn một quy tắc.</translation>
    </message>
    <message>
        <source>Recording rule: the chart shows its expression.</source>
        <translation>Quy tắc ghi: biểu đồ hiển thị biểu thức của quy tắc.</translation>
    </message>
    <message numerus="yes">
        <source>%n firing(s)</source>
        <translation>
            <numerusform>%n lần kích hoạt</numerusform>
        </translation>
    </message>
    <message>
        <source>firing for %1 in total</source>
        <translation>tổng thời gian kích hoạt %1</translation>
    </message>
    <message>
        <source>longest %1</source>
        <translation>dài nhất %1</translation>
    </message>
    <message numerus="yes">
        <source>%n flap(s)</source>
        <translation>
            <numerusform>%n lần chập chờn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n series would fire</source>
        <translation>
            <numerusform>%n chuỗi sẽ kích hoạt</numerusform>
        </translation>
    </message>
    <message>
        <source>Builder</source>
        <translation>Trình dựng</translation>
    </message>
    <message>
        <source>Build the expression from a metric, filters, a function and a threshold</source>
        <translation>Dựng biểu thức từ một chỉ số, các bộ lọc, một hàm và một ngưỡng</translation>
    </message>
    <message>
        <source>PromQL</source>
        <translation>PromQL</translation>
    </message>
    <message>
        <source>Edit the expression as PromQL text</source>
        <translation>Chỉnh sửa biểu thức dưới dạng văn bản PromQL</translation>
    </message>
    <message>
        <source>Edit expression in the builder</source>
        <translation>Chỉnh sửa biểu thức trong trình dựng</translation>
    </message>
    <message>
        <source>Add Group</source>
        <translation>Thêm nhóm</translation>
    </message>
    <message>
        <source>Add a rule group at the end of the file</source>
        <translation>Thêm một nhóm quy tắc vào cuối tệp</translation>
    </message>
    <message>
        <source>Add Alert</source>
        <translation>Thêm cảnh báo</translation>
    </message>
    <message>
        <source>Add an alerting rule to the selected group</source>
        <translation>Thêm một quy tắc cảnh báo vào nhóm đã chọn</translation>
    </message>
    <message>
        <source>Add Recording Rule</source>
        <translation>Thêm quy tắc ghi</translation>
    </message>
    <message>
        <source>Add a recording rule to the selected group</source>
        <translation>Thêm một quy tắc ghi vào nhóm đã chọn</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Nhân bản</translation>
    </message>
    <message>
        <source>Duplicate the selected rule</source>
        <translation>Nhân bản quy tắc đã chọn</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Delete the selected rule, or the selected group with its rules</source>
        <translation>Xóa quy tắc đã chọn, hoặc nhóm đã chọn cùng các quy tắc của nó</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>Di chuyển lên</translation>
    </message>
    <message>
        <source>Move the selected rule up (into the previous group at the top)</source>
        <translation>Di chuyển quy tắc đã chọn lên (ở đầu nhóm thì chuyển sang nhóm trước)</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>Di chuyển xuống</translation>
    </message>
    <message>
        <source>Move the selected rule down (into the next group at the bottom)</source>
        <translation>Di chuyển quy tắc đã chọn xuống (ở cuối nhóm thì chuyển sang nhóm sau)</translation>
    </message>
    <message>
        <source>Template Library…</source>
        <translation>Thư viện mẫu…</translation>
    </message>
    <message>
        <source>Insert rules from the template library into the selected group</source>
        <translation>Chèn quy tắc từ thư viện mẫu vào nhóm đã chọn</translation>
    </message>
    <message>
        <source>Freeze as Test…</source>
        <translation>Cố định thành bài kiểm thử…</translation>
    </message>
    <message>
        <source>Write a promtool unit test of the selected alert from the recorded data of the preview window</source>
        <translation>Viết bài kiểm thử đơn vị promtool cho cảnh báo đã chọn từ dữ liệu đã ghi trong khoảng xem trước</translation>
    </message>
    <message>
        <source>Select an alerting rule to freeze.</source>
        <translation>Hãy chọn một quy tắc cảnh báo để cố định.</translation>
    </message>
    <message>
        <source>Freeze as promtool Test</source>
        <translation>Cố định thành bài kiểm thử promtool</translation>
    </message>
    <message>
        <source>Rule tests (*.yml *.yaml)</source>
        <translation>Bài kiểm thử quy tắc (*.yml *.yaml)</translation>
    </message>
    <message>
        <source>global evaluation_interval</source>
        <translation>evaluation_interval toàn cục</translation>
    </message>
    <message>
        <source>global rule_query_offset</source>
        <translation>rule_query_offset toàn cục</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>không giới hạn</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Khoảng thời gian</translation>
    </message>
    <message>
        <source>Query offset</source>
        <translation>Độ lệch truy vấn</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Giới hạn</translation>
    </message>
    <message>
        <source>A group needs a name.</source>
        <translation>Nhóm cần có tên.</translation>
    </message>
    <message>
        <source>A group named &quot;%1&quot; already exists in this file.</source>
        <translation>Tệp này đã có nhóm tên &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Add group %1</source>
        <translation>Thêm nhóm %1</translation>
    </message>
    <message>
        <source>Rename group to %1</source>
        <translation>Đổi tên nhóm thành %1</translation>
    </message>
    <message>
        <source>The interval must be greater than zero.</source>
        <translation>Khoảng thời gian phải lớn hơn không.</translation>
    </message>
    <message>
        <source>Invalid interval: %1</source>
        <translation>Khoảng thời gian không hợp lệ: %1</translation>
    </message>
    <message>
        <source>Set group interval</source>
        <translation>Đặt khoảng thời gian của nhóm</translation>
    </message>
    <message>
        <source>Invalid query offset: %1</source>
        <translation>Độ lệch truy vấn không hợp lệ: %1</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>là số âm</translation>
    </message>
    <message>
        <source>Set group query offset</source>
        <translation>Đặt độ lệch truy vấn của nhóm</translation>
    </message>
    <message>
        <source>The limit cannot be negative.</source>
        <translation>Giới hạn không được là số âm.</translation>
    </message>
    <message>
        <source>Set group limit</source>
        <translation>Đặt giới hạn của nhóm</translation>
    </message>
    <message>
        <source>Select a group to delete.</source>
        <translation>Hãy chọn một nhóm để xóa.</translation>
    </message>
    <message>
        <source>Delete group %1</source>
        <translation>Xóa nhóm %1</translation>
    </message>
    <message>
        <source>Add a group first.</source>
        <translation>Hãy thêm một nhóm trước.</translation>
    </message>
    <message>
        <source>Add alerting rule</source>
        <translation>Thêm quy tắc cảnh báo</translation>
    </message>
    <message>
        <source>Add recording rule</source>
        <translation>Thêm quy tắc ghi</translation>
    </message>
    <message>
        <source>Select a rule to duplicate.</source>
        <translation>Hãy chọn một quy tắc để nhân bản.</translation>
    </message>
    <message>
        <source>Duplicate rule</source>
        <translation>Nhân bản quy tắc</translation>
    </message>
    <message>
        <source>Select a rule to delete.</source>
        <translation>Hãy chọn một quy tắc để xóa.</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>Xóa quy tắc</translation>
    </message>
    <message>
        <source>Select a rule to move.</source>
        <translation>Hãy chọn một quy tắc để di chuyển.</translation>
    </message>
    <message>
        <source>Move rule</source>
        <translation>Di chuyển quy tắc</translation>
    </message>
    <message numerus="yes">
        <source>Insert %n rule(s) from the template library</source>
        <translation>
            <numerusform>Chèn %n quy tắc từ thư viện mẫu</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Không thể ghi %1: %2</translation>
    </message>
    <message>
        <source>%1 input series, %2 evaluation times (%3 expecting alerts); rules in %4</source>
        <translation>%1 chuỗi đầu vào, %2 thời điểm đánh giá (%3 thời điểm chờ có cảnh báo); quy tắc trong %4</translation>
    </message>
    <message>
        <source>team=web, tier=&quot;1&quot;</source>
        <translation>team=web, tier=&quot;1&quot;</translation>
    </message>
    <message>
        <source>Labels added to every rule&apos;s result (Prometheus 3 group labels)</source>
        <translation>Nhãn được thêm vào kết quả của mọi quy tắc (nhãn nhóm của Prometheus 3)</translation>
    </message>
    <message>
        <source>Set threshold</source>
        <translation>Đặt ngưỡng</translation>
    </message>
    <message>
        <source>Expected name=value at column %1.</source>
        <translation>Cần name=value tại cột %1.</translation>
    </message>
    <message>
        <source>Unterminated quoted value for &quot;%1&quot;.</source>
        <translation>Giá trị trong ngoặc kép của &quot;%1&quot; chưa được đóng.</translation>
    </message>
    <message>
        <source>Invalid label name &quot;%1&quot;.</source>
        <translation>Tên nhãn &quot;%1&quot; không hợp lệ.</translation>
    </message>
    <message>
        <source>Label &quot;%1&quot; is given twice.</source>
        <translation>Nhãn &quot;%1&quot; bị khai báo hai lần.</translation>
    </message>
    <message>
        <source>Set group labels</source>
        <translation>Đặt nhãn của nhóm</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Dòng %1: %2</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Tắt</translation>
    </message>
    <message>
        <source>Disable the selected rule (kept as a comment, not exported as a rule, not evaluated, backtested or simulated), or enable it again</source>
        <translation>Tắt quy tắc đã chọn (giữ lại dưới dạng chú thích, không xuất thành quy tắc, không đánh giá, không kiểm thử ngược hay mô phỏng), hoặc bật lại</translation>
    </message>
    <message>
        <source>Select a rule to enable or disable.</source>
        <translation>Hãy chọn một quy tắc để bật hoặc tắt.</translation>
    </message>
    <message>
        <source>Disabled: exported as a comment, not evaluated.</source>
        <translation>Đã tắt: xuất dưới dạng chú thích, không được đánh giá.</translation>
    </message>
    <message>
        <source>alert, disabled</source>
        <translation>cảnh báo, đã tắt</translation>
    </message>
    <message>
        <source>record, disabled</source>
        <translation>ghi, đã tắt</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Bật</translation>
    </message>
    <message>
        <source>Disabled rule, previewed as if enabled:</source>
        <translation>Quy tắc đã tắt, xem trước như khi được bật:</translation>
    </message>
    <message>
        <source>Enable rule</source>
        <translation>Bật quy tắc</translation>
    </message>
    <message>
        <source>Disable rule</source>
        <translation>Tắt quy tắc</translation>
    </message>
</context>
<context>
    <name>pharos::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Theo hệ thống</translation>
    </message>
    <message>
        <source>The interface switches language at once; messages already in the Problems list keep the language they were written in.</source>
        <translation>Giao diện đổi ngôn ngữ ngay lập tức; các thông báo đã có trong danh sách Sự cố giữ nguyên ngôn ngữ lúc chúng được ghi.</translation>
    </message>
</context>
<context>
    <name>pharos::app::SilenceEditor</name>
    <message>
        <source>Filter by matcher, creator or comment</source>
        <translation>Lọc theo bộ so khớp, người tạo hoặc ghi chú</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang hiệu lực</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Đã hết hạn</translation>
    </message>
    <message>
        <source>New silence</source>
        <translation>Tắt tiếng mới</translation>
    </message>
    <message>
        <source>Expire</source>
        <translation>Cho hết hạn</translation>
    </message>
    <message>
        <source>Matchers:</source>
        <translation>Bộ so khớp:</translation>
    </message>
    <message>
        <source>alertname=&quot;HighLatency&quot;, env=~&quot;prod.*&quot;</source>
        <translation>alertname=&quot;HighLatency&quot;, env=~&quot;prod.*&quot;</translation>
    </message>
    <message>
        <source>Starts:</source>
        <translation>Bắt đầu:</translation>
    </message>
    <message>
        <source>Ends:</source>
        <translation>Kết thúc:</translation>
    </message>
    <message>
        <source>or duration:</source>
        <translation>hoặc thời lượng:</translation>
    </message>
    <message>
        <source>2h</source>
        <translation>2h</translation>
    </message>
    <message>
        <source>Created by:</source>
        <translation>Người tạo:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Ghi chú:</translation>
    </message>
    <message>
        <source>Save silence</source>
        <translation>Lưu tắt tiếng</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Matchers</source>
        <translation>Bộ so khớp</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Người tạo</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Alert labels</source>
        <translation>Nhãn cảnh báo</translation>
    </message>
    <message>
        <source>At now</source>
        <translation>Tại thời điểm hiện tại</translation>
    </message>
    <message>
        <source>Cannot read the silences of %1: %2</source>
        <translation>Không thể đọc các tắt tiếng của %1: %2</translation>
    </message>
    <message>
        <source>The workspace is read-only: silences are not saved.</source>
        <translation>Không gian làm việc ở chế độ chỉ đọc: các tắt tiếng không được lưu.</translation>
    </message>
    <message>
        <source>Cannot save silences: %1</source>
        <translation>Không thể lưu các tắt tiếng: %1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <source>active</source>
        <translation>đang hiệu lực</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>đã hết hạn</translation>
    </message>
    <message>
        <source>Create silence</source>
        <translation>Tạo tắt tiếng</translation>
    </message>
    <message>
        <source>Update silence</source>
        <translation>Cập nhật tắt tiếng</translation>
    </message>
    <message>
        <source>the duration must be positive</source>
        <translation>thời lượng phải là số dương</translation>
    </message>
    <message>
        <source>Preview: enter valid matchers to see the alerts they select.</source>
        <translation>Xem trước: nhập bộ so khớp hợp lệ để xem các cảnh báo được chọn.</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>đang kích hoạt</translation>
    </message>
    <message>
        <source>not firing</source>
        <translation>không kích hoạt</translation>
    </message>
    <message>
        <source>Preview: matches %1 of %2 alerts.</source>
        <translation>Xem trước: khớp %1 trên %2 cảnh báo.</translation>
    </message>
    <message>
        <source>Edit silence %1</source>
        <translation>Sửa tắt tiếng %1</translation>
    </message>
    <message>
        <source>Add silence %1</source>
        <translation>Thêm tắt tiếng %1</translation>
    </message>
    <message>
        <source>Expire silence %1</source>
        <translation>Cho tắt tiếng %1 hết hạn</translation>
    </message>
</context>
<context>
    <name>pharos::app::SimulationView</name>
    <message>
        <source>Alert list</source>
        <translation>Danh sách cảnh báo</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Tệp JSON (*.json);;Tất cả tệp (*)</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>Đang chạy: %1</translation>
    </message>
    <message>
        <source>Routing (A):</source>
        <translation>Định tuyến (A):</translation>
    </message>
    <message>
        <source>Compare with (B):</source>
        <translation>So sánh với (B):</translation>
    </message>
    <message>
        <source>Alerts:</source>
        <translation>Cảnh báo:</translation>
    </message>
    <message>
        <source>Workspace rules over recorded data</source>
        <translation>Quy tắc của không gian làm việc trên dữ liệu đã ghi</translation>
    </message>
    <message>
        <source>Alert list file (JSON)</source>
        <translation>Tệp danh sách cảnh báo (JSON)</translation>
    </message>
    <message numerus="yes">
        <source>Given alert list (%n alert(s))</source>
        <translation>
            <numerusform>Danh sách cảnh báo cho sẵn (%n cảnh báo)</numerusform>
        </translation>
    </message>
    <message>
        <source>alerts.json — Alertmanager API shape: labels, annotations, startsAt, endsAt</source>
        <translation>alerts.json — định dạng API Alertmanager: labels, annotations, startsAt, endsAt</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Duyệt…</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Khoảng:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Whole list</source>
        <translation>Toàn bộ danh sách</translation>
    </message>
    <message>
        <source>Simulate the alert list over its own time span</source>
        <translation>Mô phỏng danh sách cảnh báo trong khoảng thời gian của chính nó</translation>
    </message>
    <message>
        <source>Zone:</source>
        <translation>Múi giờ:</translation>
    </message>
    <message>
        <source>Time zone of night and weekend counts for receivers whose routes use no located time interval</source>
        <translation>Múi giờ để đếm ban đêm và cuối tuần cho các bộ nhận có tuyến không dùng khoảng thời gian có location</translation>
    </message>
    <message>
        <source>Simulate</source>
        <translation>Mô phỏng</translation>
    </message>
    <message>
        <source>Route the alerts and simulate the notifications (runs in the background)</source>
        <translation>Định tuyến các cảnh báo và mô phỏng thông báo (chạy ở chế độ nền)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Timeline of:</source>
        <translation>Dòng thời gian của:</translation>
    </message>
    <message>
        <source>A (routing)</source>
        <translation>A (định tuyến)</translation>
    </message>
    <message>
        <source>B (compared)</source>
        <translation>B (so sánh)</translation>
    </message>
    <message>
        <source>first</source>
        <translation>lần đầu</translation>
    </message>
    <message>
        <source>update</source>
        <translation>cập nhật</translation>
    </message>
    <message>
        <source>repeat</source>
        <translation>lặp lại</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>đã giải quyết</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>bị chặn</translation>
    </message>
    <message>
        <source>Pager load</source>
        <translation>Tải gọi trực</translation>
    </message>
    <message>
        <source>Noisiest</source>
        <translation>Ồn ào nhất</translation>
    </message>
    <message>
        <source>Compare A / B</source>
        <translation>So sánh A / B</translation>
    </message>
    <message>
        <source>Message preview</source>
        <translation>Xem trước tin nhắn</translation>
    </message>
    <message>
        <source>Click a notification marker on the timeline to see the message its receiver&apos;s template renders.</source>
        <translation>Nhấp vào một điểm đánh dấu thông báo trên dòng thời gian để xem tin nhắn mà mẫu của bộ nhận hiển thị.</translation>
    </message>
    <message>
        <source>Current edit</source>
        <translation>Bản chỉnh sửa hiện tại</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <source>current edit</source>
        <translation>bản chỉnh sửa hiện tại</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Chưa mở không gian làm việc nào.</translation>
    </message>
    <message>
        <source>This workspace has no routing configuration.</source>
        <translation>Không gian làm việc này không có cấu hình định tuyến.</translation>
    </message>
    <message>
        <source>The range is empty: its end must be after its start.</source>
        <translation>Khoảng trống: thời điểm kết thúc phải sau thời điểm bắt đầu.</translation>
    </message>
    <message>
        <source>Choose an alert list file.</source>
        <translation>Hãy chọn một tệp danh sách cảnh báo.</translation>
    </message>
    <message>
        <source>This workspace has no rule files.</source>
        <translation>Không gian làm việc này không có tệp quy tắc nào.</translation>
    </message>
    <message>
        <source>No TSDB is open.</source>
        <translation>Chưa mở TSDB nào.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Đang chạy…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <source>Simulation failed: %1</source>
        <translation>Mô phỏng thất bại: %1</translation>
    </message>
    <message>
        <source>Choose a configuration under &quot;Compare with (B)&quot; to compare pages per receiver.</source>
        <translation>Hãy chọn một cấu hình trong &quot;So sánh với (B)&quot; để so sánh số lượt gọi theo từng bộ nhận.</translation>
    </message>
    <message>
        <source>Both configurations send the same number of notifications to every receiver.</source>
        <translation>Cả hai cấu hình gửi cùng số thông báo đến mọi bộ nhận.</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s), </source>
        <translation>
            <numerusform>%n cảnh báo, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s), </source>
        <translation>
            <numerusform>%n thông báo, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suppression(s) from %1 to %2</source>
        <translation>
            <numerusform>%n lần chặn từ %1 đến %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) backtested</source>
        <translation>
            <numerusform>Đã kiểm thử ngược %n quy tắc</numerusform>
        </translation>
    </message>
    <message>
        <source>B sends %1</source>
        <translation>B gửi %1</translation>
    </message>
    <message>
        <source>templates: %1</source>
        <translation>mẫu: %1</translation>
    </message>
    <message>
        <source>Rule error: %1</source>
        <translation>Lỗi quy tắc: %1</translation>
    </message>
    <message>
        <source>%1 to %2 (%3)</source>
        <translation>%1 đến %2 (%3)</translation>
    </message>
    <message>
        <source>At %1
Group %2
Firing: %3, resolved: %4
</source>
        <translation>Lúc %1
Nhóm %2
Đang kích hoạt: %3, đã giải quyết: %4
</translation>
    </message>
    <message>
        <source>Cannot render the message: %1</source>
        <translation>Không thể hiển thị tin nhắn: %1</translation>
    </message>
    <message>
        <source>Receiver %1 has no integrations: Alertmanager sends nothing.</source>
        <translation>Bộ nhận %1 không có tích hợp nào: Alertmanager không gửi gì cả.</translation>
    </message>
    <message>
        <source>Suppressed notification for %1</source>
        <translation>Thông báo bị chặn cho %1</translation>
    </message>
    <message>
        <source>inhibited</source>
        <translation>bị ức chế</translation>
    </message>
    <message>
        <source>silenced</source>
        <translation>bị tắt tiếng</translation>
    </message>
    <message>
        <source>muted by a time interval</source>
        <translation>bị tạm ngưng bởi một khoảng thời gian</translation>
    </message>
    <message>
        <source>outside its active time interval</source>
        <translation>nằm ngoài khoảng thời gian hoạt động của nó</translation>
    </message>
    <message>
        <source>At %1
Alert %2
Group %3
Reason: %4 (%5)
</source>
        <translation>Lúc %1
Cảnh báo %2
Nhóm %3
Lý do: %4 (%5)
</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>%1
From %2
Until %3
</source>
        <translation>%1
Từ %2
Đến %3
</translation>
    </message>
    <message>
        <source>still firing</source>
        <translation>vẫn đang kích hoạt</translation>
    </message>
    <message numerus="yes">
        <source>In %n notification(s) while firing.</source>
        <translation>
            <numerusform>Có trong %n thông báo khi đang kích hoạt.</numerusform>
        </translation>
    </message>
    <message>
        <source>A second configuration simulated over the same alerts, e.g. the last export or the saved document against the current edit</source>
        <translation>Một cấu hình thứ hai được mô phỏng trên cùng các cảnh báo, ví dụ lần xuất gần nhất hoặc tài liệu đã lưu, để so sánh với bản đang chỉnh sửa</translation>
    </message>
    <message>
        <source>night (22:00–07:00)</source>
        <translation>ban đêm (22:00–07:00)</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>cuối tuần</translation>
    </message>
    <message>
        <source>Lanes are shaded where it is night (22:00–07:00) or weekend in the receiver&apos;s zone: the hours counted as night and weekend pages</source>
        <translation>Các làn được tô bóng ở những khoảng là ban đêm (22:00–07:00) hoặc cuối tuần theo múi giờ của bộ nhận: các giờ được tính là lượt gọi trực ban đêm và cuối tuần</translation>
    </message>
    <message>
        <source>Last export (%1)</source>
        <translation>Lần xuất gần nhất (%1)</translation>
    </message>
    <message>
        <source>Last export (%1, commit %2)</source>
        <translation>Lần xuất gần nhất (%1, commit %2)</translation>
    </message>
    <message>
        <source>What was last exported from %1 (the deployed routing)</source>
        <translation>Nội dung xuất gần nhất từ %1 (định tuyến đã triển khai)</translation>
    </message>
    <message>
        <source>last export</source>
        <translation>lần xuất gần nhất</translation>
    </message>
</context>
<context>
    <name>pharos::app::StatPanel</name>
    <message>
        <source>No data</source>
        <translation>Không có dữ liệu</translation>
    </message>
</context>
<context>
    <name>pharos::app::TablePanel</name>
    <message>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Không có dữ liệu</translation>
    </message>
</context>
<context>
    <name>pharos::app::TargetsDock</name>
    <message>
        <source>No workspace open.</source>
        <translation>Chưa mở không gian làm việc.</translation>
    </message>
    <message>
        <source>The workspace is open read-only; scraping would write to its TSDB.</source>
        <translation>Không gian làm việc đang mở chỉ đọc; việc thu thập sẽ ghi vào TSDB của nó.</translation>
    </message>
    <message>
        <source>The workspace has no prometheus.yml.</source>
        <translation>Không gian làm việc không có prometheus.yml.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Không đọc được %1: %2</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Đã dừng.</translation>
    </message>
    <message>
        <source>Stopping (writing staleness markers)…</source>
        <translation>Đang dừng (ghi dấu hiệu dữ liệu cũ)…</translation>
    </message>
    <message>
        <source>Scraping %1 into the workspace TSDB: %2 targets, %3 up.</source>
        <translation>Đang thu thập %1 vào TSDB của không gian làm việc: %2 mục tiêu, %3 đang hoạt động.</translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>Job %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Job %1: %n target(s) dropped by relabeling</source>
        <translation>
            <numerusform>Job %1: %n mục tiêu bị bỏ do gắn nhãn lại</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a target to see its labels.</source>
        <translation>Chọn một mục tiêu để xem nhãn của nó.</translation>
    </message>
    <message>
        <source>Discovered labels (before relabeling)</source>
        <translation>Nhãn phát hiện được (trước khi gắn nhãn lại)</translation>
    </message>
    <message>
        <source>Target labels (after relabeling)</source>
        <translation>Nhãn mục tiêu (sau khi gắn nhãn lại)</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Mục tiêu</translation>
    </message>
    <message>
        <source>Relabel Playground</source>
        <translation>Thử gắn nhãn lại</translation>
    </message>
    <message>
        <source>Start Scraping</source>
        <translation>Bắt đầu thu thập</translation>
    </message>
    <message>
        <source>Scrape the targets of the workspace&apos;s prometheus.yml into its TSDB</source>
        <translation>Thu thập các mục tiêu trong prometheus.yml của không gian làm việc vào TSDB của nó</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Scrape Now</source>
        <translation>Thu thập ngay</translation>
    </message>
    <message>
        <source>Scrape every target right away</source>
        <translation>Thu thập mọi mục tiêu ngay lập tức</translation>
    </message>
    <message>
        <source>Filter targets (job, endpoint, labels, error)…</source>
        <translation>Lọc mục tiêu (job, endpoint, nhãn, lỗi)…</translation>
    </message>
    <message>
        <source>The workspace TSDB is not open (yet).</source>
        <translation>TSDB của không gian làm việc chưa được mở.</translation>
    </message>
</context>
<context>
    <name>pharos::app::TargetsModel</name>
    <message>
        <source>%1 ms ago</source>
        <translation>%1 ms trước</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 giây trước</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 phút trước</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 giờ trước</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 giây</translation>
    </message>
    <message>
        <source>up</source>
        <translation>hoạt động</translation>
    </message>
    <message>
        <source>down</source>
        <translation>ngừng</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <source>Last scrape</source>
        <translation>Lần thu thập cuối</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Thời lượng</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Số mẫu</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Lỗi gần nhất</translation>
    </message>
</context>
<context>
    <name>pharos::app::TemplateLibraryDialog</name>
    <message>
        <source>The rule template library was not found (looked in %1).</source>
        <translation>Không tìm thấy thư viện mẫu quy tắc (đã tìm trong %1).</translation>
    </message>
    <message>
        <source>Rule Template Library</source>
        <translation>Thư viện mẫu quy tắc</translation>
    </message>
    <message>
        <source>Search templates, metrics, descriptions…</source>
        <translation>Tìm kiếm mẫu, chỉ số, mô tả…</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>Rules to insert</source>
        <translation>Quy tắc sẽ chèn</translation>
    </message>
    <message>
        <source>Insert Rules</source>
        <translation>Chèn quy tắc</translation>
    </message>
    <message>
        <source>Reset to Defaults</source>
        <translation>Khôi phục mặc định</translation>
    </message>
    <message>
        <source>a number from %1 to %2</source>
        <translation>một số từ %1 đến %2</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>một số</translation>
    </message>
    <message>
        <source>label matchers, e.g. job=&quot;api&quot; (empty: all)</source>
        <translation>bộ so khớp nhãn, ví dụ job=&quot;api&quot; (để trống: tất cả)</translation>
    </message>
    <message>
        <source>No template selected</source>
        <translation>Chưa chọn mẫu</translation>
    </message>
    <message>
        <source>Category: %1 · template id: %2</source>
        <translation>Danh mục: %1 · id mẫu: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>Parameter label in the template form: name and type, e.g. &quot;threshold (number)&quot;.</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Fix the highlighted parameters: %1</source>
        <translation>Hãy sửa các tham số được đánh dấu: %1</translation>
    </message>
    <message>
        <source># The rules cannot be built yet:
# %1</source>
        <translation># Chưa thể tạo các quy tắc:
# %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::TemplateTextEdit</name>
    <message>
        <source>Template text, e.g. {{ $labels.instance }} is down</source>
        <translation>Văn bản mẫu, ví dụ {{ $labels.instance }} đã ngừng hoạt động</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimeIntervalCalendar</name>
    <message>
        <source>%1
(date rule)</source>
        <translation>%1
(quy tắc ngày)</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimeIntervalEditor</name>
    <message>
        <source>root route</source>
        <translation>tuyến gốc</translation>
    </message>
    <message>
        <source>route %1</source>
        <translation>tuyến %1</translation>
    </message>
    <message>
        <source>%1 (mute_time_intervals)</source>
        <translation>%1 (mute_time_intervals)</translation>
    </message>
    <message>
        <source>%1 (active_time_intervals)</source>
        <translation>%1 (active_time_intervals)</translation>
    </message>
    <message>
        <source>Add interval</source>
        <translation>Thêm khoảng</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Tên:</translation>
    </message>
    <message>
        <source>Entry:</source>
        <translation>Mục:</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>Thêm mục</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>Xóa mục</translation>
    </message>
    <message>
        <source>Times:</source>
        <translation>Thời gian:</translation>
    </message>
    <message>
        <source>Weekdays:</source>
        <translation>Ngày trong tuần:</translation>
    </message>
    <message>
        <source>Days of month:</source>
        <translation>Ngày trong tháng:</translation>
    </message>
    <message>
        <source>Months:</source>
        <translation>Tháng:</translation>
    </message>
    <message>
        <source>Years:</source>
        <translation>Năm:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Vị trí múi giờ:</translation>
    </message>
    <message>
        <source>09:00-18:00, 20:00-22:00</source>
        <translation>09:00-18:00, 20:00-22:00</translation>
    </message>
    <message>
        <source>monday:friday, sunday</source>
        <translation>monday:friday, sunday</translation>
    </message>
    <message>
        <source>1:7, -1</source>
        <translation>1:7, -1</translation>
    </message>
    <message>
        <source>december, january:march</source>
        <translation>december, january:march</translation>
    </message>
    <message>
        <source>2026, 2027:2028</source>
        <translation>2026, 2027:2028</translation>
    </message>
    <message>
        <source>Europe/Berlin (empty: UTC)</source>
        <translation>Europe/Berlin (để trống: UTC)</translation>
    </message>
    <message>
        <source>Presets:</source>
        <translation>Mẫu có sẵn:</translation>
    </message>
    <message>
        <source>Business hours 09:00–18:00 Mon–Fri</source>
        <translation>Giờ làm việc 09:00–18:00 Thứ Hai–Thứ Sáu</translation>
    </message>
    <message>
        <source>Weekends</source>
        <translation>Cuối tuần</translation>
    </message>
    <message>
        <source>Nights 18:00–09:00</source>
        <translation>Ban đêm 18:00–09:00</translation>
    </message>
    <message>
        <source>Add holiday date</source>
        <translation>Thêm ngày lễ</translation>
    </message>
    <message>
        <source>Week of:</source>
        <translation>Tuần chứa ngày:</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>Tuần trước</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Tuần sau</translation>
    </message>
    <message>
        <source>%1 (legacy mute_time_intervals)</source>
        <translation>%1 (mute_time_intervals cũ)</translation>
    </message>
    <message numerus="yes">
        <source>%n route reference(s)</source>
        <translation>
            <numerusform>%n tham chiếu tuyến</numerusform>
        </translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation>Mục %1</translation>
    </message>
    <message>
        <source>interval-%1</source>
        <translation>interval-%1</translation>
    </message>
    <message>
        <source>time interval &quot;%1&quot; is not unique</source>
        <translation>khoảng thời gian &quot;%1&quot; không duy nhất</translation>
    </message>
    <message>
        <source>Add time interval %1</source>
        <translation>Thêm khoảng thời gian %1</translation>
    </message>
    <message>
        <source>missing name in time interval</source>
        <translation>khoảng thời gian thiếu tên</translation>
    </message>
    <message>
        <source>Rename time interval %1 to %2</source>
        <translation>Đổi tên khoảng thời gian %1 thành %2</translation>
    </message>
    <message>
        <source>Time interval &quot;%1&quot; is still used by %2.</source>
        <translation>Khoảng thời gian &quot;%1&quot; vẫn đang được dùng bởi %2.</translation>
    </message>
    <message>
        <source>Delete time interval %1</source>
        <translation>Xóa khoảng thời gian %1</translation>
    </message>
    <message>
        <source>Add entry to time interval %1</source>
        <translation>Thêm mục vào khoảng thời gian %1</translation>
    </message>
    <message>
        <source>Delete entry %1 of time interval %2</source>
        <translation>Xóa mục %1 của khoảng thời gian %2</translation>
    </message>
    <message>
        <source>Edit %1 of time interval %2</source>
        <translation>Sửa %1 của khoảng thời gian %2</translation>
    </message>
    <message>
        <source>business hours</source>
        <translation>giờ làm việc</translation>
    </message>
    <message>
        <source>weekends</source>
        <translation>cuối tuần</translation>
    </message>
    <message>
        <source>nights</source>
        <translation>ban đêm</translation>
    </message>
    <message>
        <source>Set time interval %1 to %2</source>
        <translation>Đặt khoảng thời gian %1 thành %2</translation>
    </message>
    <message>
        <source>Add holiday %1 to time interval %2</source>
        <translation>Thêm ngày lễ %1 vào khoảng thời gian %2</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimeRangePicker</name>
    <message>
        <source>Last 5 minutes</source>
        <translation>5 phút qua</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>15 phút qua</translation>
    </message>
    <message>
        <source>Last 30 minutes</source>
        <translation>30 phút qua</translation>
    </message>
    <message>
        <source>Last 1 hour</source>
        <translation>1 giờ qua</translation>
    </message>
    <message>
        <source>Last 3 hours</source>
        <translation>3 giờ qua</translation>
    </message>
    <message>
        <source>Last 6 hours</source>
        <translation>6 giờ qua</translation>
    </message>
    <message>
        <source>Last 12 hours</source>
        <translation>12 giờ qua</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>24 giờ qua</translation>
    </message>
    <message>
        <source>Last 2 days</source>
        <translation>2 ngày qua</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 ngày qua</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 ngày qua</translation>
    </message>
    <message>
        <source>Absolute range</source>
        <translation>Khoảng tuyệt đối</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Show the absolute range from – to</source>
        <translation>Hiển thị khoảng tuyệt đối từ – đến</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Run the queries again (a relative range moves to now)</source>
        <translation>Chạy lại các truy vấn (khoảng tương đối sẽ dời đến hiện tại)</translation>
    </message>
    <message>
        <source>Auto-refresh off</source>
        <translation>Tắt tự động làm mới</translation>
    </message>
    <message>
        <source>Every 10s</source>
        <translation>Mỗi 10s</translation>
    </message>
    <message>
        <source>Every 30s</source>
        <translation>Mỗi 30s</translation>
    </message>
    <message>
        <source>Every 1m</source>
        <translation>Mỗi 1m</translation>
    </message>
    <message>
        <source>Every 5m</source>
        <translation>Mỗi 5m</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimeSeriesChart</name>
    <message>
        <source>Undo zoom</source>
        <translation>Hoàn tác thu phóng</translation>
    </message>
    <message>
        <source>Back to the time range before the last zoom or pan (Backspace)</source>
        <translation>Quay lại khoảng thời gian trước lần thu phóng hoặc kéo gần nhất (Backspace)</translation>
    </message>
    <message>
        <source>A/B cursors</source>
        <translation>Con trỏ A/B</translation>
    </message>
    <message>
        <source>Click in the plot to place cursors A and B; drag them to move</source>
        <translation>Nhấp vào đồ thị để đặt con trỏ A và B; kéo để di chuyển</translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… thêm %n mục</numerusform>
        </translation>
    </message>
    <message>
        <source>Click in the plot to place cursor A, then B.</source>
        <translation>Nhấp vào đồ thị để đặt con trỏ A, sau đó đến B.</translation>
    </message>
    <message>
        <source>Δt = %1</source>
        <translation>Δt = %1</translation>
    </message>
    <message>
        <source>%1: A %2, B %3, Δ %4; min %5, max %6, avg %7</source>
        <translation>%1: A %2, B %3, Δ %4; nhỏ nhất %5, lớn nhất %6, trung bình %7</translation>
    </message>
    <message>
        <source>Threshold: %1</source>
        <translation>Ngưỡng: %1</translation>
    </message>
</context>
<context>
    <name>pharos::app::TimelineView</name>
    <message>
        <source>Notification timeline: wheel zooms, drag pans, double click fits the range, click a marker to preview its message.</source>
        <translation>Dòng thời gian thông báo: cuộn chuột để thu phóng, kéo để di chuyển, nhấp đúp để vừa khoảng, nhấp vào điểm đánh dấu để xem trước tin nhắn.</translation>
    </message>
    <message>
        <source>inhibited by %1 (%2)</source>
        <translation>bị ức chế bởi %1 (%2)</translation>
    </message>
    <message>
        <source>inhibited (%1)</source>
        <translation>bị ức chế (%1)</translation>
    </message>
    <message>
        <source>silenced by %1</source>
        <translation>bị tắt tiếng bởi %1</translation>
    </message>
    <message>
        <source>muted by time interval %1</source>
        <translation>bị tạm ngưng bởi khoảng thời gian %1</translation>
    </message>
    <message>
        <source>outside the active time interval (%1)</source>
        <translation>nằm ngoài khoảng thời gian hoạt động (%1)</translation>
    </message>
    <message>
        <source>First notification</source>
        <translation>Thông báo đầu tiên</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Cập nhật</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Lặp lại</translation>
    </message>
    <message>
        <source>Resolved notification</source>
        <translation>Thông báo đã giải quyết</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; to %2 via %3&lt;br&gt;at %4&lt;br&gt;group %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; đến %2 qua %3&lt;br&gt;lúc %4&lt;br&gt;nhóm %5</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… và %n mục khác</numerusform>
        </translation>
    </message>
    <message>
        <source>firing (%1):</source>
        <translation>đang kích hoạt (%1):</translation>
    </message>
    <message>
        <source>resolved (%1):</source>
        <translation>đã giải quyết (%1):</translation>
    </message>
    <message>
        <source>Click to preview the message.</source>
        <translation>Nhấp để xem trước tin nhắn.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suppressed&lt;/b&gt; at %1 for %2&lt;br&gt;%3</source>
        <translation>&lt;b&gt;Bị chặn&lt;/b&gt; lúc %1 cho %2&lt;br&gt;%3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Alert&lt;/b&gt; %1&lt;br&gt;from %2&lt;br&gt;until %3</source>
        <translation>&lt;b&gt;Cảnh báo&lt;/b&gt; %1&lt;br&gt;từ %2&lt;br&gt;đến %3</translation>
    </message>
    <message>
        <source>still firing</source>
        <translation>vẫn đang kích hoạt</translation>
    </message>
    <message>
        <source>%1 — times in UTC</source>
        <translation>%1 — thời gian theo UTC</translation>
    </message>
    <message>
        <source>Times in UTC</source>
        <translation>Thời gian theo UTC</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n notification(s)</source>
        <translation>
            <numerusform>%1 — %n thông báo</numerusform>
        </translation>
    </message>
    <message>
        <source>(all alerts)</source>
        <translation>(tất cả cảnh báo)</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n cảnh báo</numerusform>
        </translation>
    </message>
    <message>
        <source>The simulation did not finish.</source>
        <translation>Mô phỏng chưa hoàn tất.</translation>
    </message>
    <message>
        <source>Run a simulation to see its notifications here.</source>
        <translation>Chạy mô phỏng để xem các thông báo tại đây.</translation>
    </message>
    <message>
        <source>No alert reached a receiver in this range.</source>
        <translation>Không có cảnh báo nào đến được bộ nhận trong khoảng này.</translation>
    </message>
    <message numerus="yes">
        <source>Receiver %1&lt;br&gt;group %2&lt;br&gt;group key %3&lt;br&gt;%n alert(s)</source>
        <translation>
            <numerusform>Bộ nhận %1&lt;br&gt;nhóm %2&lt;br&gt;khóa nhóm %3&lt;br&gt;%n cảnh báo</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pharos::app::TsLegend</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Cuối cùng</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Nhỏ nhất</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Lớn nhất</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Trung bình</translation>
    </message>
    <message>
        <source>%1
Last: %2  Min: %3  Max: %4  Mean: %5</source>
        <translation>%1
Cuối: %2  Nhỏ nhất: %3  Lớn nhất: %4  Trung bình: %5</translation>
    </message>
</context>
<context>
    <name>pharos::app::WorkspaceDock</name>
    <message>
        <source>Workspace</source>
        <translation>Không gian làm việc</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Lọc</translation>
    </message>
</context>
<context>
    <name>pharos::app::WorkspaceModel</name>
    <message>
        <source>Rule files</source>
        <translation>Tệp quy tắc</translation>
    </message>
    <message>
        <source>Routing configurations</source>
        <translation>Cấu hình định tuyến</translation>
    </message>
    <message>
        <source>Scrape configurations</source>
        <translation>Cấu hình thu thập</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>Bảng điều khiển</translation>
    </message>
    <message>
        <source>%1 — double-click to open</source>
        <translation>%1 — nhấp đúp để mở</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Notification templates</source>
        <translation>Mẫu thông báo</translation>
    </message>
    <message>
        <source>Rule tests</source>
        <translation>Kiểm thử quy tắc</translation>
    </message>
    <message>
        <source>Prometheus configuration</source>
        <translation>Cấu hình Prometheus</translation>
    </message>
    <message>
        <source>Silences</source>
        <translation>Im lặng</translation>
    </message>
    <message>
        <source>Datasources</source>
        <translation>Nguồn dữ liệu</translation>
    </message>
</context>
</TS>
